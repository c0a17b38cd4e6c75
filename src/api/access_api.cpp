// Care relations and the citizen's access log.
#include "api/json_codec.hpp"
#include "api/routes.hpp"
#include "api/support.hpp"

namespace nara::api {

namespace {
boost::json::object relation_json(const store::CareRelationRow& r) {
  return {{"id", r.id},
          {"personId", r.person_id},
          {"unitId", r.unit_id},
          {"unitName", r.unit_name},
          {"origin", r.origin},
          {"reason", optional_json(r.reason)},
          {"startedAt", r.started_at},
          {"endedAt", optional_json(r.ended_at)}};
}
}  // namespace

void add_access_routes(http::Router& router, Services& services) {
  auto& access = services.access;
  router.add(
      {http::Method::post,
       "/api/v1/care-relations",
       http::Access::assignment,
       [&access](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader reader(body);
         const auto identifier = reader.required_string("identifier", 40);
         const auto reason = reader.required_string("reason", 500);
         reader.finish();
         const auto person = access.establish_care_relation(c.who(), identifier, reason);
         return json_response(person_json(person, c.who()), 201);
       },
       {"Declare that your unit takes part in a person's care (manuell vårdrelation, PDL 4:1); the "
        "reason is logged and reviewed",
        "Access",
        R"({"type":"object","required":["identifier","reason"],"properties":{"identifier":{"type":"string"},"reason":{"type":"string","maxLength":500}}})",
        "", 201}});
  router.add({http::Method::post,
              "/api/v1/care-relations/{id}/end",
              http::Access::assignment,
              [&access](http::Context& c) {
                access.end_care_relation(c.who(), c.param("id"));
                return no_content();
              },
              {"End your unit's care relation", "Access", "", "", 204}});
  router.add({http::Method::get,
              "/api/v1/persons/{id}/care-team",
              http::Access::assignment,
              [&access](http::Context& c) {
                boost::json::array items;
                for (const auto& r : access.care_team(c.who(), c.param("id")))
                  items.push_back(relation_json(r));
                return json_response(boost::json::object{{"items", std::move(items)}});
              },
              {"The units with an active care relation to the person (the care team across both "
               "principals)",
               "Access"}});
  router.add(
      {http::Method::get,
       "/api/v1/me/access-log",
       http::Access::assignment,
       [&access](http::Context& c) {
         const auto page = access.my_access_log(c.who(), page_request(c.request));
         return page_response(page, [](const service::AccessLogLine& l) {
           return boost::json::object{{"at", l.at},
                                      {"action", l.action},
                                      {"unitName", optional_json(l.unit_name)},
                                      {"unitHsaId", optional_json(l.unit_hsa_id)},
                                      {"careProviderName", optional_json(l.care_provider_name)},
                                      {"objectType", l.object_type}};
         });
       },
       {"Who has accessed my data: unit, care provider and time (PDL 8:5, HSLF-FS 2016:40 4:10)",
        "Citizen",
        "",
        "",
        200,
        {"limit", "cursor"}}});
}

}  // namespace nara::api
