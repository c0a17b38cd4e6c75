// /api/v1/users: staff accounts and their assignments (medarbetaruppdrag).
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "api/support.hpp"

namespace nara::api {

using namespace domain::registry;

namespace {
void read_user(http::ObjectReader& r, User& u, bool creating) {
  if (creating) u.username = r.required_string("username", 64);
  if (creating || r.has("displayName")) u.display_name = r.required_string("displayName", 200);
  if (r.has("hsaId")) u.hsa_id = r.optional_string("hsaId", 31);
  if (r.has("active")) u.active = r.optional_bool("active").value_or(u.active);
}

boost::json::object user_with_assignments(const User& u,
                                          const std::vector<Assignment>& assignments) {
  auto o = user_json(u);
  boost::json::array list;
  for (const auto& a : assignments) list.push_back(assignment_json(a));
  o["assignments"] = std::move(list);
  return o;
}
}  // namespace

void add_staff_routes(http::Router& router, Services& services) {
  auto& reg = services.registry;
  router.add({http::Method::get,
              "/api/v1/users",
              http::Access::assignment,
              [&reg](http::Context& c) {
                return page_response(reg.list_users(c.who(), page_request(c.request)), user_json);
              },
              {"List staff accounts; citizen accounts only for administrators (each view logged)",
               "Staff",
               "",
               "",
               200,
               {"limit", "cursor"}}});
  router.add({http::Method::get,
              "/api/v1/users/{id}",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto u = reg.get_user(c.who(), c.param("id"));
                return json_with_etag(user_with_assignments(u, reg.assignments_of(c.who(), u.id)),
                                      u.stamp.version);
              },
              {"Read an account with its assignments", "Staff"}});
  router.add({http::Method::post,
              "/api/v1/users",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto body = body_object(c.request);
                http::ObjectReader reader(body);
                service::NewUser input;
                read_user(reader, input.user, true);
                input.password = reader.required_string("password", 256);
                reader.finish();
                const auto u = reg.create_user(c.who(), std::move(input));
                auto res = json_with_etag(user_with_assignments(u, {}), u.stamp.version, 201);
                res.set_header("Location", "/api/v1/users/" + u.id);
                return res;
              },
              {"Create a local account (county administrator)", "Staff",
               R"({"type":"object","required":["username","displayName","password"],"properties":{
"username":{"type":"string","pattern":"^[a-z0-9._-]{3,64}$"},"displayName":{"type":"string"},
"hsaId":{"type":"string"},"password":{"type":"string","minLength":12,"maxLength":256}}})",
               "", 201}});
  router.add({http::Method::patch,
              "/api/v1/users/{id}",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto version = if_match_version(c.request);
                const auto body = body_object(c.request);
                {
                  User scratch;
                  http::ObjectReader reader(body);
                  read_user(reader, scratch, false);
                  reader.finish();
                }
                const auto u = reg.update_user(c.who(), c.param("id"), version, [&](User& target) {
                  http::ObjectReader reader(body);
                  read_user(reader, target, false);
                  reader.finish();
                });
                return json_with_etag(user_with_assignments(u, reg.assignments_of(c.who(), u.id)),
                                      u.stamp.version);
              },
              {"Change an account's name, HSA-id or active flag (If-Match)", "Staff"},
              true});
  router.add({http::Method::post,
              "/api/v1/users/{id}/assignments",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto body = body_object(c.request);
                http::ObjectReader reader(body);
                Assignment a;
                a.user_id = c.param("id");
                a.unit_id = reader.optional_string("unitId", 64);
                const auto role = reader.required_string("role", 40);
                if (auto parsed = domain::access::parse_role(role))
                  a.role = *parsed;
                else if (!role.empty())
                  reader.add_error("role", "enum", "Okänd roll.");
                a.title = reader.optional_string("title", 200)
                              .value_or(std::string(domain::access::swedish_title(a.role)));
                a.protected_address_access =
                    reader.optional_bool("protectedAddressAccess").value_or(false);
                reader.finish();
                const auto created = reg.add_assignment(c.who(), std::move(a));
                return json_with_etag(assignment_json(created), created.stamp.version, 201);
              },
              {"Give an account an assignment (user × unit × role)", "Staff",
               R"({"type":"object","required":["role"],"properties":{"unitId":{"type":"string"},
"role":{"enum":["ward_nurse","physician","district_nurse","home_health_care_nurse","home_care_staff","sip_coordinator","unit_manager","log_reviewer","county_administrator","citizen"]},
"title":{"type":"string"},"protectedAddressAccess":{"type":"boolean"}}})",
               "", 201}});
  router.add({http::Method::patch,
              "/api/v1/assignments/{id}",
              http::Access::assignment,
              [&reg](http::Context& c) {
                const auto version = if_match_version(c.request);
                const auto body = body_object(c.request);
                const auto read = [&](Assignment& target) {
                  http::ObjectReader reader(body);
                  if (auto v = reader.optional_bool("active")) target.active = *v;
                  if (auto v = reader.optional_bool("protectedAddressAccess"))
                    target.protected_address_access = *v;
                  if (auto v = reader.optional_string("title", 200)) target.title = *v;
                  reader.finish();
                };
                {
                  Assignment scratch;
                  read(scratch);  // the whole body is checked before anything is loaded
                }
                const auto a = reg.update_assignment(c.who(), c.param("id"), version, read);
                return json_with_etag(assignment_json(a), a.stamp.version);
              },
              {"End or reopen an assignment, rename it, or grant or withdraw its special "
               "authorisation for protected addresses (OSL 22:1; If-Match; county administrator)",
               "Staff",
               R"({"type":"object","properties":{"active":{"type":"boolean"},
"protectedAddressAccess":{"type":"boolean"},"title":{"type":"string"}}})"},
              true});
}

}  // namespace nara::api
