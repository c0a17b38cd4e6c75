#include "service/sip_support.hpp"

#include <boost/json.hpp>
#include <set>

#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "domain/access/policy.hpp"
#include "domain/sip/care_plan.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/coordination_support.hpp"
#include "service/denied_access.hpp"
#include "service/sharing_service.hpp"
#include "service/sip_codec.hpp"
#include "store/access_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service::sip_support {

using domain::access::AuditAction;
using domain::sip::ParticipantKind;
using domain::sip::Plan;
namespace sip = domain::sip;
namespace json = boost::json;

Plan decode(const store::PlanRow& row) {
  return plan_from_json(json::parse(row.content).as_object());
}

std::string encode(const Plan& plan) {
  return json::serialize(plan_to_json(plan));
}

// The top-level fields whose content differs between two versions: "what changed".
std::string changed_fields(const std::string& before, const std::string& after) {
  const auto a = json::parse(before).as_object();
  const auto b = json::parse(after).as_object();
  std::string out;
  for (const auto& member : b) {
    const auto* old = a.if_contains(member.key());
    if (old && *old == member.value()) continue;
    if (!out.empty()) out += ",";
    out += std::string(member.key());
  }
  return out;
}

bool participates(const Plan& plan, const std::string& unit_id) {
  for (const auto& p : plan.participants) {
    if (p.kind == ParticipantKind::unit && p.unit_id == unit_id) return true;
  }
  return false;
}

std::set<std::string> participant_units(const Plan& plan) {
  std::set<std::string> out;
  for (const auto& p : plan.participants) {
    if (p.kind == ParticipantKind::unit && p.unit_id) out.insert(*p.unit_id);
  }
  return out;
}

// The plan is documented by the unit that started it; a participating unit reads it under the
// person's consent to the SIP (HSL 16:4), which covers sharing the plan among its participants.
// Blocks still hold (2022:913 3:7: consent never widens access past a block).
ReadDecision decide_read(store::Transaction& tx, SharingService& sharing,
                         const domain::access::Actor& actor, const store::PlanRow& row,
                         const Plan& plan) {
  const auto provider =
      tx.query("SELECT care_provider_id FROM units WHERE id = ?", row.initiated_by_unit_id);
  auto facts = sharing.facts_for(tx, actor, row.person_id,
                                 {provider.row(0).text(0), row.initiated_by_unit_id},
                                 domain::access::DataCategory::clinical);
  // A samordnad vårdplan is shared among its units without consent: secrecy does not prevent
  // disclosure between health care and social services for a patient cared for under LPT or
  // LRV (OSL 25:12, 26:9; domain-rules §3.4). Our reading: that stands in for the consent of a
  // SIP for the participating units only; blocks still hold.
  const bool shared_by_law = sip::is_care_plan(plan.kind);
  if (actor.unit_id && (plan.consent_in_force() || shared_by_law) &&
      participates(plan, *actor.unit_id))
    facts.consent_recorded = true;
  return {domain::access::decide(facts), facts.active_care_relation};
}

void fill_view(store::Transaction& tx, PlanView& v) {
  store::SipRepository repo(tx);
  v.named_contacts = repo.named_contacts(v.row.person_id, true);
  for (auto& m : repo.meetings_of_plan(v.row.id)) {
    auto replies = repo.replies(m.id);
    v.meetings.push_back(MeetingView{std::move(m), std::move(replies)});
  }
  if (v.row.catalogue_version_id) {
    if (auto c = repo.find_catalogue(*v.row.catalogue_version_id)) v.catalogue_version = c->version;
  }
  v.legal_reference = sip::legal_reference(v.plan.kind, v.plan.initiated_at);
}

PlanView load_view(store::Transaction& tx, const std::string& id) {
  auto row = store::SipRepository(tx).find_plan(id);
  PlanView v;
  v.plan = decode(*row);
  v.row = std::move(*row);
  fill_view(tx, v);
  return v;
}

// Checks the patched plan against the registry: units exist, each intervention's unit belongs
// to the principal it names (HSL 16:4 p. 2: which insatser each principal answers for).
void check_references(store::Transaction& tx, const Plan& plan) {
  store::RegistryRepository registry(tx);
  std::vector<core::FieldError> errors;
  for (std::size_t i = 0; i < plan.participants.size(); ++i) {
    const auto& p = plan.participants[i];
    if (p.kind == ParticipantKind::unit && p.unit_id && !registry.find_unit(*p.unit_id)) {
      errors.push_back(
          {"participants/" + std::to_string(i) + "/unitId", "reference", "Enheten finns inte."});
    }
  }
  for (std::size_t i = 0; i < plan.interventions.size(); ++i) {
    const auto& iv = plan.interventions[i];
    if (iv.unit_id.empty()) continue;
    const std::string field = "interventions/" + std::to_string(i) + "/unitId";
    if (!registry.find_unit(iv.unit_id)) {
      errors.push_back({field, "reference", "Enheten finns inte."});
    } else if (!coordination::principal_kinds_of_unit(tx, iv.unit_id).contains(iv.responsible)) {
      errors.push_back({field, "sip.unit_principal",
                        "Enheten hör inte till den huvudman som anges som ansvarig (HSL 16 kap. 4 "
                        "§ p. 2)."});
    }
  }
  if (!errors.empty()) coordination::invalid(std::move(errors));
}

void apply_patch(Plan& plan, const PlanPatch& patch) {
  if (patch.participants) plan.participants = *patch.participants;
  if (patch.person_objects_to_relatives)
    plan.person_objects_to_relatives = *patch.person_objects_to_relatives;
  if (patch.needs) plan.needs = *patch.needs;
  if (patch.interventions) plan.interventions = *patch.interventions;
  if (patch.other_measures) plan.other_measures = *patch.other_measures;
  if (patch.no_other_measures) plan.no_other_measures = *patch.no_other_measures;
  if (patch.overall_responsible) plan.overall_responsible = *patch.overall_responsible;
  if (patch.goals) {
    std::vector<sip::Goal> goals = *patch.goals;
    for (auto& g : goals) {
      g.comments.clear();
      for (const auto& old : plan.goals) {
        if (old.id == g.id) g.comments = old.comments;  // comments are the person's record
      }
    }
    plan.goals = std::move(goals);
  }
  if (patch.follow_ups) {
    std::vector<sip::FollowUp> kept;
    std::set<std::string> held;
    for (const auto& f : plan.follow_ups) {
      if (f.held_at) {
        kept.push_back(f);
        held.insert(f.id);
      }
    }
    for (auto f : *patch.follow_ups) {
      if (held.contains(f.id)) continue;  // a held follow-up is history
      f.held_at.reset();
      f.outcome.reset();
      kept.push_back(std::move(f));
    }
    plan.follow_ups = std::move(kept);
  }
  if (patch.patient_view) plan.patient_view = *patch.patient_view;
  if (patch.patient_view_not_obtained)
    plan.patient_view_not_obtained = *patch.patient_view_not_obtained;
  if (patch.consulted_patient) plan.consulted_patient = *patch.consulted_patient;
  if (patch.consulted_relatives) plan.consulted_relatives = *patch.consulted_relatives;
  if (patch.relatives_not_consulted_reason)
    plan.relatives_not_consulted_reason = *patch.relatives_not_consulted_reason;
}

void change_content(store::Transaction& tx, Plan& plan, const PlanPatch& patch) {
  const std::string before = encode(plan);
  apply_patch(plan, patch);
  if (!sip::is_care_plan(plan.kind)) return;
  store::RegistryRepository registry(tx);
  for (const auto& unit : sip::responsible_units(plan)) {
    if (participates(plan, unit)) continue;
    const auto found = registry.find_unit(unit);
    if (!found) continue;  // check_references names the field
    plan.participants.push_back(
        {core::new_uuid(), ParticipantKind::unit, unit, found->name, "ansvarar för insats"});
  }
  if (encode(plan) != before) sip::revise(plan);
}

// Every unit taking part gets a care relation from the plan (origin SIP participation, PDL
// 4:1); a unit that leaves the plan loses the one the plan gave it.
void sync_participation(store::Transaction& tx, const domain::access::Actor& actor,
                        const store::PlanRow& row, const Plan& before, const Plan& after,
                        const std::string& now) {
  store::AccessRepository access(tx);
  const auto old_units = participant_units(before);
  const auto new_units = participant_units(after);
  for (const auto& unit : new_units) {
    const bool from_plan =
        !tx.query(
               "SELECT 1 FROM care_relations WHERE unit_id = ? AND source_id = ? AND origin = "
               "'sip_participation' AND ended_at IS NULL",
               unit, row.id)
             .empty();
    if (!from_plan) {
      access.insert_care_relation(
          store::CareRelationRow{core::new_uuid(), row.person_id, unit, "", "sip_participation",
                                 std::nullopt, row.id, now, std::nullopt},
          actor.user_id);
    }
  }
  for (const auto& unit : old_units) {
    if (new_units.contains(unit)) continue;
    tx.query(
        "UPDATE care_relations SET ended_at = ? WHERE unit_id = ? AND source_id = ? AND origin = "
        "'sip_participation' AND ended_at IS NULL",
        now, unit, row.id);
  }
}

std::string actor_name(const domain::access::Actor& actor) {
  return actor.display_name.empty() ? actor.user_id : actor.display_name;
}

// Writes the new state of the plan, its version row, its audit entry and an outbox row.
void save(store::Transaction& tx, const domain::access::Actor& actor, const core::Clock& clock,
          store::PlanRow& row, const Plan& plan, std::int64_t expected_version,
          const std::string& change, AuditAction action) {
  const std::string now = store::to_db_time(clock.now());
  const std::string before = row.content;
  row.content = encode(plan);
  row.state = std::string(sip::to_string(plan.state));
  row.updated_at = now;
  store::SipRepository repo(tx);
  if (!repo.save_plan(row, expected_version)) version_conflict();
  row.version = expected_version + 1;
  repo.insert_version(row.id,
                      store::PlanVersionRow{row.version, row.state, row.content, change,
                                            changed_fields(before, row.content), actor.user_id,
                                            actor_name(actor), actor.unit_id, now});
  tx.query("INSERT INTO outbox (id, topic, payload, created_at) VALUES (?, ?, ?, ?)",
           core::new_uuid(), "sip." + change,
           json::serialize(json::object{{"planId", row.id}, {"version", row.version}}), now);
  auto e = audit_entry(actor, clock, action, "coordinated_plan", row.id, row.person_id);
  e.outcome = "allowed: " + change;
  AuditLog::record_in(tx, {e});
}

// Loads a plan for a change by a participating (or the starting) unit's coordinating staff.
Writable load_for_change(store::Transaction& tx, const domain::access::Actor& actor,
                         const std::string& id, const core::Clock& clock) {
  auto row = store::SipRepository(tx).find_plan(id);
  if (!row) not_found();
  coordination::require_coordinator_with_relation(tx, actor, row->person_id, clock,
                                                  "coordinated_plan");
  Plan plan = decode(*row);
  if (*actor.unit_id != row->initiated_by_unit_id && !participates(plan, *actor.unit_id))
    forbidden("Planen ändras av de enheter som deltar i den.");
  return {std::move(*row), std::move(plan)};
}

void refuse(const sip::TransitionError& e) {
  if (!e.errors.empty()) coordination::invalid(e.errors);
  coordination::refuse_transition(kPlanProblem, "kind", e.rule, e.reason);
}

// The person's situation the catalogue decides on: under 18 from the birth date, residence from
// an active relation with a residential care unit; the rest as the staff member states it.
domain::responsibility::PersonContext person_context(store::Transaction& tx,
                                                     const domain::registry::Person& person,
                                                     core::Instant now, bool can_visit, bool lss) {
  domain::responsibility::PersonContext c;
  c.can_visit_health_centre = can_visit;
  c.lss = lss;
  if (person.birth_date) {
    if (auto born = sip::parse_calendar_date(*person.birth_date)) {
      const auto today = core::stockholm::local_date(now);
      int age = static_cast<int>(today.year()) - static_cast<int>(born->year());
      if (today.month() < born->month() ||
          (today.month() == born->month() && today.day() < born->day()))
        --age;
      c.under_18 = age < 18;
    }
  }
  const bool residential =
      !tx.query(
             "SELECT 1 FROM care_relations cr JOIN units u ON u.id = cr.unit_id WHERE "
             "cr.person_id = ? AND cr.ended_at IS NULL AND u.kind = 'residential_care'",
             person.id)
           .empty();
  c.residence = residential ? domain::responsibility::Residence::residential_care
                            : domain::responsibility::Residence::ordinary_home;
  return c;
}

}  // namespace nara::service::sip_support
