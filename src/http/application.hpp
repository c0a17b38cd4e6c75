#pragma once
// The request pipeline every call passes: request id, route match, authentication, the chosen
// assignment, CSRF for cookie sessions, If-Match on updates, the handler, problem+json for every
// failure, metrics and one structured log line.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/problem.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/types.hpp"

namespace nara::http {

struct Authentication {
  domain::access::Actor actor;
  bool via_cookie = false;  // browser session: state-changing requests need the CSRF token
  std::string csrf_token;
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The session a request carries (cookie or Bearer), if it is valid and not expired.
  virtual std::optional<Authentication> authenticate(const Request& request) = 0;
};

struct ApplicationOptions {
  bool access_log = true;
  std::string session_cookie_name = "nara_session";
};

// Turns a problem into an RFC 9457 response.
Response problem_response(const core::Problem& problem, const Request& request);

class Application {
 public:
  Application(Router router, std::shared_ptr<Authenticator> authenticator,
              ApplicationOptions options);

  Response handle(Request& request);
  // Called for GET requests no route matches, outside /api/ (the web app and its assets).
  void set_fallback(std::function<std::optional<Response>(const Request&)> fallback) {
    fallback_ = std::move(fallback);
  }

  [[nodiscard]] const Router& router() const { return router_; }
  [[nodiscard]] Metrics& metrics() { return metrics_; }

 private:
  Response dispatch(Request& request, RouteMatch& match, std::string& user_id);
  // problem+json, or the format the router names for the request's path prefix.
  [[nodiscard]] Response render(const core::Problem& problem, const Request& request) const;

  Router router_;
  std::shared_ptr<Authenticator> authenticator_;
  ApplicationOptions options_;
  Metrics metrics_;
  std::function<std::optional<Response>(const Request&)> fallback_;
};

}  // namespace nara::http
