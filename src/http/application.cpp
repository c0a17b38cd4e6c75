#include "http/application.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>

#include "core/problem.hpp"
#include "core/random.hpp"

namespace nara::http {

namespace {

std::vector<std::string> route_labels(const Router& router) {
  std::vector<std::string> labels;
  for (const auto& r : router.routes())
    labels.push_back(std::string(method_name(r.method)) + " " + r.pattern);
  return labels;
}

bool is_safe_request_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool is_state_changing(Method m) {
  return m == Method::post || m == Method::put || m == Method::patch || m == Method::del;
}

core::Problem simple_problem(int status, std::string title, std::string detail,
                             std::string type = "about:blank") {
  core::Problem p;
  p.status = status;
  p.type = std::move(type);
  p.title = std::move(title);
  p.detail = std::move(detail);
  return p;
}

}  // namespace

Response problem_response(const core::Problem& problem, const Request& request) {
  boost::json::object body;
  body["type"] = problem.type.empty() ? "about:blank" : problem.type;
  body["title"] = problem.title;
  body["status"] = problem.status;
  if (!problem.detail.empty()) body["detail"] = problem.detail;
  body["instance"] = request.path;
  body["requestId"] = request.request_id;
  if (!problem.errors.empty()) {
    boost::json::array errors;
    for (const auto& e : problem.errors) {
      errors.push_back(
          boost::json::object{{"field", e.field}, {"rule", e.rule}, {"detail", e.detail}});
    }
    body["errors"] = std::move(errors);
  }
  Response r;
  r.status = problem.status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(body);
  return r;
}

Application::Application(Router router, std::shared_ptr<Authenticator> authenticator,
                         ApplicationOptions options)
    : router_(std::move(router)),
      authenticator_(std::move(authenticator)),
      options_(std::move(options)),
      metrics_(route_labels(router_)) {}

Response Application::render(const core::Problem& problem, const Request& request) const {
  if (const auto* renderer = router_.problem_renderer_for(request.path)) {
    return (*renderer)(problem, request);
  }
  return problem_response(problem, request);
}

Response Application::dispatch(Request& request, RouteMatch& match, std::string& user_id) {
  const Route& route = *match.route;
  Context context{request, std::move(match.params), std::nullopt};
  std::optional<Authentication> auth;
  if (authenticator_) auth = authenticator_->authenticate(request);
  if (auth) {
    context.actor = auth->actor;
    context.actor->request_id = request.request_id;
    user_id = auth->actor.user_id;
  }
  if (route.access != Access::anonymous) {
    if (!auth) {
      Response r =
          render(simple_problem(401, "Inloggning krävs", "Logga in för att fortsätta."), request);
      r.set_header("WWW-Authenticate", "Bearer realm=\"nara\"");
      return r;
    }
    if (route.access == Access::assignment && !auth->actor.has_assignment()) {
      return render(
          simple_problem(403, "Välj uppdrag",
                         "Välj vilket medarbetaruppdrag du arbetar i innan du fortsätter.",
                         "https://nara.example/problems/assignment-required"),
          request);
    }
    if (auth->via_cookie && is_state_changing(request.method)) {
      const auto token = request.header("x-csrf-token");
      if (!token || *token != auth->csrf_token) {
        return render(simple_problem(403, "CSRF-skydd", "Begäran saknar giltig X-CSRF-Token.",
                                     "https://nara.example/problems/csrf"),
                      request);
      }
    }
  }
  if (route.conditional_update && !request.header("if-match")) {
    return render(
        simple_problem(428, "If-Match krävs",
                       "Hämta resursen och skicka dess ETag i If-Match för att ändra den.",
                       "https://nara.example/problems/precondition-required"),
        request);
  }
  return route.handler(context);
}

Response Application::handle(Request& request) {
  const auto started = std::chrono::steady_clock::now();
  const auto incoming_id = request.header("x-request-id");
  request.request_id =
      incoming_id && is_safe_request_id(*incoming_id) ? *incoming_id : core::random_token(12);

  Response response;
  std::size_t route_index = metrics_.unmatched_index();
  std::string route_label = "unmatched";
  std::string user_id;
  try {
    RouteMatch match = router_.match(request.method, request.path);
    if (match.route) {
      route_index = match.index;
      route_label = match.route->pattern;
      response = dispatch(request, match, user_id);
    } else if (!match.allowed.empty()) {
      std::string allow;
      for (Method m : match.allowed)
        allow += (allow.empty() ? "" : ", ") + std::string(method_name(m));
      response =
          render(simple_problem(405, "Metoden stöds inte",
                                std::string(method_name(request.method)) + " stöds inte här."),
                 request);
      response.set_header("Allow", allow);
    } else {
      std::optional<Response> fallback;
      if (fallback_ && (request.method == Method::get || request.method == Method::head) &&
          !request.path.starts_with("/api/") && !router_.problem_renderer_for(request.path)) {
        fallback = fallback_(request);
      }
      response = fallback
                     ? std::move(*fallback)
                     : render(simple_problem(404, "Hittades inte", "Det finns ingen sådan adress."),
                              request);
    }
  } catch (const core::ProblemError& e) {
    response = render(e.problem(), request);
  } catch (const std::exception& e) {
    spdlog::error(R"({{"event":"unhandled_exception","request_id":"{}","route":"{}","what":{}}})",
                  request.request_id, route_label,
                  boost::json::serialize(boost::json::value(e.what())));
    response = render(
        simple_problem(500, "Internt fel",
                       "Något gick fel. Ange begäran-id " + request.request_id + " vid kontakt."),
        request);
  }

  response.set_header("X-Request-Id", request.request_id);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  if (request.path.starts_with("/api/")) response.set_header("Cache-Control", "no-store");

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe(route_index, response.status, seconds);
  if (options_.access_log) {
    // Route pattern only, never the path or query: they may carry identifiers of persons.
    spdlog::info(
        R"({{"event":"http_request","request_id":"{}","method":"{}","route":"{}","status":{},"duration_ms":{:.3f},"user":"{}"}})",
        request.request_id, method_name(request.method), route_label, response.status,
        seconds * 1000.0, user_id);
  }
  return response;
}

}  // namespace nara::http
