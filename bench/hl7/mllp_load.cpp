// Sends ADT A01 + A03 pairs over MLLP on several connections, each keeping up to `window`
// messages in flight, and measures throughput and the latency from sending a message to
// receiving its ACK. Every ACK must be AA; the run script then checks that every acknowledged
// episode is in the database. Usage:
//   mllp_load PORT PEOPLE_FILE WARD_HSA PAIRS CONNECTIONS WINDOW RUN_ID
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#pragma GCC diagnostic pop
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "interop/hl7v2/message.hpp"
#include "interop/hl7v2/mllp.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace hl7 = nara::interop::hl7v2;

std::string adt(const std::string& trigger, const std::string& control, const std::string& pnr,
                const std::string& visit, const std::string& ward) {
  std::string pv1 = "PV1|1|I|" + ward;
  for (int field = 4; field <= 19; ++field) pv1 += "|";
  return "MSH|^~\\&|BENCH|SUNDSVALLS SJUKHUS|NARA|REGION VN|20261123101500||ADT^" + trigger +
         "^ADT_" + trigger + "|" + control + "|P|2.5\rEVN|" + trigger + "|20261123101500\rPID|1||" +
         pnr + "^^^&1.2.752.129.2.1.3.1&ISO^PN||Bench^Test\r" + pv1 + visit + "\r";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    std::cerr << "usage: mllp_load PORT PEOPLE_FILE WARD_HSA PAIRS CONNECTIONS WINDOW RUN_ID\n";
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::stoi(argv[1]));
  std::vector<std::string> people;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) people.push_back(line);
  }
  const std::string ward = argv[3];
  const auto pairs = static_cast<std::size_t>(std::stoul(argv[4]));
  const auto connections = static_cast<std::size_t>(std::stoul(argv[5]));
  const auto window = static_cast<std::size_t>(std::stoul(argv[6]));
  const std::string run = argv[7];
  if (people.empty()) {
    std::cerr << "no people\n";
    return 2;
  }

  std::mutex mutex;
  std::vector<double> latencies_ms;
  std::atomic<std::size_t> accepted{0};
  std::atomic<std::size_t> refused{0};
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (std::size_t c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      boost::asio::io_context io;
      boost::asio::ip::tcp::socket socket(io);
      socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
      socket.set_option(boost::asio::ip::tcp::no_delay(true));
      std::vector<std::string> messages;
      for (std::size_t k = c; k < pairs; k += connections) {
        const std::string pnr = people[k % people.size()];
        const std::string visit = "B-" + run + "-" + std::to_string(k);
        messages.push_back(hl7::mllp_frame(adt("A01", visit + "-1", pnr, visit, ward)));
        messages.push_back(hl7::mllp_frame(adt("A03", visit + "-3", pnr, visit, ward)));
      }
      std::deque<Clock::time_point> sent_at;
      std::vector<double> mine;
      hl7::MllpDecoder decoder;
      std::array<char, 65536> buffer{};
      std::size_t next = 0;
      std::size_t acked = 0;
      while (acked < messages.size()) {
        std::string batch;
        while (next < messages.size() && sent_at.size() < window) {
          batch += messages[next++];
          sent_at.push_back(Clock::now());
        }
        if (!batch.empty()) boost::asio::write(socket, boost::asio::buffer(batch));
        const auto n = socket.read_some(boost::asio::buffer(buffer));
        const auto now = Clock::now();
        for (const auto& ack : decoder.feed(std::string_view(buffer.data(), n))) {
          mine.push_back(std::chrono::duration<double, std::milli>(now - sent_at.front()).count());
          sent_at.pop_front();
          ++acked;
          if (hl7::Message::parse(ack).value("MSA", 1) == "AA") {
            ++accepted;
          } else {
            if (refused++ < 3) std::cerr << "not accepted: " << ack << "\n";
          }
        }
      }
      const std::lock_guard lock(mutex);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  const auto pct = [&](double p) {
    return latencies_ms[std::min(
        latencies_ms.size() - 1,
        static_cast<std::size_t>(p * static_cast<double>(latencies_ms.size())))];
  };
  std::printf(
      "{\"messages\":%zu,\"accepted\":%zu,\"refused\":%zu,\"seconds\":%.3f,"
      "\"messages_per_second\":%.0f,\"latency_ms\":{\"p50\":%.2f,\"p95\":%.2f,\"p99\":%.2f,"
      "\"max\":%.2f},\"connections\":%zu,\"window\":%zu}\n",
      latencies_ms.size(), accepted.load(), refused.load(), seconds,
      static_cast<double>(latencies_ms.size()) / seconds, pct(0.50), pct(0.95), pct(0.99),
      latencies_ms.back(), connections, window);
  return refused.load() == 0 ? 0 : 1;
}
