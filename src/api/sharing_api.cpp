// Consents, blocks and emergency access for a person's data.
#include "api/routes.hpp"
#include "api/support.hpp"

namespace nara::api {

namespace {
boost::json::object block_json(const service::BlockRecord& b) {
  return {{"id", b.id},
          {"careProviderId", b.care_provider_id},
          {"unitId", optional_json(b.unit_id)},
          {"kind", b.kind},
          {"careProviderName", optional_json(b.care_provider_name)},
          {"reason", optional_json(b.reason)},
          {"createdAt", b.created_at}};
}
boost::json::object emergency_json(const service::EmergencyRecord& e) {
  return {
      {"id", e.id}, {"reason", e.reason}, {"startedAt", e.started_at}, {"expiresAt", e.expires_at}};
}
}  // namespace

void add_sharing_routes(http::Router& router, Services& services) {
  auto& sharing = services.sharing;
  router.add(
      {http::Method::post,
       "/api/v1/persons/{id}/consents",
       http::Access::assignment,
       [&sharing](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto provider = r.optional_string("careProviderId", 64);
         const auto scope = r.required_string("scope", 40);
         const auto given_by = r.optional_string("givenBy", 40).value_or("person");
         const auto valid_until = r.optional_string("validUntil", 40);
         r.finish();
         const auto consent =
             sharing.record_consent(c.who(), c.param("id"), provider, scope, given_by, valid_until);
         return json_response(
             boost::json::object{{"id", consent.id},
                                 {"careProviderId", consent.care_provider_id},
                                 {"scope", consent.scope},
                                 {"givenBy", consent.given_by},
                                 {"givenAt", consent.given_at},
                                 {"validUntil", optional_json(consent.valid_until)}},
             201);
       },
       {"Record the person's consent to a provider taking part of other providers' data (2022:913 "
        "3:1)",
        "Sharing",
        R"({"type":"object","required":["scope"],"properties":{"careProviderId":{"type":"string"},"scope":{"enum":["shared_documentation","sip"]},"givenBy":{"enum":["person","legal_representative"]},"validUntil":{"type":"string","format":"date-time"}}})",
        "", 201}});
  router.add({http::Method::post,
              "/api/v1/consents/{id}/withdraw",
              http::Access::assignment,
              [&sharing](http::Context& c) {
                sharing.withdraw_consent(c.who(), c.param("id"));
                return no_content();
              },
              {"Withdraw a consent", "Sharing", "", "", 204}});
  router.add(
      {http::Method::post,
       "/api/v1/persons/{id}/blocks",
       http::Access::assignment,
       [&sharing](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto unit = r.optional_string("unitId", 64);
         const auto kind = r.required_string("kind", 40);
         const auto reason = r.optional_string("reason", 500);
         r.finish();
         return json_response(
             block_json(sharing.record_block(c.who(), c.param("id"), unit, kind, reason)), 201);
       },
       {"Block (spärra) your provider's data at the person's request: one unit's data within the "
        "provider "
        "(PDL 4:4) or all of it towards other providers (2022:913 2:3)",
        "Sharing",
        R"({"type":"object","required":["kind"],"properties":{"unitId":{"type":"string"},"kind":{"enum":["within_provider","across_providers"]},"reason":{"type":"string"}}})",
        "", 201}});
  router.add({http::Method::post,
              "/api/v1/blocks/{id}/lift",
              http::Access::assignment,
              [&sharing](http::Context& c) {
                sharing.lift_block(c.who(), c.param("id"));
                return no_content();
              },
              {"Lift a block at the person's request (the blocking provider only)", "Sharing", "",
               "", 204}});
  router.add(
      {http::Method::post,
       "/api/v1/persons/{id}/emergency-access",
       http::Access::assignment,
       [&sharing](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto reason = r.required_string("reason", 1000);
         const auto minutes = r.optional_int("minutes", 1, 240).value_or(60);
         r.finish();
         return json_response(emergency_json(sharing.open_emergency_access(
                                  c.who(), c.param("id"), reason, static_cast<int>(minutes))),
                              201);
       },
       {"Open emergency access (nödåtkomst) with a stated reason, for at most 240 minutes; flagged "
        "for log "
        "review (2022:913 3:5–3:6)",
        "Sharing",
        R"({"type":"object","required":["reason"],"properties":{"reason":{"type":"string","minLength":10},"minutes":{"type":"integer","minimum":1,"maximum":240}}})",
        "", 201}});
  router.add({http::Method::get,
              "/api/v1/persons/{id}/sharing",
              http::Access::assignment,
              [&sharing](http::Context& c) {
                const auto s = sharing.status(c.who(), c.param("id"));
                boost::json::array mine;
                for (const auto& b : s.my_providers_blocks) mine.push_back(block_json(b));
                boost::json::array blocking;
                for (const auto& n : s.blocking_providers) blocking.emplace_back(n);
                boost::json::object out{{"consentForMyProvider", s.consent_for_my_provider},
                                        {"blockedDataElsewhere", s.blocks_elsewhere > 0},
                                        {"blockingProviders", std::move(blocking)},
                                        {"myProvidersBlocks", std::move(mine)}};
                out["emergencyAccess"] =
                    s.emergency ? boost::json::value(emergency_json(*s.emergency)) : nullptr;
                return json_response(out);
              },
              {"What you may know about consent, blocks and emergency access for this person: that "
               "blocked data "
               "exist, and who blocked only under emergency access",
               "Sharing"}});
  router.add({http::Method::get,
              "/api/v1/me/consents",
              http::Access::assignment,
              [&sharing](http::Context& c) {
                boost::json::array items;
                for (const auto& k : sharing.my_consents(c.who())) {
                  items.push_back(
                      boost::json::object{{"id", k.id},
                                          {"careProviderId", k.care_provider_id},
                                          {"careProviderName", optional_json(k.care_provider_name)},
                                          {"scope", k.scope},
                                          {"givenBy", k.given_by},
                                          {"givenAt", k.given_at},
                                          {"validUntil", optional_json(k.valid_until)},
                                          {"withdrawnAt", optional_json(k.withdrawn_at)}});
                }
                return json_response(boost::json::object{{"items", std::move(items)}});
              },
              {"My consents: which care provider may take part of other providers' data about me, "
               "for what, given when and by whom, and when withdrawn (2022:913 3:1); the read is "
               "logged",
               "Citizen"}});
}

}  // namespace nara::api
