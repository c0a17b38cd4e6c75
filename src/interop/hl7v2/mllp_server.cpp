#include "interop/hl7v2/mllp_server.hpp"

#include <spdlog/spdlog.h>

// GCC 12 at -O2 reports -Wnull-dereference false positives inside the Boost.Asio code it inlines
// (see http/server.cpp); silenced around the includes only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#pragma GCC diagnostic pop
#include <map>
#include <mutex>
#include <thread>

#include "interop/hl7v2/mllp.hpp"

namespace nara::interop::hl7v2 {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

namespace {

// One sender's connection. Everything but `reply` runs on the listener's single I/O thread, so
// the connection's state needs no lock; replies from the ingest thread are posted onto it.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, const MllpServerOptions& options,
             const MllpServer::Handler& handler)
      : socket_(std::move(socket)),
        resume_(socket_.get_executor()),
        decoder_(options.max_message_bytes),
        max_in_flight_(options.max_in_flight),
        handler_(handler) {
    boost::system::error_code ec;
    const auto remote = socket_.remote_endpoint(ec);
    peer_ = ec ? "unknown" : remote.address().to_string() + ":" + std::to_string(remote.port());
    resume_.expires_at(asio::steady_timer::time_point::max());
  }

  asio::awaitable<void> read_loop() {
    std::array<char, std::size_t{16} * 1024> buffer{};
    for (;;) {
      while (in_flight() >= max_in_flight_) {
        co_await resume_.async_wait(use_tuple);  // woken when an ACK has gone out
      }
      auto [ec, n] = co_await socket_.async_read_some(asio::buffer(buffer), use_tuple);
      if (ec) break;
      for (auto& message : decoder_.feed(std::string_view(buffer.data(), n))) {
        const std::uint64_t seq = next_seq_++;
        auto self = shared_from_this();
        auto executor = socket_.get_executor();
        handler_(std::move(message), peer_, [self, executor, seq](std::string ack) {
          asio::post(executor, [self, seq, ack = std::move(ack)]() mutable {
            self->ready(seq, std::move(ack));
          });
        });
      }
      if (decoder_.error()) {
        spdlog::warn(R"({{"event":"mllp_framing_error","peer":"{}","detail":"{}"}})", peer_,
                     *decoder_.error());
        break;
      }
    }
    reading_ = false;
    if (in_flight() == 0) close();
  }

 private:
  [[nodiscard]] std::size_t in_flight() const { return next_seq_ - next_to_send_; }

  // ACKs leave in message order whatever order they are ready in.
  void ready(std::uint64_t seq, std::string ack) {
    done_.emplace(seq, std::move(ack));
    while (!done_.empty() && done_.begin()->first == next_to_send_) {
      outgoing_ += mllp_frame(done_.begin()->second);
      done_.erase(done_.begin());
      ++next_to_send_;
    }
    write();
  }

  void write() {
    if (writing_ || outgoing_.empty()) return;
    writing_ = true;
    sending_.swap(outgoing_);
    outgoing_.clear();
    asio::async_write(socket_, asio::buffer(sending_),
                      [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        self->writing_ = false;
                        self->sending_.clear();
                        if (ec) {
                          self->close();
                          return;
                        }
                        self->resume_.cancel();
                        self->write();
                        if (!self->reading_ && self->in_flight() == 0 && !self->writing_)
                          self->close();
                      });
  }

  void close() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    resume_.cancel();
  }

  tcp::socket socket_;
  asio::steady_timer resume_;
  MllpDecoder decoder_;
  std::size_t max_in_flight_;
  const MllpServer::Handler& handler_;
  std::string peer_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t next_to_send_ = 0;
  std::map<std::uint64_t, std::string> done_;
  std::string outgoing_;
  std::string sending_;
  bool writing_ = false;
  bool reading_ = true;
};

}  // namespace

struct MllpServer::Impl {
  MllpServerOptions options;
  Handler handler;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::thread thread;
  std::once_flag stopped;

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
      if (ec) {
        if (!acceptor.is_open()) co_return;
        continue;
      }
      socket.set_option(tcp::no_delay(true));
      auto connection = std::make_shared<Connection>(std::move(socket), options, handler);
      asio::co_spawn(
          io, [connection]() { return connection->read_loop(); }, asio::detached);
    }
  }
};

MllpServer::MllpServer(MllpServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
}

MllpServer::~MllpServer() {
  stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::uint16_t MllpServer::start() {
  auto& impl = *impl_;
  const tcp::endpoint endpoint(asio::ip::make_address(impl.options.address), impl.options.port);
  impl.acceptor.open(endpoint.protocol());
  impl.acceptor.set_option(asio::socket_base::reuse_address(true));
  impl.acceptor.bind(endpoint);
  impl.acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(impl.io, impl.accept_loop(), asio::detached);
  impl.thread = std::thread([&impl] { impl.io.run(); });
  return impl.acceptor.local_endpoint().port();
}

void MllpServer::stop() {
  std::call_once(impl_->stopped, [this] {
    asio::post(impl_->io, [this] {
      boost::system::error_code ignored;
      impl_->acceptor.close(ignored);
    });
    impl_->io.stop();
  });
}

}  // namespace nara::interop::hl7v2
