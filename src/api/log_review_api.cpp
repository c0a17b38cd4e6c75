// /api/v1/log-review: loggkontroll for a care provider's log reviewer.
#include <charconv>

#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/clock.hpp"
#include "core/problem.hpp"
#include "service/authorization.hpp"
#include "store/time_codec.hpp"

namespace nara::api {

namespace {
std::string instant_param(const http::Request& request, const char* name,
                          const std::string& fallback) {
  const auto text = query_text(request, name, 40);
  if (!text) return fallback;
  const auto parsed = core::try_parse_iso8601(*text);
  if (!parsed) {
    core::Problem p = core::validation_problem(
        {{name, parsed.error().rule, "Ange tiden som ISO 8601, t.ex. 2026-11-01T00:00:00Z."}});
    p.status = 400;
    core::throw_problem(std::move(p));
  }
  return store::to_db_time(parsed.value());
}
}  // namespace

void add_log_review_routes(http::Router& router, Services& services) {
  auto& reviews = services.log_review;
  router.add(
      {http::Method::get,
       "/api/v1/log-review/selection",
       http::Access::assignment,
       [&reviews](http::Context& c) {
         service::ReviewSelection sel;
         sel.from = instant_param(c.request, "from", "0000-01-01T00:00:00.000000Z");
         sel.to = instant_param(c.request, "to", "9999-12-31T23:59:59.999999Z");
         if (auto n = query_text(c.request, "sample", 4)) {
           const auto size = parse_count(*n);
           if (!size || *size > 500) {
             core::Problem p = core::validation_problem({{"sample", "integer.range", "0–500."}});
             p.status = 400;
             core::throw_problem(std::move(p));
           }
           sel.sample_size = *size;
         }
         boost::json::array items;
         for (const auto& i : reviews.selection(c.who(), sel)) {
           boost::json::array reasons;
           for (const auto& r : i.reasons) reasons.emplace_back(r);
           items.push_back(boost::json::object{{"seq", i.seq},
                                               {"at", i.at},
                                               {"action", i.action},
                                               {"outcome", i.outcome},
                                               {"reasons", std::move(reasons)},
                                               {"userId", optional_json(i.user_id)},
                                               {"userName", optional_json(i.user_name)},
                                               {"unitName", optional_json(i.unit_name)},
                                               {"personId", optional_json(i.person_id)},
                                               {"personName", optional_json(i.person_name)},
                                               {"objectType", i.object_type},
                                               {"purpose", optional_json(i.purpose)},
                                               {"reviewOutcome", optional_json(i.review_outcome)},
                                               {"reviewNote", optional_json(i.review_note)}});
         }
         return json_response(boost::json::object{{"items", std::move(items)}});
       },
       {"Accesses to check: emergency accesses, accesses without a care relation, accesses to "
        "persons "
        "with protected identity, and a stable random sample (HSLF-FS 2016:40 4:9)",
        "Log review",
        "",
        "",
        200,
        {"from", "to", "sample"}}});
  router.add(
      {http::Method::post,
       "/api/v1/log-review/{seq}",
       http::Access::assignment,
       [&reviews](http::Context& c) {
         std::int64_t seq = 0;
         const auto& text = c.param("seq");
         const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seq);
         if (ec != std::errc{} || end != text.data() + text.size()) service::not_found();
         const auto body = body_object(c.request);
         http::ObjectReader reader(body);
         const auto outcome = reader.required_string("outcome", 20);
         const auto note = reader.optional_string("note", 2000);
         reader.finish();
         reviews.record_outcome(c.who(), seq, outcome, note);
         return no_content();
       },
       {"Document the outcome of reviewing one access", "Log review",
        R"({"type":"object","required":["outcome"],"properties":{"outcome":{"enum":["justified","unjustified","needs_follow_up"]},"note":{"type":"string"}}})",
        "", 204}});
}

}  // namespace nara::api
