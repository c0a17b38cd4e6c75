#pragma once
// The route table: one entry per method and path pattern. It drives dispatch, the per-route
// metrics labels and the generated OpenAPI document, so the three can never disagree.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/problem.hpp"
#include "domain/access/actor.hpp"
#include "http/types.hpp"

namespace nara::http {

enum class Access {
  anonymous,   // health checks, sign-in, static files
  signed_in,   // any session, also before an assignment is chosen
  assignment,  // a session acting in a chosen assignment (or a citizen)
};

struct Context {
  const Request& request;
  std::map<std::string, std::string> path_params;
  std::optional<domain::access::Actor> actor;

  [[nodiscard]] const std::string& param(const std::string& name) const {
    return path_params.at(name);
  }
  [[nodiscard]] const domain::access::Actor& who() const { return actor.value(); }
};

using Handler = std::function<Response(Context&)>;
// Renders a problem for the paths under one prefix in that API's own error format (the FHIR
// façade answers every error with an OperationOutcome instead of problem+json).
using ProblemRenderer = std::function<Response(const core::Problem&, const Request&)>;

struct RouteDoc {
  RouteDoc() = default;
  RouteDoc(std::string summary_text, std::string tag_name, std::string request = {},
           std::string response = {}, int success = 200, std::vector<std::string> query = {})
      : summary(std::move(summary_text)),
        tag(std::move(tag_name)),
        request_schema(std::move(request)),
        response_schema(std::move(response)),
        success_status(success),
        query_parameters(std::move(query)) {}

  std::string summary;
  std::string tag;
  std::string request_schema;   // JSON Schema as text, empty when the route takes no body
  std::string response_schema;  // JSON Schema of a successful response, empty for free-form
  int success_status = 200;
  std::vector<std::string> query_parameters;
};

struct Route {
  Route(Method m, std::string path_pattern, Access who, Handler h, RouteDoc documentation,
        bool requires_if_match = false)
      : method(m),
        pattern(std::move(path_pattern)),
        access(who),
        handler(std::move(h)),
        doc(std::move(documentation)),
        conditional_update(requires_if_match) {}

  Method method = Method::get;
  std::string pattern;  // e.g. /api/v1/persons/{id}
  Access access = Access::assignment;
  Handler handler;
  RouteDoc doc;
  bool conditional_update = false;  // requires If-Match
};

struct RouteMatch {
  const Route* route = nullptr;
  std::size_t index = 0;
  std::map<std::string, std::string> params;
  std::vector<Method> allowed;  // methods that exist for this path when the method did not match
};

class Router {
 public:
  void add(Route route);
  [[nodiscard]] RouteMatch match(Method method, const std::string& path) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }
  // Every problem answered for `prefix` or a path below it (matched or not, also 401, 404, 405
  // and 500 from the pipeline) is rendered by `renderer`; such paths never reach the fallback.
  void set_problem_renderer(std::string prefix, ProblemRenderer renderer);
  [[nodiscard]] const ProblemRenderer* problem_renderer_for(std::string_view path) const;

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" marks a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  std::vector<std::pair<std::string, ProblemRenderer>> renderers_;
};

}  // namespace nara::http
