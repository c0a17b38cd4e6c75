// /api/v1/requests: requests between units (begäran om insats) with receipts and answers.
#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"
#include "domain/requests/request.hpp"

namespace nara::api {

namespace json = boost::json;
namespace req = domain::requests;

namespace {

json::object request_json(const service::RequestView& v) {
  const auto& r = v.row;
  json::array events;
  for (const auto& e : v.events) {
    events.push_back(json::object{{"kind", e.kind},
                                  {"at", e.at},
                                  {"userId", e.user_id},
                                  {"userName", e.user_name},
                                  {"unitId", e.unit_id},
                                  {"reason", optional_json(e.reason)}});
  }
  const auto* type = req::find_request_type(r.type);
  const auto state = req::parse_request_state(r.state);
  return {{"id", r.id},
          {"personId", r.person_id},
          {"personName", r.person_name},
          {"type", r.type},
          {"typeName", type ? type->swedish : ""},
          {"fromUnitId", r.from_unit_id},
          {"fromUnitName", r.from_unit_name},
          {"toUnitId", r.to_unit_id},
          {"toUnitName", r.to_unit_name},
          {"planId", optional_json(r.plan_id)},
          {"description", r.description},
          {"state", r.state},
          {"stateName", state ? req::swedish_name(*state) : ""},
          {"sentAt", r.sent_at},
          {"dueAt", optional_json(r.due_at)},
          {"overdue", v.overdue},
          {"receivedAt", optional_json(r.received_at)},
          {"acceptedAt", optional_json(r.accepted_at)},
          {"declinedAt", optional_json(r.declined_at)},
          {"declineReason", optional_json(r.decline_reason)},
          {"doneAt", optional_json(r.done_at)},
          {"cancelledAt", optional_json(r.cancelled_at)},
          {"events", std::move(events)},
          {"version", r.version}};
}

}  // namespace

void add_request_routes(http::Router& router, Services& services) {
  auto& requests = services.requests;
  router.add(
      {http::Method::post,
       "/api/v1/requests",
       http::Access::assignment,
       [&requests](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         service::NewRequest n;
         n.person_id = r.required_string("personId", 64);
         n.type = r.required_string("type", 64);
         n.to_unit_id = r.required_string("toUnitId", 64);
         n.description = r.required_string("description", 4000);
         if (auto due = r.optional_string("dueAt", 40)) {
           const auto parsed = core::try_parse_iso8601(*due);
           if (parsed)
             n.due_at = parsed.value();
           else
             r.add_error("dueAt", parsed.error().rule, "Ange tiden som ISO 8601.");
         }
         n.plan_id = r.optional_string("planId", 64);
         r.finish();
         const auto v = requests.send(c.who(), n);
         auto res = json_with_etag(request_json(v), v.row.version, 201);
         res.set_header("Location", "/api/v1/requests/" + v.row.id);
         return res;
       },
       {"Send a request from your unit to another (the person must be in your unit's care)",
        "Requests",
        R"({"type":"object","required":["personId","type","toUnitId","description"],"properties":{"personId":{"type":"string"},"type":{"enum":["home_health_care_intervention","physician_home_visit","medication_list_update","assistive_device","rehabilitation","home_care_intervention","sip_request"]},"toUnitId":{"type":"string"},"description":{"type":"string"},"dueAt":{"type":"string","format":"date-time"},"planId":{"type":"string"}}})",
        "", 201}});
  router.add(
      {http::Method::get,
       "/api/v1/requests",
       http::Access::assignment,
       [&requests](http::Context& c) {
         const auto box = c.request.query_param("box").value_or("inbox");
         if (box != "inbox" && box != "outbox")
           core::throw_field_error("box", "enum", "Ska vara inbox eller outbox.", 400);
         const auto state = c.request.query_param("state").value_or("");
         json::array items;
         std::int64_t overdue = 0;
         for (const auto& v : requests.list(c.who(), box == "inbox", std::string(state))) {
           if (v.overdue) ++overdue;
           items.push_back(request_json(v));
         }
         return json_response(json::object{{"items", std::move(items)}, {"overdue", overdue}});
       },
       {"Requests to your unit (box=inbox) or from it (box=outbox), newest first",
        "Requests",
        "",
        "",
        200,
        {"box", "state"}}});
  router.add({http::Method::get,
              "/api/v1/requests/{id}",
              http::Access::assignment,
              [&requests](http::Context& c) {
                const auto v = requests.get(c.who(), c.param("id"));
                return json_with_etag(request_json(v), v.row.version);
              },
              {"A request with its receipts and answers (the two units only)", "Requests"}});
  router.add(
      {http::Method::post,
       "/api/v1/requests/{id}/events",
       http::Access::assignment,
       [&requests](http::Context& c) {
         const auto version = if_match_version(c.request);
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto kind_text = r.required_string("kind", 40);
         const auto kind = req::parse_event_kind(kind_text);
         if (!kind && !kind_text.empty()) r.add_error("kind", "enum", "Okänd händelse.");
         auto reason = r.optional_string("reason", 2000);
         r.finish();
         const auto v = requests.apply(c.who(), c.param("id"), version, *kind, reason);
         return json_with_etag(request_json(v), v.row.version);
       },
       {"Receive (receipt), accept (creates the care relation), decline with a reason, complete, "
        "or withdraw (the sender) a request (If-Match)",
        "Requests",
        R"({"type":"object","required":["kind"],"properties":{"kind":{"enum":["receive","accept","decline","complete","cancel"]},"reason":{"type":"string"}}})"},
       true});
}

}  // namespace nara::api
