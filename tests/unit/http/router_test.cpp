#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/metrics.hpp"

namespace nara::http {
namespace {

Route route(Method m, std::string pattern) {
  return Route(
      m, std::move(pattern), Access::anonymous, [](Context&) { return Response{}; },
      RouteDoc("s", "t"));
}

TEST(Router, Issue2Point6_MatchesPatternsAndExtractsParameters) {
  Router r;
  r.add(route(Method::get, "/api/v1/persons"));
  r.add(route(Method::post, "/api/v1/persons/search"));
  r.add(route(Method::get, "/api/v1/persons/{id}"));
  r.add(route(Method::patch, "/api/v1/persons/{id}"));
  auto m = r.match(Method::get, "/api/v1/persons/abc");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "abc");
  EXPECT_EQ(r.match(Method::post, "/api/v1/persons/search").route->pattern,
            "/api/v1/persons/search");
  EXPECT_EQ(r.match(Method::get, "/api/v1/persons/").route, nullptr);  // empty segment is no id
  EXPECT_EQ(r.match(Method::get, "/api/v1/persons/a/b").route, nullptr);
  EXPECT_EQ(r.match(Method::head, "/api/v1/persons").route->pattern, "/api/v1/persons");
}

TEST(Router, Issue2Point6_WrongMethodListsTheAllowedOnes) {
  Router r;
  r.add(route(Method::get, "/api/v1/persons/{id}"));
  r.add(route(Method::patch, "/api/v1/persons/{id}"));
  const auto m = r.match(Method::del, "/api/v1/persons/x");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<Method>{Method::get, Method::patch}));
  EXPECT_TRUE(r.match(Method::get, "/nowhere").allowed.empty());
}

TEST(Router, FHIR_AProblemUnderARenderedPrefixIsRenderedByItsRenderer) {
  Router r;
  r.set_problem_renderer("/fhir/R4", [](const core::Problem& p, const Request&) {
    Response res;
    res.status = p.status;
    res.content_type = "application/fhir+json";
    return res;
  });
  for (const char* path : {"/fhir/R4", "/fhir/R4/Patient/1", "/fhir/R4?_format=xml"}) {
    ASSERT_NE(r.problem_renderer_for(path), nullptr) << path;
    EXPECT_EQ((*r.problem_renderer_for(path))(core::Problem{404, "", "", "", {}}, Request{}).status,
              404);
  }
  for (const char* path : {"/fhir/R4x", "/fhir", "/api/v1/persons", "/"}) {
    EXPECT_EQ(r.problem_renderer_for(path), nullptr) << path;
  }
}

TEST(Metrics, Issue2Point6_CountsAndHistogramPerRoute) {
  Metrics metrics({"GET /a", "POST /b"});
  metrics.observe(0, 200, 0.0004);
  metrics.observe(0, 404, 0.02);
  metrics.observe(1, 201, 3.0);
  metrics.observe(99, 404, 0.001);  // out of range counts as unmatched
  const std::string text = metrics.render();
  EXPECT_NE(text.find("nara_http_requests_total{route=\"GET /a\",status=\"2xx\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("nara_http_requests_total{route=\"GET /a\",status=\"4xx\"} 1"),
            std::string::npos);
  EXPECT_NE(
      text.find("nara_http_request_duration_seconds_bucket{route=\"GET /a\",le=\"0.0005\"} 1"),
      std::string::npos);
  EXPECT_NE(text.find("nara_http_request_duration_seconds_bucket{route=\"GET /a\",le=\"0.025\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("nara_http_request_duration_seconds_bucket{route=\"POST /b\",le=\"2.5\"} 0"),
            std::string::npos);
  EXPECT_NE(text.find("nara_http_request_duration_seconds_count{route=\"POST /b\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("nara_http_requests_total{route=\"unmatched\",status=\"4xx\"} 1"),
            std::string::npos);
}

}  // namespace
}  // namespace nara::http
