#pragma once
// The MLLP listener (`nara serve --hl7-port N`): HL7 v2 over TCP, one message per frame, one ACK
// frame back per message, in the order the messages came. A sender may wait for each ACK
// (original mode) or keep several messages in flight; reading pauses while too many are
// unanswered. A framing error closes the connection (MLLP has no way to resynchronise).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace nara::interop::hl7v2 {

struct MllpServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port
  std::size_t max_message_bytes = std::size_t{1024} * 1024;
  std::size_t max_in_flight = 1024;  // per connection
};

class MllpServer {
 public:
  // Called on the listener's thread for each message; `reply` may be called from any thread,
  // once, with the ACK to send.
  using Handler = std::function<void(std::string message, const std::string& peer,
                                     std::function<void(std::string ack)> reply)>;

  MllpServer(MllpServerOptions options, Handler handler);
  ~MllpServer();
  MllpServer(const MllpServer&) = delete;
  MllpServer& operator=(const MllpServer&) = delete;

  std::uint16_t start();  // binds and listens on its own thread; returns the port
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nara::interop::hl7v2
