// /api/v1/sips, /api/v1/sip-meetings and the citizen's own plans: SIP and the shared care plan
// (HSL 16:4, SoL 2025:400 10:8–9), and the samordnad vårdplan (LPT 7 a §, LRV 12 a §).
#include "api/routes.hpp"
#include "api/support.hpp"
#include "core/problem.hpp"
#include "core/random.hpp"
#include "domain/sip/care_plan.hpp"
#include "service/authorization.hpp"
#include "service/sip_codec.hpp"

namespace nara::api {

namespace json = boost::json;
namespace sip = domain::sip;

namespace {

constexpr std::size_t kMaxItems = 100;
constexpr std::size_t kText = 4000;

json::object meeting_json(const service::MeetingView& m) {
  json::array replies;
  for (const auto& r : m.replies) {
    replies.push_back(json::object{{"participantId", r.participant_id},
                                   {"reply", r.reply},
                                   {"comment", optional_json(r.comment)},
                                   {"repliedAt", r.replied_at}});
  }
  return {{"id", m.meeting.id},
          {"planId", m.meeting.plan_id},
          {"startsAt", m.meeting.starts_at},
          {"place", optional_json(m.meeting.place)},
          {"videoLink", optional_json(m.meeting.video_link)},
          {"state", m.meeting.state},
          {"invitedAt", m.meeting.invited_at},
          {"outcome", optional_json(m.meeting.outcome)},
          {"heldAt", optional_json(m.meeting.held_at)},
          {"replies", std::move(replies)}};
}

json::object plan_json(const service::PlanView& v) {
  json::object out{{"id", v.row.id}, {"personId", v.row.person_id}};
  if (v.content_hidden) {
    out["contentHidden"] = true;
    return out;
  }
  out = service::plan_to_json(v.plan);
  out["id"] = v.row.id;
  out["personId"] = v.row.person_id;
  out["stateName"] = sip::swedish_name(v.plan.state);
  out["kindName"] = sip::swedish_name(v.plan.kind);
  if (sip::is_care_plan(v.plan.kind)) {
    json::array missing;
    for (const auto& unit : sip::missing_approvals(v.plan)) missing.emplace_back(unit);
    out["missingApprovals"] = std::move(missing);
  }
  out["initiatedByUnitId"] = v.row.initiated_by_unit_id;
  out["episodeId"] = optional_json(v.row.episode_id);
  out["catalogueVersion"] = v.catalogue_version ? json::value(*v.catalogue_version) : nullptr;
  out["legalReference"] = v.legal_reference;
  json::array contacts;
  for (const auto& c : v.named_contacts) contacts.push_back(named_contact_json(c));
  out["namedContacts"] = std::move(contacts);
  json::array meetings;
  for (const auto& m : v.meetings) meetings.push_back(meeting_json(m));
  out["meetings"] = std::move(meetings);
  out["version"] = v.row.version;
  out["updatedAt"] = v.row.updated_at;
  return out;
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

// A text that null or only blanks clears.
std::optional<std::string> nullable_text(http::ObjectReader& r, const std::string& name) {
  if (r.is_explicit_null(name)) {
    r.optional_string(name);  // marks it read
    return std::nullopt;
  }
  auto text = r.optional_string(name, kText);
  if (text && text->find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return text;
}

std::string id_or_new(http::ObjectReader& r) {
  auto id = r.optional_string("id", 64);
  return id && !id->empty() ? *id : core::new_uuid();
}

std::optional<domain::registry::PrincipalKind> principal_field(http::ObjectReader& r,
                                                               const std::string& name) {
  const auto text = r.optional_string(name, 20);
  if (!text) return std::nullopt;
  auto p = service::parse_principal(*text);
  if (!p) r.add_error(name, "enum", "Ska vara region eller municipality.");
  return p;
}

// Reads a list of objects, each with its own strict reader under "name/i".
template <class T, class Fn>
std::optional<std::vector<T>> list_field(http::ObjectReader& r, const std::string& name,
                                         const std::string& prefix, Fn&& read_one) {
  const auto items = r.object_array(name, kMaxItems);
  if (!items) return std::nullopt;
  std::vector<T> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    http::ObjectReader item(*(*items)[i], prefix + name + "/" + std::to_string(i));
    out.push_back(read_one(item));
    item.finish();
  }
  return out;
}

// The plan content fields of a create, patch or meeting outcome.
service::PlanPatch read_patch(http::ObjectReader& r, const std::string& prefix = {}) {
  service::PlanPatch p;
  p.participants = list_field<sip::Participant>(r, "participants", prefix, [](auto& x) {
    sip::Participant out;
    out.id = id_or_new(x);
    const auto kind = x.required_string("kind", 20);
    if (auto k = sip::parse_participant_kind(kind))
      out.kind = *k;
    else if (!kind.empty())
      x.add_error("kind", "enum", "Ska vara person, relative, unit eller external.");
    out.unit_id = x.optional_string("unitId", 64);
    out.name = x.optional_string("name", 200).value_or("");
    out.role = x.optional_string("role", 200).value_or("");
    return out;
  });
  p.person_objects_to_relatives = r.optional_bool("personObjectsToRelatives");
  p.needs = list_field<sip::Need>(r, "needs", prefix, [](auto& x) {
    sip::Need out{id_or_new(x), x.required_string("description", kText), std::nullopt};
    if (x.is_explicit_null("assessedBy"))
      x.optional_string("assessedBy");  // marks it read
    else
      out.assessed_by = principal_field(x, "assessedBy");
    return out;
  });
  p.interventions = list_field<sip::Intervention>(r, "interventions", prefix, [](auto& x) {
    sip::Intervention out;
    out.id = id_or_new(x);
    out.description = x.required_string("description", kText);
    const bool present = x.has("responsible");
    if (auto principal = principal_field(x, "responsible"))
      out.responsible = *principal;
    else if (!present)
      x.add_error("responsible", "required",
                  "Ange vilken huvudman som svarar för insatsen (HSL 16 kap. 4 § p. 2).");
    out.unit_id = x.required_string("unitId", 64);
    out.need_id = x.optional_string("needId", 64);
    out.service_type = x.optional_string("serviceType", 64);
    out.decision = nullable_text(x, "decision");
    return out;
  });
  p.other_measures = list_field<sip::OtherMeasure>(r, "otherMeasures", prefix, [](auto& x) {
    return sip::OtherMeasure{id_or_new(x), x.required_string("description", kText),
                             x.required_string("actor", 200)};
  });
  p.no_other_measures = r.optional_bool("noOtherMeasures");
  if (r.is_explicit_null("overallResponsible")) {
    r.optional_string("overallResponsible");  // marks it read
    p.overall_responsible = std::optional<domain::registry::PrincipalKind>{};
  } else if (r.has("overallResponsible")) {
    if (auto k = principal_field(r, "overallResponsible")) p.overall_responsible = k;
  }
  p.goals = list_field<sip::Goal>(r, "goals", prefix, [](auto& x) {
    sip::Goal g;
    g.id = id_or_new(x);
    g.own_words = x.optional_string("ownWords", kText).value_or("");
    g.measurable_target = x.optional_string("measurableTarget", kText).value_or("");
    g.target_date = x.optional_string("targetDate", 10);
    return g;
  });
  p.follow_ups = list_field<sip::FollowUp>(r, "followUps", prefix, [](auto& x) {
    sip::FollowUp f;
    f.id = id_or_new(x);
    f.due_date = x.required_string("dueDate", 10);
    return f;
  });
  // Samordnad vårdplan (LPT 7 a §); null or blank clears a text.
  for (auto [name, field] :
       {std::pair{"patientView", &service::PlanPatch::patient_view},
        std::pair{"patientViewNotObtained", &service::PlanPatch::patient_view_not_obtained},
        std::pair{"relativesNotConsultedReason",
                  &service::PlanPatch::relatives_not_consulted_reason}}) {
    if (r.has(name)) p.*field = nullable_text(r, name);
  }
  p.consulted_patient = r.optional_bool("consultedPatient");
  p.consulted_relatives = r.optional_bool("consultedRelatives");
  return p;
}

constexpr const char* kPlanContentSchema =
    R"("participants":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"kind":{"enum":["person","relative","unit","external"]},"unitId":{"type":"string"},"name":{"type":"string"},"role":{"type":"string"}}}},"personObjectsToRelatives":{"type":"boolean"},"needs":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"description":{"type":"string"},"assessedBy":{"enum":["region","municipality",null]}}}},"interventions":{"type":"array","items":{"type":"object","required":["description","responsible","unitId"],"properties":{"id":{"type":"string"},"description":{"type":"string"},"responsible":{"enum":["region","municipality"]},"unitId":{"type":"string"},"needId":{"type":"string"},"serviceType":{"type":"string"},"decision":{"type":["string","null"]}}}},"otherMeasures":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"description":{"type":"string"},"actor":{"type":"string"}}}},"noOtherMeasures":{"type":"boolean"},"overallResponsible":{"enum":["region","municipality",null]},"goals":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"ownWords":{"type":"string"},"measurableTarget":{"type":"string"},"targetDate":{"type":"string","format":"date"}}}},"followUps":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"dueDate":{"type":"string","format":"date"}}}},"patientView":{"type":["string","null"]},"patientViewNotObtained":{"type":["string","null"]},"consultedPatient":{"type":"boolean"},"consultedRelatives":{"type":"boolean"},"relativesNotConsultedReason":{"type":["string","null"]})";

std::string schema(const std::string& required, const std::string& extra) {
  return R"({"type":"object",)" + required + R"("properties":{)" + extra + kPlanContentSchema +
         "}}";
}

json::array plan_list(const std::vector<service::PlanView>& plans) {
  json::array items;
  for (const auto& p : plans) items.push_back(plan_json(p));
  return items;
}

}  // namespace

void add_sip_routes(http::Router& router, Services& services) {
  auto& sips = services.sips;
  router.add(
      {http::Method::post,
       "/api/v1/sips",
       http::Access::assignment,
       [&sips](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         service::NewPlan plan;
         if (const auto kind = r.optional_string("kind", 10)) {
           if (auto k = sip::parse_plan_kind(*kind))
             plan.kind = *k;
           else
             r.add_error("kind", "enum", "Ska vara sip, lpt eller lrv.");
         }
         plan.person_id = r.required_string("personId", 64);
         plan.episode_id = r.optional_string("episodeId", 64);
         if (sip::is_care_plan(plan.kind)) {
           // Drawn up in consultation with the patient, not on consent (LPT 7 a §).
           if (r.has("consent"))
             r.add_error("consent", "care_plan.no_consent",
                         "En samordnad vårdplan upprättas i samråd med patienten, inte på "
                         "samtycke (LPT 7 a §, LRV 12 a §).");
           r.optional_object("consent");
         } else if (const auto* consent = r.optional_object("consent")) {
           http::ObjectReader cr(*consent, "consent");
           plan.consent_given_by = cr.optional_string("givenBy", 40).value_or("person");
           plan.consent_scope = cr.optional_string("scope", kText).value_or("");
           plan.consent_given_at = instant_field(cr, "givenAt");
           cr.finish();
         } else {
           r.add_error("consent", "sip.consent_required",
                       "Planen upprättas bara med personens samtycke (HSL 16 kap. 4 §, SoL 10 "
                       "kap. 8 §).");
         }
         plan.content = read_patch(r);
         r.finish();
         const auto v = sips.create(c.who(), plan);
         auto res = json_with_etag(plan_json(v), v.row.version, 201);
         res.set_header("Location", "/api/v1/sips/" + v.row.id);
         return res;
       },
       {"Start a SIP for a person in your unit's care, with the person's consent recorded first "
        "(HSL 16:4, SoL 10:8); or, as the ward's physician, the samordnad vårdplan of an episode "
        "that ends in öppen psykiatrisk tvångsvård (kind lpt, LPT 7 a §) or öppen "
        "rättspsykiatrisk vård (kind lrv, LRV 12 a §), without consent",
        "SIP",
        schema(
            R"("required":["personId"],)",
            R"("kind":{"enum":["sip","lpt","lrv"]},"personId":{"type":"string"},"episodeId":{"type":"string"},"consent":{"type":"object","required":["scope"],"properties":{"givenBy":{"enum":["person","legal_representative"]},"scope":{"type":"string"},"givenAt":{"type":"string","format":"date-time"}}},)"),
        "", 201}});
  router.add(
      {http::Method::get,
       "/api/v1/sips",
       http::Access::assignment,
       [&sips](http::Context& c) {
         return json_response(json::object{{"items", plan_list(sips.plans_of_my_unit(c.who()))}});
       },
       {"The SIPs your unit started or takes part in", "SIP"}});
  router.add({http::Method::get,
              "/api/v1/sips/{id}",
              http::Access::assignment,
              [&sips](http::Context& c) {
                const auto v = sips.get(c.who(), c.param("id"));
                return json_with_etag(plan_json(v), v.row.version);
              },
              {"A SIP with its participants, interventions, goals, follow-ups, meetings and the "
               "person's named contacts",
               "SIP"}});
  router.add(
      {http::Method::patch,
       "/api/v1/sips/{id}",
       http::Access::assignment,
       [&sips](http::Context& c) {
         const auto version = if_match_version(c.request);
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto patch = read_patch(r);
         r.finish();
         const auto v = sips.update(c.who(), c.param("id"), version, patch);
         return json_with_etag(plan_json(v), v.row.version);
       },
       {"Change the plan's content (If-Match; lists replace the whole list). A plan in force "
        "keeps the four required items (HSL 16:4 p. 1–4)",
        "SIP", schema("", ""), ""},
       true});
  router.add(
      {http::Method::post,
       "/api/v1/sips/{id}/events",
       http::Access::assignment,
       [&sips](http::Context& c) {
         const auto version = if_match_version(c.request);
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         service::PlanEventCommand cmd;
         const auto kind = r.required_string("kind", 40);
         if (auto k = sip::parse_event_kind(kind))
           cmd.kind = *k;
         else if (!kind.empty())
           r.add_error("kind", "enum", "Okänd händelse.");
         cmd.outcome = r.optional_string("outcome", kText);
         cmd.next_follow_up = r.optional_string("nextFollowUp", 10);
         cmd.reason = r.optional_string("reason", kText);
         if (const auto* consent = r.optional_object("consent")) {
           http::ObjectReader cr(*consent, "consent");
           cmd.consent_given_by = cr.optional_string("givenBy", 40).value_or("person");
           cmd.consent_scope = cr.optional_string("scope", kText);
           cr.finish();
         }
         r.finish();
         const auto v = sips.apply(c.who(), c.param("id"), version, cmd);
         return json_with_etag(plan_json(v), v.row.version);
       },
       {"Activate (the four items and consent are checked, HSL 16:4), start or complete a "
        "follow-up, close, or give or withdraw the person's consent (If-Match); approve "
        "(justera) a samordnad vårdplan as a unit responsible for one of its insatser, the last "
        "approval establishing it (LPT 7 a § 3 st.)",
        "SIP",
        R"({"type":"object","required":["kind"],"properties":{"kind":{"enum":["activate","start_follow_up","complete_follow_up","close","give_consent","withdraw_consent","approve"]},"outcome":{"type":"string"},"nextFollowUp":{"type":"string","format":"date"},"reason":{"type":"string"},"consent":{"type":"object","properties":{"givenBy":{"enum":["person","legal_representative"]},"scope":{"type":"string"}}}}})"},
       true});
  router.add({http::Method::get,
              "/api/v1/sips/{id}/history",
              http::Access::assignment,
              [&sips](http::Context& c) {
                json::array items;
                for (const auto& h : sips.history(c.who(), c.param("id"))) {
                  json::array fields;
                  std::string_view rest = h.changed_fields;
                  while (!rest.empty()) {
                    const auto comma = rest.find(',');
                    fields.emplace_back(rest.substr(0, comma));
                    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
                  }
                  items.push_back(json::object{{"version", h.version},
                                               {"state", h.state},
                                               {"change", h.change},
                                               {"changedFields", std::move(fields)},
                                               {"changedBy", optional_json(h.changed_by)},
                                               {"changedByName", h.changed_by_name},
                                               {"unitId", optional_json(h.unit_id)},
                                               {"changedAt", h.changed_at},
                                               {"content", json::parse(h.content)}});
                }
                return json_response(json::object{{"items", std::move(items)}});
              },
              {"Every version of the plan: who changed what, when, and the content then", "SIP"}});
  router.add(
      {http::Method::get,
       "/api/v1/sips/{id}/suggestions",
       http::Access::assignment,
       [&sips](http::Context& c) {
         const auto service_type = query_text(c.request, "serviceType", 64);
         if (!service_type)
           core::throw_field_error("serviceType", "required", "Ange tjänsten.", 400);
         const auto s = sips.suggest(c.who(), c.param("id"), *service_type,
                                     flag_param(c.request, "canVisitHealthCentre", true),
                                     flag_param(c.request, "lss", false));
         json::object out{{"catalogueVersion", s.catalogue_version},
                          {"context",
                           {{"residence", domain::responsibility::to_string(s.context.residence)},
                            {"canVisitHealthCentre", s.context.can_visit_health_centre},
                            {"under18", s.context.under_18},
                            {"lss", s.context.lss}}}};
         if (s.decision.suggestion) {
           const auto& g = *s.decision.suggestion;
           json::array units;
           for (const auto& [id, name] : s.candidate_units)
             units.push_back(json::object{{"id", id}, {"name", name}});
           out["suggestion"] = json::object{{"serviceType", g.service_code},
                                            {"serviceName", g.service_name},
                                            {"responsible", service::principal_code(g.principal)},
                                            {"unitKind", domain::registry::to_string(g.unit_kind)},
                                            {"rule", g.rule_index},
                                            {"note", g.note},
                                            {"candidateUnits", std::move(units)}};
         } else {
           out["suggestion"] = nullptr;
           out["noDecision"] =
               json::object{{"rule", s.decision.none->rule}, {"reason", s.decision.none->reason}};
         }
         return json_response(out);
       },
       {"Who is responsible for a service for this person, from the catalogue version the plan "
        "was made under",
        "SIP",
        "",
        "",
        200,
        {"serviceType", "canVisitHealthCentre", "lss"}}});
  router.add({http::Method::post,
              "/api/v1/sips/{id}/goals/{goalId}/comments",
              http::Access::assignment,
              [&sips](http::Context& c) {
                const auto body = body_object(c.request);
                http::ObjectReader r(body);
                const auto text = r.required_string("text", kText);
                r.finish();
                const auto v =
                    sips.comment_on_goal(c.who(), c.param("id"), c.param("goalId"), text);
                return json_with_etag(plan_json(v), v.row.version, 201);
              },
              {"Comment on a goal: the person on their own plan, or a participating unit", "SIP",
               R"({"type":"object","required":["text"],"properties":{"text":{"type":"string"}}})",
               "", 201}});
  router.add(
      {http::Method::post,
       "/api/v1/sips/{id}/meetings",
       http::Access::assignment,
       [&sips](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto starts = instant_field(r, "startsAt");
         if (!starts && !r.has("startsAt"))
           r.add_error("startsAt", "required", "Ange när mötet börjar.");
         auto place = r.optional_string("place", 500);
         auto video = r.optional_string("videoLink", 500);
         r.finish();
         return json_response(
             meeting_json(sips.invite(c.who(), c.param("id"), *starts, place, video)), 201);
       },
       {"Invite the plan's participants to a SIP meeting (time and place or video link); for a "
        "SIP at discharge this is the episode's kallelse (2017:612 4:3)",
        "SIP",
        R"({"type":"object","required":["startsAt"],"properties":{"startsAt":{"type":"string","format":"date-time"},"place":{"type":"string"},"videoLink":{"type":"string"}}})",
        "", 201}});
  router.add(
      {http::Method::post,
       "/api/v1/sip-meetings/{id}/replies",
       http::Access::assignment,
       [&sips](http::Context& c) {
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto participant = r.required_string("participantId", 64);
         const auto reply = r.required_string("reply", 20);
         auto comment = r.optional_string("comment", 1000);
         r.finish();
         return json_response(
             meeting_json(sips.reply(c.who(), c.param("id"), participant, reply, comment)));
       },
       {"A participant's reply to the invitation", "SIP",
        R"({"type":"object","required":["participantId","reply"],"properties":{"participantId":{"type":"string"},"reply":{"enum":["accepted","declined","tentative"]},"comment":{"type":"string"}}})"}});
  router.add(
      {http::Method::post,
       "/api/v1/sip-meetings/{id}/outcome",
       http::Access::assignment,
       [&sips](http::Context& c) {
         const auto version = if_match_version(c.request);
         const auto body = body_object(c.request);
         http::ObjectReader r(body);
         const auto outcome = r.required_string("outcome", kText);
         const bool activate = r.optional_bool("activate").value_or(false);
         service::PlanPatch changes;
         if (const auto* ch = r.optional_object("changes")) {
           http::ObjectReader cr(*ch, "changes");
           changes = read_patch(cr, "changes/");
           cr.finish();
         }
         r.finish();
         const auto v =
             sips.record_outcome(c.who(), c.param("id"), version, outcome, changes, activate);
         return json_with_etag(plan_json(v), v.row.version);
       },
       {"Record what the meeting decided as the plan's next version, optionally activating it "
        "(If-Match with the plan's version)",
        "SIP",
        R"({"type":"object","required":["outcome"],"properties":{"outcome":{"type":"string"},"activate":{"type":"boolean"},"changes":{"type":"object"}}})"},
       true});
  router.add({http::Method::get,
              "/api/v1/persons/{id}/sips",
              http::Access::assignment,
              [&sips](http::Context& c) {
                return json_response(json::object{
                    {"items", plan_list(sips.plans_of_person(c.who(), c.param("id")))}});
              },
              {"The person's SIPs, as the access policy lets you see them", "SIP"}});
  router.add({http::Method::get,
              "/api/v1/me/sips",
              http::Access::assignment,
              [&sips](http::Context& c) {
                const auto& who = c.who();
                if (!who.person_id) service::forbidden("Bara för invånare.");
                return json_response(
                    json::object{{"items", plan_list(sips.plans_of_person(who, *who.person_id))}});
              },
              {"My own SIPs with participants, goals and named contacts (citizen)", "SIP"}});
}

}  // namespace nara::api
