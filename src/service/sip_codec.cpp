#include "service/sip_codec.hpp"

#include <cstdio>
#include <stdexcept>

#include "core/clock.hpp"

namespace nara::service {

using namespace domain::sip;
namespace json = boost::json;
using domain::registry::PrincipalKind;

namespace {

json::value opt(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}
json::value opt(const std::optional<core::Instant>& i) {
  return i ? json::value(core::format_iso8601(*i)) : json::value(nullptr);
}

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  return std::string(v->as_string());
}
std::optional<std::string> optional_text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return std::string(v->as_string());
}
std::optional<core::Instant> optional_instant(const json::object& o, std::string_view key) {
  auto t = optional_text(o, key);
  if (!t) return std::nullopt;
  return core::parse_iso8601(*t, key);
}
bool flag(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}
std::optional<bool> optional_flag(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return v->as_bool();
}
const json::array& list(const json::object& o, std::string_view key) {
  static const json::array empty;
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? v->get_array() : empty;
}
PrincipalKind principal(const std::string& s) {
  auto p = parse_principal(s);
  if (!p) throw std::runtime_error("stored plan: unknown principal " + s);
  return *p;
}

}  // namespace

std::string_view principal_code(PrincipalKind kind) {
  return domain::registry::to_string(kind);
}

std::optional<PrincipalKind> parse_principal(std::string_view text) {
  return domain::registry::parse_principal_kind(text);
}

std::string format_date(std::chrono::year_month_day day) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return out;
}

json::object plan_to_json(const Plan& p) {
  json::object consent;
  if (p.consent) {
    consent = {{"givenBy", p.consent->given_by},
               {"givenAt", core::format_iso8601(p.consent->given_at)},
               {"scope", p.consent->scope},
               {"recordedByUserId", p.consent->recorded_by_user_id},
               {"withdrawnAt", opt(p.consent->withdrawn_at)},
               {"inForce", p.consent->in_force()}};
  }
  json::array participants;
  for (const auto& x : p.participants) {
    participants.push_back(json::object{{"id", x.id},
                                        {"kind", to_string(x.kind)},
                                        {"unitId", opt(x.unit_id)},
                                        {"name", x.name},
                                        {"role", x.role}});
  }
  json::array needs;
  for (const auto& n : p.needs) {
    needs.push_back(json::object{
        {"id", n.id},
        {"description", n.description},
        {"assessedBy", n.assessed_by ? json::value(principal_code(*n.assessed_by)) : nullptr}});
  }
  json::array interventions;
  for (const auto& i : p.interventions) {
    interventions.push_back(json::object{{"id", i.id},
                                         {"description", i.description},
                                         {"responsible", principal_code(i.responsible)},
                                         {"unitId", i.unit_id},
                                         {"needId", opt(i.need_id)},
                                         {"serviceType", opt(i.service_type)},
                                         {"decision", opt(i.decision)}});
  }
  json::array others;
  for (const auto& m : p.other_measures) {
    others.push_back(
        json::object{{"id", m.id}, {"description", m.description}, {"actor", m.actor}});
  }
  json::array goals;
  for (const auto& g : p.goals) {
    json::array comments;
    for (const auto& c : g.comments) {
      comments.push_back(json::object{{"authorUserId", c.author_user_id},
                                      {"authorName", c.author_name},
                                      {"byPerson", c.by_person},
                                      {"at", core::format_iso8601(c.at)},
                                      {"text", c.text}});
    }
    goals.push_back(json::object{{"id", g.id},
                                 {"ownWords", g.own_words},
                                 {"measurableTarget", g.measurable_target},
                                 {"targetDate", opt(g.target_date)},
                                 {"comments", std::move(comments)}});
  }
  json::array follow_ups;
  for (const auto& f : p.follow_ups) {
    follow_ups.push_back(json::object{{"id", f.id},
                                      {"dueDate", f.due_date},
                                      {"heldAt", opt(f.held_at)},
                                      {"outcome", opt(f.outcome)}});
  }
  json::array approvals;
  for (const auto& a : p.approvals) {
    approvals.push_back(json::object{{"unitId", a.unit_id},
                                     {"unitName", a.unit_name},
                                     {"userId", a.user_id},
                                     {"userName", a.user_name},
                                     {"at", core::format_iso8601(a.at)}});
  }
  return {{"kind", to_string(p.kind)},
          {"state", to_string(p.state)},
          {"initiatedBy", principal_code(p.initiated_by)},
          {"initiatedAt", core::format_iso8601(p.initiated_at)},
          {"consent", p.consent ? json::value(std::move(consent)) : json::value(nullptr)},
          {"participants", std::move(participants)},
          {"personObjectsToRelatives", p.person_objects_to_relatives},
          {"needs", std::move(needs)},
          {"interventions", std::move(interventions)},
          {"otherMeasures", std::move(others)},
          {"noOtherMeasures", p.no_other_measures},
          {"overallResponsible", p.overall_responsible
                                     ? json::value(principal_code(*p.overall_responsible))
                                     : json::value(nullptr)},
          {"goals", std::move(goals)},
          {"followUps", std::move(follow_ups)},
          {"activatedAt", opt(p.activated_at)},
          {"closedAt", opt(p.closed_at)},
          {"closeReason", opt(p.close_reason)},
          {"patientView", opt(p.patient_view)},
          {"patientViewNotObtained", opt(p.patient_view_not_obtained)},
          {"consultedPatient", p.consulted_patient},
          {"consultedRelatives", p.consulted_relatives},
          {"relativesNotConsultedReason", opt(p.relatives_not_consulted_reason)},
          {"approvals", std::move(approvals)}};
}

Plan plan_from_json(const json::object& o) {
  Plan p;
  // Plans stored before samordnade vårdplaner existed have no kind: they are SIPs.
  if (auto kind = optional_text(o, "kind")) {
    const auto parsed = parse_plan_kind(*kind);
    if (!parsed) throw std::runtime_error("stored plan: unknown kind");
    p.kind = *parsed;
  }
  const auto state = parse_plan_state(text(o, "state"));
  if (!state) throw std::runtime_error("stored plan: unknown state");
  p.state = *state;
  p.initiated_by = principal(text(o, "initiatedBy"));
  p.initiated_at = core::parse_iso8601(text(o, "initiatedAt"), "initiatedAt");
  if (const auto* c = o.if_contains("consent"); c && c->is_object()) {
    const auto& co = c->get_object();
    p.consent = Consent{text(co, "givenBy"), core::parse_iso8601(text(co, "givenAt"), "givenAt"),
                        text(co, "scope"), text(co, "recordedByUserId"),
                        optional_instant(co, "withdrawnAt")};
  }
  for (const auto& v : list(o, "participants")) {
    const auto& x = v.as_object();
    p.participants.push_back(
        {text(x, "id"), parse_participant_kind(text(x, "kind")).value_or(ParticipantKind::external),
         optional_text(x, "unitId"), text(x, "name"), text(x, "role")});
  }
  p.person_objects_to_relatives = flag(o, "personObjectsToRelatives");
  for (const auto& v : list(o, "needs")) {
    const auto& x = v.as_object();
    Need n{text(x, "id"), text(x, "description"), std::nullopt};
    if (auto by = optional_text(x, "assessedBy")) n.assessed_by = principal(*by);
    p.needs.push_back(std::move(n));
  }
  for (const auto& v : list(o, "interventions")) {
    const auto& x = v.as_object();
    p.interventions.push_back({text(x, "id"), text(x, "description"),
                               principal(text(x, "responsible")), text(x, "unitId"),
                               optional_text(x, "needId"), optional_text(x, "serviceType"),
                               optional_text(x, "decision")});
  }
  for (const auto& v : list(o, "otherMeasures")) {
    const auto& x = v.as_object();
    p.other_measures.push_back({text(x, "id"), text(x, "description"), text(x, "actor")});
  }
  p.no_other_measures = flag(o, "noOtherMeasures");
  if (auto r = optional_text(o, "overallResponsible")) p.overall_responsible = principal(*r);
  for (const auto& v : list(o, "goals")) {
    const auto& x = v.as_object();
    Goal g{text(x, "id"),
           text(x, "ownWords"),
           text(x, "measurableTarget"),
           optional_text(x, "targetDate"),
           {}};
    for (const auto& cv : list(x, "comments")) {
      const auto& c = cv.as_object();
      g.comments.push_back({text(c, "authorUserId"), text(c, "authorName"), flag(c, "byPerson"),
                            core::parse_iso8601(text(c, "at"), "at"), text(c, "text")});
    }
    p.goals.push_back(std::move(g));
  }
  for (const auto& v : list(o, "followUps")) {
    const auto& x = v.as_object();
    p.follow_ups.push_back({text(x, "id"), text(x, "dueDate"), optional_instant(x, "heldAt"),
                            optional_text(x, "outcome")});
  }
  p.activated_at = optional_instant(o, "activatedAt");
  p.closed_at = optional_instant(o, "closedAt");
  p.close_reason = optional_text(o, "closeReason");
  p.patient_view = optional_text(o, "patientView");
  p.patient_view_not_obtained = optional_text(o, "patientViewNotObtained");
  p.consulted_patient = flag(o, "consultedPatient");
  p.consulted_relatives = flag(o, "consultedRelatives");
  p.relatives_not_consulted_reason = optional_text(o, "relativesNotConsultedReason");
  for (const auto& v : list(o, "approvals")) {
    const auto& x = v.as_object();
    p.approvals.push_back({text(x, "unitId"), text(x, "unitName"), text(x, "userId"),
                           text(x, "userName"), core::parse_iso8601(text(x, "at"), "at")});
  }
  return p;
}

json::array services_to_json(const std::vector<domain::responsibility::ServiceType>& services) {
  json::array out;
  for (const auto& s : services) {
    json::array rules;
    for (const auto& r : s.rules) {
      json::object when;
      if (r.when.residence)
        when["residence"] = domain::responsibility::to_string(*r.when.residence);
      if (r.when.can_visit_health_centre)
        when["canVisitHealthCentre"] = *r.when.can_visit_health_centre;
      if (r.when.under_18) when["under18"] = *r.when.under_18;
      if (r.when.lss) when["lss"] = *r.when.lss;
      rules.push_back(json::object{{"when", std::move(when)},
                                   {"principal", principal_code(r.principal)},
                                   {"unitKind", domain::registry::to_string(r.unit_kind)},
                                   {"note", r.note}});
    }
    out.push_back(json::object{
        {"code", s.code}, {"name", s.name}, {"demo", s.demo}, {"rules", std::move(rules)}});
  }
  return out;
}

std::vector<domain::responsibility::ServiceType> services_from_json(const json::array& a) {
  std::vector<domain::responsibility::ServiceType> out;
  for (const auto& v : a) {
    const auto& o = v.as_object();
    domain::responsibility::ServiceType s{text(o, "code"), text(o, "name"), {}, flag(o, "demo")};
    for (const auto& rv : list(o, "rules")) {
      const auto& r = rv.as_object();
      domain::responsibility::Rule rule;
      if (const auto* w = r.if_contains("when"); w && w->is_object()) {
        const auto& wo = w->get_object();
        if (auto res = optional_text(wo, "residence"))
          rule.when.residence = domain::responsibility::parse_residence(*res);
        rule.when.can_visit_health_centre = optional_flag(wo, "canVisitHealthCentre");
        rule.when.under_18 = optional_flag(wo, "under18");
        rule.when.lss = optional_flag(wo, "lss");
      }
      rule.principal = principal(text(r, "principal"));
      const auto kind = domain::registry::parse_unit_kind(text(r, "unitKind"));
      if (!kind) throw std::runtime_error("stored catalogue: unknown unit kind");
      rule.unit_kind = *kind;
      rule.note = text(r, "note");
      s.rules.push_back(std::move(rule));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace nara::service
