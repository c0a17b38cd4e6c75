// /api/v1/session: sign-in, the chosen assignment, sign-out.
#include "api/fhir_scope.hpp"
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "api/support.hpp"

namespace nara::api {

namespace {

constexpr const char* kCookie = "nara_session";

boost::json::object session_json(const service::SessionView& view) {
  boost::json::array assignments;
  std::optional<domain::access::Role> role;
  for (const auto& a : view.assignments) {
    assignments.push_back(assignment_json(a));
    if (view.active_assignment_id == a.id) role = a.role;
  }
  // The SMART scope the session's token carries for /fhir/R4 (docs/fhir.md), null until an
  // assignment is chosen.
  const auto scope = fhir::scope_text(fhir::scope_of(role));
  boost::json::object o{
      {"user", user_json(view.user)},
      {"assignments", std::move(assignments)},
      {"activeAssignmentId", optional_json(view.active_assignment_id)},
      {"scope", scope.empty() ? boost::json::value(nullptr) : boost::json::value(scope)},
      {"csrfToken", view.csrf_token},
      {"expiresAt", view.absolute_expires_at}};
  return o;
}

std::string session_cookie(const std::string& token, long max_age_seconds) {
  // HttpOnly keeps it from scripts; SameSite=Strict and the CSRF header keep it from other sites.
  return std::string(kCookie) + "=" + token +
         "; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
}

}  // namespace

void add_session_routes(http::Router& router, Services& services) {
  auto& auth = services.auth;
  router.add(
      {http::Method::post,
       "/api/v1/session",
       http::Access::anonymous,
       [&auth](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader reader(body);
         service::LoginRequest login;
         login.username = reader.required_string("username", 64);
         login.password = reader.required_string("password", 256);
         login.assignment_id = reader.optional_string("assignmentId", 64);
         const auto client = reader.optional_string("client", 10).value_or("browser");
         if (client != "browser" && client != "api")
           reader.add_error("client", "enum", "Ska vara browser eller api.");
         reader.finish();
         const auto view = auth.login(login);
         auto json = session_json(view);
         if (client == "api") json["token"] = view.token;
         auto res = json_response(json, 201);
         if (client == "browser")
           res.set_header("Set-Cookie", session_cookie(view.token, 12L * 3600));
         return res;
       },
       {"Sign in with username and password; browser clients get an HttpOnly cookie, API clients a "
        "Bearer token",
        "Session",
        R"({"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},
"password":{"type":"string"},"assignmentId":{"type":"string"},"client":{"enum":["browser","api"]}}})",
        "", 201}});
  router.add(
      {http::Method::get,
       "/api/v1/session",
       http::Access::signed_in,
       [&auth](http::Context& c) { return json_response(session_json(auth.current(c.who()))); },
       {"The current session, its user and assignments", "Session"}});
  router.add(
      {http::Method::put,
       "/api/v1/session/assignment",
       http::Access::signed_in,
       [&auth](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader reader(body);
         const auto id = reader.required_string("assignmentId", 64);
         reader.finish();
         return json_response(session_json(auth.choose_assignment(c.who(), id)));
       },
       {"Choose the assignment to act in for this session", "Session",
        R"({"type":"object","required":["assignmentId"],"properties":{"assignmentId":{"type":"string"}}})"}});
  router.add({http::Method::del,
              "/api/v1/session",
              http::Access::signed_in,
              [&auth](http::Context& c) {
                auth.logout(c.who());
                auto res = no_content();
                res.set_header("Set-Cookie", session_cookie("", 0));
                return res;
              },
              {"Sign out", "Session", "", "", 204}});
  router.add(
      {http::Method::del,
       "/api/v1/sessions",
       http::Access::signed_in,
       [&auth](http::Context& c) {
         auth.logout_everywhere(c.who());
         auto res = no_content();
         res.set_header("Set-Cookie", session_cookie("", 0));
         return res;
       },
       {"Sign out everywhere: ends every session of the signed-in user", "Session", "", "", 204}});
}

}  // namespace nara::api
