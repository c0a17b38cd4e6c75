#pragma once
// The request/response values handlers see. Beast stays inside server.cpp; handlers get plain
// values so they can be tested without sockets.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nara::http {

enum class Method { get, post, put, patch, del, head, options, other };

const char* method_name(Method m);

struct Request {
  Method method = Method::get;
  std::string target;                                      // path + query as received
  std::string path;                                        // decoded path without query
  std::vector<std::pair<std::string, std::string>> query;  // decoded parameters
  std::map<std::string, std::string> headers;              // lower-case names
  std::string body;
  std::string remote_address;
  std::string request_id;

  [[nodiscard]] std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const {
    for (const auto& [k, v] : query) {
      if (k == name) return v;
    }
    return std::nullopt;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set when the answer depends on work the handler registered with the request's
  // core::ResponseBarrier (a plan being solved on a worker thread): the server calls it once that
  // work has finished, on an I/O thread, to fill in status, body and headers.
  std::function<void(Response&)> complete;

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

}  // namespace nara::http
