#include "http/server.hpp"

#include <spdlog/spdlog.h>

// GCC 12 at -O2 reports -Wnull-dereference false positives inside Boost.Asio code it inlines
// (executor comparison, scheduler work counting), which broke the release preset. The warning is
// attributed to the header lines, so silencing it around these includes keeps it for our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#pragma GCC diagnostic pop
#include <array>
#include <boost/url/parse.hpp>
#include <mutex>

#include "core/response_barrier.hpp"

namespace nara::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

namespace {

Method to_method(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return Method::get;
    case bhttp::verb::post:
      return Method::post;
    case bhttp::verb::put:
      return Method::put;
    case bhttp::verb::patch:
      return Method::patch;
    case bhttp::verb::delete_:
      return Method::del;
    case bhttp::verb::head:
      return Method::head;
    case bhttp::verb::options:
      return Method::options;
    default:
      return Method::other;
  }
}

// Fills path and query from the request target; false when the target is not a valid origin-form.
bool parse_target(Request& request) {
  auto parsed = boost::urls::parse_origin_form(request.target);
  if (!parsed && request.target.find('|') != std::string::npos) {
    // FHIR token searches (identifier=system|value) are often sent with the bar unescaped;
    // RFC 3986 does not allow it in a query, but it is unambiguous there.
    std::string escaped;
    for (const char c : request.target)
      escaped += c == '|' ? std::string("%7C") : std::string(1, c);
    request.target = std::move(escaped);
    parsed = boost::urls::parse_origin_form(request.target);
  }
  if (!parsed) return false;
  request.path = parsed->path();
  if (request.path.empty()) request.path = "/";
  for (const auto& param : parsed->params()) request.query.emplace_back(param.key, param.value);
  return true;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  ProblemWriter problem_writer;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  std::vector<std::thread> threads;
  std::once_flag stopped;

  Impl(ServerOptions o, Handler h, ProblemWriter p)
      : options(std::move(o)),
        handler(std::move(h)),
        problem_writer(std::move(p)),
        io(static_cast<int>(options.threads)) {}

  std::size_t body_limit_for(std::string_view target) const {
    const auto path = target.substr(0, target.find('?'));
    const auto it = options.large_body_paths.find(path);
    return it == options.large_body_paths.end() ? options.max_body_bytes : it->second;
  }

  bhttp::response<bhttp::string_body> to_beast(Response&& response, unsigned version,
                                               bool keep_alive, bool head) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(response.status), version};
    res.set(bhttp::field::server, "nara");
    res.set(bhttp::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) res.insert(name, value);
    res.keep_alive(keep_alive);
    res.body() = std::move(response.body);
    res.prepare_payload();
    if (head) res.body().clear();
    return res;
  }

  // Coroutines whose work has finished, resumed together by one posted task: a group commit
  // finishes dozens of requests at once, and posting each one separately woke an I/O thread per
  // request (a fifth of the audit writer's time went into those wake-ups).
  std::mutex ready_mutex;
  std::vector<std::function<void()>> ready;

  void resume_when_ready(std::function<void()> resume) {
    bool first = false;
    {
      const std::lock_guard lock(ready_mutex);
      first = ready.empty();
      ready.push_back(std::move(resume));
    }
    if (first) {
      asio::post(io, [this] {
        std::vector<std::function<void()>> batch;
        {
          const std::lock_guard lock(ready_mutex);
          batch.swap(ready);
        }
        for (auto& resume_one : batch) resume_one();
      });
    }
  }

  // Resumes the calling coroutine on an I/O thread once `work` has finished, without blocking
  // the thread meanwhile; yields the work's error, if any.
  asio::awaitable<std::exception_ptr> finished(std::shared_ptr<core::Completion> work) {
    // as_tuple: hand the error over as a value instead of rethrowing it in the coroutine.
    auto [error] = co_await asio::async_initiate<decltype(use_tuple), void(std::exception_ptr)>(
        [&work, this](auto completion_handler) {
          // std::function needs a copyable target; the coroutine's handler is move-only.
          auto shared =
              std::make_shared<decltype(completion_handler)>(std::move(completion_handler));
          work->on_finish([shared, this](std::exception_ptr e) {
            resume_when_ready([shared, e] { std::move (*shared)(e); });
          });
        },
        use_tuple);
    co_return error;
  }

  // A body refused for its size is usually still on its way: closing at once would reset the
  // connection under a client that is still writing it, before it reads the 413. So stop
  // sending, and read and discard what comes (a lingering close, RFC 9112 §9.6) for a few
  // seconds at most.
  asio::awaitable<void> drain(beast::tcp_stream& stream) {
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.expires_after(std::chrono::seconds(5));
    std::array<char, 64 * 1024> sink{};
    for (;;) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), use_tuple);
      (void)n;
      if (ec) break;
    }
  }

  asio::awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    std::string remote;
    beast::error_code ignored;
    const auto endpoint = stream.socket().remote_endpoint(ignored);
    if (!ignored) remote = endpoint.address().to_string();
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      // The header names the path, and the path its body limit: a declared length is checked
      // against it here, a chunked body as it arrives.
      parser.body_limit(boost::none);
      stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
      auto [ec, bytes] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
      std::size_t body_limit = options.max_body_bytes;
      std::string target;
      if (!ec) {
        target = std::string(parser.get().target());
        body_limit = body_limit_for(target);
        const auto length = parser.content_length();
        if (length && *length > body_limit) {
          ec = bhttp::error::body_limit;
        } else {
          parser.body_limit(body_limit);
          if (parser.get()[bhttp::field::expect] == "100-continue") {
            // A client that waits to be asked for a large body (curl does above 1 MB).
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
            co_await bhttp::async_write(stream, go_on, use_tuple);
          }
          std::tie(ec, bytes) = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
        }
      }
      (void)bytes;
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
          ec == asio::error::connection_reset || ec == asio::error::eof ||
          ec == asio::error::operation_aborted) {
        break;
      }
      Request request;
      request.remote_address = remote;
      if (ec) {
        // Unreadable request: answer once with a problem and close, since framing may be lost.
        const bool too_large = ec == bhttp::error::body_limit;
        const bool header_too_large = ec == bhttp::error::header_limit;
        request.path = "/";
        request.target = target;  // its API's own error format, where it has one (FHIR)
        Response r = problem_writer(
            too_large ? 413 : (header_too_large ? 431 : 400),
            too_large ? "För stor begäran" : "Felaktig begäran",
            too_large ? "Innehållet är större än " + std::to_string(body_limit) + " byte."
                      : "HTTP-begäran kunde inte tolkas.",
            request);
        auto res = to_beast(std::move(r), 11, false, false);
        co_await bhttp::async_write(stream, res, use_tuple);
        if (too_large) co_await drain(stream);
        break;
      }
      auto& message = parser.get();
      request.method = to_method(message.method());
      request.target = std::string(message.target());
      for (const auto& field : message) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
        if (!inserted) it->second += ", " + std::string(field.value());
      }
      request.body = std::move(message.body());
      const bool keep_alive = message.keep_alive();
      const unsigned version = message.version();
      const bool head = request.method == Method::head;
      Response response;
      if (!parse_target(request)) {
        request.path = "/";
        response = problem_writer(400, "Felaktig adress", "Adressen i begäran kunde inte tolkas.",
                                  request);
      } else {
        core::ResponseBarrier barrier;
        {
          const core::ResponseBarrier::Scope scope(barrier);
          response = handler(request);
        }
        // No data leave before the work they depend on (the audit log's commit, a plan being
        // solved) has finished.
        bool work_failed = false;
        for (auto& work : barrier.take()) {
          auto error = co_await finished(std::move(work));
          if (!error) continue;
          std::string what = "unknown";
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          spdlog::error(R"({{"event":"work_after_handler_failed","request_id":"{}","what":"{}"}})",
                        request.request_id, what);
          work_failed = true;
          response = problem_writer(
              500, "Internt fel",
              "Något gick fel. Ange begäran-id " + request.request_id + " vid kontakt.", request);
        }
        if (!work_failed && response.complete) {
          auto complete = std::move(response.complete);
          response.complete = nullptr;
          try {
            complete(response);
          } catch (const std::exception& e) {
            spdlog::error(
                R"({{"event":"response_completion_failed","request_id":"{}","what":"{}"}})",
                request.request_id, e.what());
            response = problem_writer(
                500, "Internt fel",
                "Något gick fel. Ange begäran-id " + request.request_id + " vid kontakt.", request);
          }
        }
      }
      auto res = to_beast(std::move(response), version, keep_alive, head);
      auto [write_ec, written] = co_await bhttp::async_write(stream, res, use_tuple);
      (void)written;
      if (write_ec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
      if (ec == asio::error::operation_aborted) co_return;
      if (ec) continue;
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(ServerOptions options, Handler handler, ProblemWriter problem_writer) {
  if (options.threads == 0) options.threads = std::max(2U, std::thread::hardware_concurrency() * 2);
  impl_ = std::make_unique<Impl>(std::move(options), std::move(handler), std::move(problem_writer));
}

Server::~Server() {
  stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

std::uint16_t Server::start() {
  auto& impl = *impl_;
  const tcp::endpoint endpoint(asio::ip::make_address(impl.options.address), impl.options.port);
  impl.acceptor.open(endpoint.protocol());
  impl.acceptor.set_option(asio::socket_base::reuse_address(true));
  impl.acceptor.bind(endpoint);
  impl.acceptor.listen(asio::socket_base::max_listen_connections);
  impl.signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) stop();
  });
  asio::co_spawn(impl.io, impl.accept_loop(), asio::detached);
  for (unsigned i = 0; i < impl.options.threads; ++i) {
    impl.threads.emplace_back([&impl] { impl.io.run(); });
  }
  return impl.acceptor.local_endpoint().port();
}

void Server::wait() {
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

void Server::stop() {
  std::call_once(impl_->stopped, [this] {
    asio::post(impl_->io, [this] {
      boost::system::error_code ignored;
      impl_->acceptor.close(ignored);
      impl_->signals.cancel(ignored);
    });
    impl_->io.stop();
  });
}

}  // namespace nara::http
