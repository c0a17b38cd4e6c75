#pragma once
// HTTP/1.1 server on Boost.Beast with C++20 coroutines. Handlers run on the I/O threads; a
// handler's database call blocks only its own thread, so the pool is sized above the core count.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/types.hpp"

namespace nara::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  unsigned threads = 0;       // 0: twice the hardware threads
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  // Paths (exact, without the query) that take larger bodies than max_body_bytes: a FHIR
  // transaction Bundle to import (POST /fhir/R4) may be up to 50 MB.
  std::map<std::string, std::size_t, std::less<>> large_body_paths;
  std::size_t max_header_bytes = std::size_t{16} * 1024;
  unsigned idle_timeout_seconds = 30;
};

class Server {
 public:
  using Handler = std::function<Response(Request&)>;
  using ProblemWriter = std::function<Response(int status, const std::string& title,
                                               const std::string& detail, const Request& request)>;

  Server(ServerOptions options, Handler handler, ProblemWriter problem_writer);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the I/O threads; returns the bound port.
  std::uint16_t start();
  // Blocks until stop() is called or a signal (SIGINT, SIGTERM) arrives.
  void wait();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nara::http
