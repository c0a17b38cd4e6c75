// /api/v1/persons/{id}/named-contacts, /api/v1/me/named-contacts, named-contact candidates and
// ending one: the person's fast vårdkontakt (Lag 2017:612 2 kap. 5 §, HSL 6 kap. 2 §) and fast
// omsorgskontakt.
#include "api/routes.hpp"
#include "api/support.hpp"
#include "service/authorization.hpp"

namespace nara::api {

namespace json = boost::json;

json::object named_contact_json(const store::NamedContactRow& c) {
  return {{"id", c.id},
          {"personId", c.person_id},
          {"kind", c.kind},
          {"userId", c.user_id},
          {"userName", c.user_name},
          {"unitId", c.unit_id},
          {"unitName", c.unit_name},
          {"validFrom", c.valid_from},
          {"validTo", optional_json(c.valid_to)},
          {"source", c.source}};
}

void add_named_contact_routes(http::Router& router, Services& services) {
  auto& contacts = services.named_contacts;
  router.add({http::Method::get,
              "/api/v1/persons/{id}/named-contacts",
              http::Access::assignment,
              [&contacts](http::Context& c) {
                const bool all = flag_param(c.request, "all", false);
                json::array items;
                for (const auto& n : contacts.list(c.who(), c.param("id"), !all))
                  items.push_back(named_contact_json(n));
                return json_response(json::object{{"items", std::move(items)}});
              },
              {"The person's fast vårdkontakt and fast omsorgskontakt (all=true: also ended ones)",
               "SIP",
               "",
               "",
               200,
               {"all"}}});
  router.add({http::Method::get,
              "/api/v1/me/named-contacts",
              http::Access::assignment,
              [&contacts](http::Context& c) {
                const auto& who = c.who();
                if (!who.person_id) service::forbidden("Bara för invånare.");
                json::array items;
                for (const auto& n : contacts.list(who, *who.person_id, true))
                  items.push_back(named_contact_json(n));
                return json_response(json::object{{"items", std::move(items)}});
              },
              {"My named contacts (citizen)", "SIP"}});
  router.add(
      {http::Method::post,
       "/api/v1/persons/{id}/named-contacts",
       http::Access::assignment,
       [&contacts](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         service::NewNamedContact n;
         n.kind = r.required_string("kind", 40);
         n.user_id = r.required_string("userId", 64);
         n.unit_id = r.optional_string("unitId", 64);
         r.finish();
         return json_response(named_contact_json(contacts.appoint(c.who(), c.param("id"), n)), 201);
       },
       {"Appoint the person's fast vårdkontakt (region) or fast omsorgskontakt (municipality); "
        "the previous one of the same kind at your provider ends",
        "SIP",
        R"({"type":"object","required":["kind","userId"],"properties":{"kind":{"enum":["fast_vardkontakt","fast_omsorgskontakt"]},"userId":{"type":"string"},"unitId":{"type":"string"}}})",
        "", 201}});
  router.add({http::Method::get,
              "/api/v1/units/{id}/named-contact-candidates",
              http::Access::assignment,
              [&contacts](http::Context& c) {
                json::array items;
                for (const auto& s : contacts.candidates(c.who(), c.param("id"))) {
                  items.push_back(json::object{{"userId", s.user_id},
                                               {"displayName", s.display_name},
                                               {"role", s.role},
                                               {"title", s.title}});
                }
                return json_response(json::object{{"items", std::move(items)}});
              },
              {"Staff at a unit of your own care provider who may be appointed named contact "
               "(an active assignment there in a role that gives or leads care)",
               "SIP"}});
  router.add({http::Method::post,
              "/api/v1/named-contacts/{id}/end",
              http::Access::assignment,
              [&contacts](http::Context& c) {
                contacts.end(c.who(), c.param("id"));
                return no_content();
              },
              {"End a named contact (the appointing provider)", "SIP", "", "", 204}});
}

}  // namespace nara::api
