#include "http/router.hpp"

#include <stdexcept>

namespace nara::http {

namespace {
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    const std::size_t stop = end == std::string::npos ? path.size() : end;
    out.push_back(path.substr(start, stop - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}
bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}
}  // namespace

const char* method_name(Method m) {
  switch (m) {
    case Method::get:
      return "GET";
    case Method::post:
      return "POST";
    case Method::put:
      return "PUT";
    case Method::patch:
      return "PATCH";
    case Method::del:
      return "DELETE";
    case Method::head:
      return "HEAD";
    case Method::options:
      return "OPTIONS";
    case Method::other:
      return "OTHER";
  }
  return "OTHER";
}

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::logic_error("route pattern must start with /: " + route.pattern);
  }
  compiled_.push_back(Compiled{split_path(route.pattern)});
  routes_.push_back(std::move(route));
}

void Router::set_problem_renderer(std::string prefix, ProblemRenderer renderer) {
  renderers_.emplace_back(std::move(prefix), std::move(renderer));
}

const ProblemRenderer* Router::problem_renderer_for(std::string_view path) const {
  for (const auto& [prefix, renderer] : renderers_) {
    // The prefix itself or a path below it: "/fhir/R4" and "/fhir/R4/Patient", not "/fhir/R4x".
    if (path.starts_with(prefix) && (path.size() == prefix.size() || prefix.ends_with('/') ||
                                     path[prefix.size()] == '/' || path[prefix.size()] == '?')) {
      return &renderer;
    }
  }
  return nullptr;
}

RouteMatch Router::match(Method method, const std::string& path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') return result;
  const auto segments = split_path(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = compiled_[i].segments;
    if (pattern.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t s = 0; s < pattern.size() && ok; ++s) {
      if (is_param(pattern[s])) {
        if (segments[s].empty())
          ok = false;
        else
          params[pattern[s].substr(1, pattern[s].size() - 2)] = segments[s];
      } else {
        ok = pattern[s] == segments[s];
      }
    }
    if (!ok) continue;
    const Method route_method = routes_[i].method;
    if (route_method == method || (method == Method::head && route_method == Method::get)) {
      // Literal segments win over parameters: keep looking for an exact literal match first.
      if (result.route == nullptr) {
        result.route = &routes_[i];
        result.index = i;
        result.params = std::move(params);
      }
    } else {
      result.allowed.push_back(route_method);
    }
  }
  if (result.route) result.allowed.clear();
  return result;
}

}  // namespace nara::http
