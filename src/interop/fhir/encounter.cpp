#include "interop/fhir/encounter.hpp"

#include <optional>
#include <string>

#include "interop/fhir/common.hpp"

namespace nara::interop::fhir {

namespace json = boost::json;
using domain::discharge::EpisodeState;

namespace {

json::object inpatient_class() {
  return coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP",
                std::string_view("inpatient encounter"));
}

// When the episode ended, if it has: discharge, death or cancellation.
std::optional<core::Instant> end_of(const domain::discharge::Episode& e) {
  if (e.discharged_at) return e.discharged_at;
  return e.ended_at;
}

void add_step(json::array& steps, std::string_view name, const std::optional<core::Instant>& at) {
  if (at) steps.push_back(json::object{{"url", name}, {"valueDateTime", instant(*at)}});
}

// The statutory steps taken so far, each with its time; ready-for-discharge as the periods it was
// in force (a withdrawn notice ends one).
json::object steps_extension(const domain::discharge::Episode& e) {
  json::array steps;
  add_step(steps, "admitted", e.admitted_at);
  add_step(steps, "needsAssessed", e.needs_assessed_at);
  add_step(steps, "admissionNoticeSent", e.admission_notice_sent_at);
  add_step(steps, "plannedDischarge", e.planned_discharge);
  add_step(steps, "firstAcknowledged", e.first_acknowledged_at);
  add_step(steps, "namedContactAppointed", e.named_contact_appointed_at);
  for (const auto& ready : e.ready_periods) {
    json::object period{{"start", instant(ready.sent)}};
    if (ready.withdrawn) period["end"] = instant(*ready.withdrawn);
    steps.push_back(json::object{{"url", "readyForDischarge"}, {"valuePeriod", std::move(period)}});
  }
  add_step(steps, "sipInvitationSent", e.sip_invitation_sent_at);
  add_step(steps, "informationTransferred", e.information_transferred_at);
  add_step(steps, "discharged", e.discharged_at);
  add_step(steps, "ended", e.ended_at);
  return {{"url", kDischargeChainStepsExtension}, {"extension", std::move(steps)}};
}

}  // namespace

std::string_view encounter_status(EpisodeState state) {
  switch (state) {
    case EpisodeState::discharged:
    case EpisodeState::deceased:
      return "finished";
    case EpisodeState::cancelled:
      return "entered-in-error";
    default:
      return "in-progress";
  }
}

json::object encounter(const store::EpisodeRecord& r, std::string_view db_updated_at,
                       bool content_hidden) {
  json::object m = meta(r.version, db_updated_at);
  if (content_hidden) {
    // That the episode exists, and whose it is; nothing of what it holds, not even its state.
    m["security"] = json::array{redacted_label()};
    return {{"resourceType", "Encounter"}, {"id", r.id},
            {"meta", std::move(m)},        {"status", "unknown"},
            {"class", inpatient_class()},  {"subject", reference("Patient", r.person_id)}};
  }
  const auto& e = r.episode;
  json::object o{{"resourceType", "Encounter"}, {"id", r.id}, {"meta", std::move(m)}};
  o["extension"] = json::array{
      json::object{{"url", kDischargeChainStateExtension},
                   {"valueCoding", coding(kDischargeChainStateSystem, to_string(e.state),
                                          domain::discharge::swedish_name(e.state))}},
      steps_extension(e)};
  if (r.external_visit_id) {
    o["identifier"] = json::array{identifier(kVisitNumberSystem, *r.external_visit_id, "usual")};
  }
  o["status"] = encounter_status(e.state);
  const auto end = end_of(e);
  if (end) {
    // statusHistory holds the statuses before the current one.
    o["statusHistory"] = json::array{
        json::object{{"status", "in-progress"},
                     {"period", {{"start", instant(e.admitted_at)}, {"end", instant(*end)}}}}};
  }
  o["class"] = inpatient_class();
  o["subject"] = reference("Patient", r.person_id);
  json::object period{{"start", instant(e.admitted_at)}};
  if (end) period["end"] = instant(*end);
  o["period"] = std::move(period);
  if (e.state == EpisodeState::deceased) {
    o["hospitalization"] = json::object{
        {"dischargeDisposition",
         {{"coding",
           json::array{coding("http://terminology.hl7.org/CodeSystem/discharge-disposition", "exp",
                              std::string_view("Expired"))}}}}};
  }
  o["location"] = json::array{json::object{{"location", reference("Location", e.ward_unit_id)},
                                           {"status", e.active() ? "active" : "completed"}}};
  o["serviceProvider"] = reference("Organization", e.ward_unit_id);
  return o;
}

}  // namespace nara::interop::fhir
