// /api/v1/episodes and /api/v1/notices: the discharge chain (Lag 2017:612).
#include <date/date.h>

#include <map>

#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"
#include "store/time_codec.hpp"

namespace nara::api {

using domain::discharge::EventKind;

namespace {

std::string iso(core::Instant i) {
  return core::format_iso8601(i);
}
boost::json::value iso(const std::optional<core::Instant>& i) {
  return i ? boost::json::value(iso(*i)) : nullptr;
}

boost::json::object notice_json(const store::NoticeRow& n) {
  return {{"id", n.id},
          {"episodeId", n.episode_id},
          {"personId", n.person_id},
          {"kind", n.kind},
          {"fromUnitId", n.from_unit_id},
          {"fromUnitName", n.from_unit_name},
          {"toUnitId", n.to_unit_id},
          {"sentAt", n.sent_at},
          {"acknowledgedAt", optional_json(n.acknowledged_at)},
          {"readAt", optional_json(n.read_at)}};
}

boost::json::object episode_json(const service::EpisodeView& v) {
  const auto& r = v.record;
  if (v.content_hidden) {
    return {{"id", r.id}, {"personId", r.person_id}, {"contentHidden", true}};
  }
  const auto& e = r.episode;
  boost::json::array clocks;
  for (const auto& c : v.clocks) {
    clocks.push_back(boost::json::object{{"kind", domain::discharge::to_string(c.kind)},
                                         {"due", iso(c.due)},
                                         {"metAt", iso(c.met_at)},
                                         {"breached", c.breached},
                                         {"rule", c.rule}});
  }
  boost::json::array ready;
  for (const auto& p : e.ready_periods)
    ready.push_back(
        boost::json::object{{"sentAt", iso(p.sent)}, {"withdrawnAt", iso(p.withdrawn)}});
  boost::json::array days;
  for (const auto& d : v.liability.days) {
    days.push_back(boost::json::object{{"date", date::format("%F", std::chrono::sys_days(d.date))},
                                       {"liable", d.status == domain::discharge::DayStatus::liable},
                                       {"amount", d.amount},
                                       {"reason", d.reason}});
  }
  boost::json::array problems;
  for (const auto& p : v.liability.problems) problems.emplace_back(p);
  boost::json::array region_not_ready;  // 5 kap. 5 §
  for (const auto& [from, to] : v.region_not_ready) {
    region_not_ready.push_back(
        boost::json::object{{"from", domain::discharge::format_iso_date(from)},
                            {"to", domain::discharge::format_iso_date(to)}});
  }
  boost::json::array notices;
  for (const auto& n : v.notices) notices.push_back(notice_json(n));
  return {{"id", r.id},
          {"personId", r.person_id},
          {"externalVisitId", optional_json(r.external_visit_id)},
          {"wardUnitId", e.ward_unit_id},
          {"state", domain::discharge::to_string(e.state)},
          {"stateName", domain::discharge::swedish_name(e.state)},
          {"admittedAt", iso(e.admitted_at)},
          {"needs",
           {{"socialServices", e.needs.social_services},
            {"municipalHealthCare", e.needs.municipal_health_care},
            {"regionOutpatient", e.needs.region_outpatient},
            {"outpatientCompulsoryCare",
             e.needs.compulsory_care == domain::discharge::OutpatientCompulsoryCare::none
                 ? boost::json::value(nullptr)
                 : boost::json::value(domain::discharge::to_string(e.needs.compulsory_care))},
            {"sipRequired", e.needs.sip_required()}}},
          {"admissionNoticeSentAt", iso(e.admission_notice_sent_at)},
          {"plannedDischarge", iso(e.planned_discharge)},
          {"namedContactAppointedAt", iso(e.named_contact_appointed_at)},
          {"namedContactUserId", optional_json(r.named_contact_user_id)},
          {"readyPeriods", std::move(ready)},
          {"sipInvitationSentAt", iso(e.sip_invitation_sent_at)},
          {"informationTransferredAt", iso(e.information_transferred_at)},
          {"dischargedAt", iso(e.discharged_at)},
          {"clocks", std::move(clocks)},
          {"notices", std::move(notices)},
          {"liability",
           {{"liableMunicipalityCode", v.liable_municipality},
            {"careSetting", domain::discharge::to_string(v.care_setting)},
            {"placingMunicipalityCode", optional_json(v.placing_municipality)},
            {"agreement",
             {{"id", optional_json(v.agreement.id)},
              {"name", v.agreement.name},
              {"model", domain::discharge::to_string(v.agreement.model)}}},
            // Under the monthly-average model the month's report settles the amount; the days
            // here show the episode's own count.
            {"regionNotReady", std::move(region_not_ready)},
            {"liableDays", v.liability.liable_days},
            {"amount", v.liability.total_amount},
            {"days", std::move(days)},
            {"problems", std::move(problems)}}},
          {"version", r.version}};
}

std::optional<core::Instant> instant_field(http::ObjectReader& r, const std::string& name) {
  const auto text = r.optional_string(name, 40);
  if (!text) return std::nullopt;
  const auto parsed = core::try_parse_iso8601(*text);
  if (!parsed) {
    r.add_error(name, parsed.error().rule,
                "Ange tiden som ISO 8601, t.ex. 2026-11-23T14:05:00+01:00.");
    return std::nullopt;
  }
  return parsed.value();
}

std::optional<EventKind> parse_kind(const std::string& s) {
  static const std::map<std::string, EventKind> kinds{
      {"assess_needs", EventKind::assess_needs},
      {"send_admission_notice", EventKind::send_admission_notice},
      {"appoint_named_contact", EventKind::appoint_named_contact},
      {"set_planned_discharge", EventKind::set_planned_discharge},
      {"mark_ready", EventKind::mark_ready},
      {"withdraw_ready", EventKind::withdraw_ready},
      {"invite_sip", EventKind::invite_sip},
      {"transfer_information", EventKind::transfer_information},
      {"transfer_ward", EventKind::transfer_ward},
      {"discharge", EventKind::discharge},
      {"cancel_discharge", EventKind::cancel_discharge},
      {"cancel", EventKind::cancel},
      {"death", EventKind::death}};
  const auto it = kinds.find(s);
  return it == kinds.end() ? std::nullopt : std::optional<EventKind>(it->second);
}

}  // namespace

void add_episode_routes(http::Router& router, Services& services, const core::Clock& clock) {
  auto& episodes = services.episodes;
  router.add(
      {http::Method::post,
       "/api/v1/episodes",
       http::Access::assignment,
       [&episodes](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto person = r.required_string("personId", 64);
         const auto admitted = instant_field(r, "admittedAt");
         const auto external = r.optional_string("externalVisitId", 64);
         r.finish();
         const auto v = episodes.admit(c.who(), person, admitted, external);
         auto res = json_with_etag(episode_json(v), v.record.version, 201);
         res.set_header("Location", "/api/v1/episodes/" + v.record.id);
         return res;
       },
       {"Admit a person to your ward (starts an inpatient episode and its care relation)",
        "Discharge",
        R"({"type":"object","required":["personId"],"properties":{"personId":{"type":"string"},"admittedAt":{"type":"string","format":"date-time"},"externalVisitId":{"type":"string"}}})",
        "", 201}});
  router.add({http::Method::get,
              "/api/v1/episodes/{id}",
              http::Access::assignment,
              [&episodes](http::Context& c) {
                const auto v = episodes.get(c.who(), c.param("id"));
                return json_with_etag(episode_json(v), v.record.version);
              },
              {"An episode with its statutory clocks, notices and payment liability day by day",
               "Discharge"}});
  router.add(
      {http::Method::get,
       "/api/v1/persons/{id}/episodes",
       http::Access::assignment,
       [&episodes](http::Context& c) {
         boost::json::array items;
         for (const auto& e : episodes.of_person(c.who(), c.param("id"))) {
           if (e.content_hidden) {
             items.push_back(boost::json::object{{"id", e.id}, {"contentHidden", true}});
             continue;
           }
           items.push_back(boost::json::object{{"id", e.id},
                                               {"contentHidden", false},
                                               {"state", e.state},
                                               {"wardUnitId", e.ward_unit_id},
                                               {"wardName", e.ward_name},
                                               {"admittedAt", e.admitted_at},
                                               {"dischargedAt", optional_json(e.discharged_at)}});
         }
         return json_response(boost::json::object{{"items", std::move(items)}});
       },
       {"The person's inpatient episodes, newest first: content where the access policy allows it, "
        "otherwise only that the episode exists (a block or no consent); 404 without a care "
        "relation (PDL 4:1). The read is logged",
        "Discharge"}});
  router.add(
      {http::Method::post,
       "/api/v1/episodes/{id}/events",
       http::Access::assignment,
       [&episodes, &clock](http::Context& c) {
         const auto version = if_match_version(c.request);
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto kind_text = r.required_string("kind", 40);
         service::EpisodeCommand cmd{{EventKind::assess_needs, clock.now(), {}, std::nullopt, {}},
                                     {}};
         if (auto k = parse_kind(kind_text))
           cmd.event.kind = *k;
         else if (!kind_text.empty())
           r.add_error("kind", "enum", "Okänd händelse.");
         if (auto at = instant_field(r, "at")) cmd.event.at = *at;
         if (const auto* needs = r.optional_object("needs")) {
           http::ObjectReader n(*needs, "needs");
           cmd.event.needs.social_services = n.optional_bool("socialServices").value_or(false);
           cmd.event.needs.municipal_health_care =
               n.optional_bool("municipalHealthCare").value_or(false);
           cmd.event.needs.region_outpatient = n.optional_bool("regionOutpatient").value_or(false);
           if (const auto care = n.optional_string("outpatientCompulsoryCare", 10)) {
             if (const auto parsed = domain::discharge::parse_outpatient_compulsory_care(*care))
               cmd.event.needs.compulsory_care = *parsed;
             else
               n.add_error("outpatientCompulsoryCare", "enum",
                           "Ange lpt (öppen psykiatrisk tvångsvård) eller lrv (öppen "
                           "rättspsykiatrisk vård), eller null.");
           }
           n.finish();
         }
         cmd.event.planned_discharge = instant_field(r, "plannedDischarge");
         cmd.event.ward_unit_id = r.optional_string("wardUnitId", 64).value_or("");
         cmd.recipient_unit_ids = r.string_array("recipientUnitIds", 10);
         r.finish();
         const auto v = episodes.apply(c.who(), c.param("id"), version, cmd);
         return json_with_etag(episode_json(v), v.record.version);
       },
       {"Record a statutory event on the episode (If-Match); an event the state does not allow "
        "answers 409 "
        "with the reason",
        "Discharge",
        R"({"type":"object","required":["kind"],"properties":{"kind":{"enum":["assess_needs","send_admission_notice","appoint_named_contact","set_planned_discharge","mark_ready","withdraw_ready","invite_sip","transfer_information","transfer_ward","discharge","cancel_discharge","cancel","death"]},"at":{"type":"string","format":"date-time"},"needs":{"type":"object"},"plannedDischarge":{"type":"string","format":"date-time"},"wardUnitId":{"type":"string"},"recipientUnitIds":{"type":"array","items":{"type":"string"}}}})"},
       true});
  router.add(
      {http::Method::get,
       "/api/v1/notices",
       http::Access::assignment,
       [&episodes](http::Context& c) {
         const bool open_only = c.request.query_param("unacknowledged").value_or("") == "true";
         const auto notices = episodes.inbox(c.who(), open_only);
         boost::json::array items;
         std::int64_t unacknowledged = 0;
         std::int64_t unread = 0;
         for (const auto& n : notices) {
           if (!n.acknowledged_at) ++unacknowledged;
           if (!n.read_at) ++unread;
           items.push_back(notice_json(n));
         }
         return json_response(boost::json::object{
             {"items", std::move(items)}, {"unacknowledged", unacknowledged}, {"unread", unread}});
       },
       {"Your unit's inbox of notices (inskrivningsmeddelande, utskrivningsklar, kallelse …)",
        "Discharge",
        "",
        "",
        200,
        {"unacknowledged"}}});
  router.add({http::Method::get,
              "/api/v1/notices/{id}",
              http::Access::assignment,
              [&episodes](http::Context& c) {
                return json_response(notice_json(episodes.read_notice(c.who(), c.param("id"))));
              },
              {"One notice to your unit; the unit's first read marks it read", "Discharge"}});
  router.add({http::Method::post,
              "/api/v1/notices/{id}/acknowledge",
              http::Access::assignment,
              [&episodes](http::Context& c) {
                episodes.acknowledge(c.who(), c.param("id"));
                return no_content();
              },
              {"Acknowledge (kvittera) a notice to your unit", "Discharge", "", "", 204}});
}

}  // namespace nara::api
