#include "service/sip_service.hpp"

#include <boost/json.hpp>
#include <set>

#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "domain/access/policy.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/coordination_support.hpp"
#include "service/denied_access.hpp"
#include "service/episode_link.hpp"
#include "service/sharing_service.hpp"
#include "service/sip_codec.hpp"
#include "store/access_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::access::Verdict;
using domain::registry::PrincipalKind;
using domain::sip::ParticipantKind;
using domain::sip::Plan;
using domain::sip::PlanState;
namespace sip = domain::sip;
namespace json = boost::json;

namespace {

constexpr const char* kPlanProblem = "sip-transition";

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

struct ReadDecision {
  domain::access::Decision decision;
  bool relation = false;
};

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
  if (actor.unit_id && plan.consent_in_force() && participates(plan, *actor.unit_id))
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
  v.legal_reference = sip::legal_reference(v.plan.initiated_at);
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

struct Writable {
  store::PlanRow row;
  Plan plan;
};

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

}  // namespace

PlanView SipService::create(const domain::access::Actor& actor, const NewPlan& input) {
  const auto now = ctx_.clock.now();
  const std::string now_text = store::to_db_time(now);
  // Consent is recorded before the plan is drawn up (HSL 16:4, SoL 10:8).
  std::vector<core::FieldError> errors;
  if (input.consent_scope.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.push_back({"consent/scope", "sip.consent_required",
                      "Planen upprättas bara med personens samtycke; ange vad samtycket omfattar "
                      "(HSL 16 kap. 4 §, SoL 10 kap. 8 §)."});
  }
  if (input.consent_given_by != "person" && input.consent_given_by != "legal_representative") {
    errors.push_back({"consent/givenBy", "enum", "Ska vara person eller legal_representative."});
  }
  if (input.consent_given_at && *input.consent_given_at > now) {
    errors.push_back({"consent/givenAt", "datetime.past", "Samtycket kan inte ges i framtiden."});
  }
  if (!errors.empty()) coordination::invalid(std::move(errors));
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    store::RegistryRepository registry(tx);
    if (!registry.find_person(input.person_id)) not_found();
    coordination::require_coordinator_with_relation(tx, actor, input.person_id, ctx_.clock,
                                                    "coordinated_plan");
    const auto kinds = coordination::principal_kinds_of_unit(tx, *actor.unit_id);
    if (kinds.empty()) forbidden("Enheten hör inte till någon huvudman.");
    Plan plan;
    // Either principal's assessment starts the plan (domain-rules §2.2); a joint provider's unit
    // counts as the municipality's, the principal of social services.
    plan.initiated_by = kinds.contains(PrincipalKind::municipality) ? PrincipalKind::municipality
                                                                    : PrincipalKind::region;
    plan.initiated_at = now;
    plan.consent = sip::Consent{input.consent_given_by, input.consent_given_at.value_or(now),
                                input.consent_scope, actor.user_id, std::nullopt};
    // The starting unit takes part unless the content says otherwise.
    plan.participants.push_back({core::new_uuid(), ParticipantKind::unit, *actor.unit_id,
                                 registry.find_unit(*actor.unit_id)->name, "initiativtagare"});
    apply_patch(plan, input.content);
    if (auto problems = sip::content_problems(plan); !problems.empty())
      coordination::invalid(std::move(problems));
    check_references(tx, plan);
    store::PlanRow row;
    row.id = core::new_uuid();
    row.person_id = input.person_id;
    row.state = std::string(sip::to_string(plan.state));
    row.initiated_by_unit_id = *actor.unit_id;
    if (input.episode_id) {
      const auto episode =
          tx.query("SELECT person_id FROM inpatient_episodes WHERE id = ?", *input.episode_id);
      if (episode.empty() || episode.row(0).text(0) != input.person_id) {
        core::throw_field_error("episodeId", "reference",
                                "Vårdtillfället finns inte för denna person.");
      }
      row.episode_id = input.episode_id;
    }
    // The catalogue version in force today stays with the plan.
    store::SipRepository repo(tx);
    std::vector<domain::responsibility::CatalogueVersion> versions;
    for (const auto& c : repo.catalogues()) {
      domain::responsibility::CatalogueVersion v;
      v.id = c.id;
      v.version = c.version;
      v.valid_from = *sip::parse_calendar_date(c.valid_from);
      if (c.valid_to) v.valid_to = sip::parse_calendar_date(*c.valid_to);
      versions.push_back(std::move(v));
    }
    if (const auto* in_force =
            domain::responsibility::in_force(versions, core::stockholm::local_date(now))) {
      row.catalogue_version_id = in_force->id;
    }
    row.content = encode(plan);
    row.version = 1;
    row.created_at = now_text;
    row.updated_at = now_text;
    repo.insert_plan(row);
    repo.insert_version(row.id,
                        store::PlanVersionRow{1, row.state, row.content, "create",
                                              changed_fields("{}", row.content), actor.user_id,
                                              actor_name(actor), actor.unit_id, now_text});
    sync_participation(tx, actor, row, Plan{}, plan, now_text);
    tx.query("INSERT INTO outbox (id, topic, payload, created_at) VALUES (?, ?, ?, ?)",
             core::new_uuid(), "sip.create", json::serialize(json::object{{"planId", row.id}}),
             now_text);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::create, "coordinated_plan", row.id,
                         row.person_id);
    e.outcome = "allowed: " + sip::legal_reference(now);
    auto c = audit_entry(actor, ctx_.clock, AuditAction::consent, "coordinated_plan", row.id,
                         row.person_id);
    c.outcome = "given: sip (" + input.consent_given_by + ")";
    AuditLog::record_in(tx, {e, c});
    return load_view(tx, row.id);
  });
}

PlanView SipService::get(const domain::access::Actor& actor, const std::string& id) {
  SharingService sharing(ctx_);
  struct Loaded {
    std::optional<PlanView> view;
    ReadDecision read;
    std::string person_id;
  };
  auto loaded = ctx_.db.read([&](store::Transaction& tx) {
    Loaded out;
    auto row = store::SipRepository(tx).find_plan(id);
    if (!row) return out;
    out.person_id = row->person_id;
    const Plan plan = decode(*row);
    out.read = decide_read(tx, sharing, actor, *row, plan);
    if (out.read.decision.verdict == Verdict::deny) return out;
    PlanView v;
    v.row = std::move(*row);
    v.plan = plan;
    v.content_hidden = out.read.decision.verdict == Verdict::existence_only;
    if (!v.content_hidden) fill_view(tx, v);
    out.view = std::move(v);
    return out;
  });
  if (loaded.person_id.empty()) not_found();
  auto e = audit_entry(actor, ctx_.clock, loaded.view ? AuditAction::read : AuditAction::denied,
                       "coordinated_plan", id, loaded.person_id);
  e.outcome = std::string(loaded.view ? "allowed: " : "denied: ") + loaded.read.decision.rule;
  e.without_relation =
      !loaded.read.relation && !coordination::is_own_record(actor, loaded.person_id);
  e.flagged = loaded.read.decision.flag_for_review;
  ctx_.audit->record({e});
  if (!loaded.view) not_found();
  return std::move(*loaded.view);
}

std::vector<PlanView> SipService::plans_of_person(const domain::access::Actor& actor,
                                                  const std::string& person_id) {
  SharingService sharing(ctx_);
  bool visible = false;
  bool exists = false;
  std::string gate_rule;
  std::vector<domain::access::AuditEntry> entries;
  auto views = ctx_.db.read([&](store::Transaction& tx) {
    std::vector<PlanView> out;
    exists = !tx.query("SELECT 1 FROM persons WHERE id = ?", person_id).empty();
    if (!exists) return out;
    // PDL 4:1: without a relation there is nothing to see, not even that the person exists.
    const bool own = coordination::is_own_record(actor, person_id);
    const bool role_reads = actor.role && domain::access::role_reads_clinical_content(*actor.role);
    visible = own || (actor.unit_id && role_reads &&
                      store::AccessRepository(tx).has_active_relation(*actor.unit_id, person_id));
    gate_rule = own ? "PDL 8:5" : role_reads ? "PDL 4:1" : "PDL 4:2";
    if (!visible) return out;
    for (auto& row : store::SipRepository(tx).plans_of_person(person_id)) {
      const Plan plan = decode(row);
      const auto read = decide_read(tx, sharing, actor, row, plan);
      auto e = audit_entry(
          actor, ctx_.clock,
          read.decision.verdict == Verdict::deny ? AuditAction::denied : AuditAction::read,
          "coordinated_plan", row.id, person_id);
      e.outcome = std::string(read.decision.verdict == Verdict::deny ? "denied: " : "allowed: ") +
                  read.decision.rule;
      e.without_relation = !read.relation && !coordination::is_own_record(actor, person_id);
      e.flagged = read.decision.flag_for_review;
      entries.push_back(std::move(e));
      if (read.decision.verdict == Verdict::deny) continue;
      PlanView v;
      v.row = std::move(row);
      v.plan = plan;
      v.content_hidden = read.decision.verdict == Verdict::existence_only;
      if (!v.content_hidden) fill_view(tx, v);
      out.push_back(std::move(v));
    }
    return out;
  });
  // Asking for a person's plans is an access to their record even when it shows none: an
  // attempt without a relation is logged as denied, one that found no plan as a read
  // (PDL 4:3, HSLF-FS 2016:40 4 kap. 9 §).
  if (entries.empty() && exists) {
    auto e = audit_entry(actor, ctx_.clock, visible ? AuditAction::read : AuditAction::denied,
                         "person_sips", person_id, person_id);
    e.outcome = (visible ? "allowed: " : "denied: ") + gate_rule;
    e.without_relation = !visible;
    entries.push_back(std::move(e));
  }
  ctx_.audit->record(std::move(entries));
  if (!visible) not_found();
  return views;
}

std::vector<PlanView> SipService::plans_of_my_unit(const domain::access::Actor& actor) {
  if (!actor.unit_id || !actor.role || !domain::access::role_reads_clinical_content(*actor.role)) {
    forbidden("Enhetens planer visas för vårdpersonal.");
  }
  SharingService sharing(ctx_);
  std::vector<domain::access::AuditEntry> entries;
  auto views = ctx_.db.read([&](store::Transaction& tx) {
    std::vector<PlanView> out;
    for (auto& row : store::SipRepository(tx).plans_of_unit(*actor.unit_id, 200)) {
      const Plan plan = decode(row);
      const auto read = decide_read(tx, sharing, actor, row, plan);
      if (read.decision.verdict == Verdict::deny) continue;
      auto e = audit_entry(actor, ctx_.clock, AuditAction::read, "coordinated_plan", row.id,
                           row.person_id);
      e.outcome = std::string("allowed: ") + read.decision.rule;
      e.flagged = read.decision.flag_for_review;
      entries.push_back(std::move(e));
      PlanView v;
      v.row = std::move(row);
      v.plan = plan;
      v.content_hidden = read.decision.verdict == Verdict::existence_only;
      if (!v.content_hidden) fill_view(tx, v);
      out.push_back(std::move(v));
    }
    return out;
  });
  ctx_.audit->record(std::move(entries));
  return views;
}

PlanView SipService::update(const domain::access::Actor& actor, const std::string& id,
                            std::int64_t expected_version, const PlanPatch& patch) {
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    auto w = load_for_change(tx, actor, id, ctx_.clock);
    if (w.row.version != expected_version) version_conflict();
    if (auto refused = sip::may_edit(w.plan)) refuse(*refused);
    const Plan before = w.plan;
    apply_patch(w.plan, patch);
    if (auto problems = sip::content_problems(w.plan); !problems.empty())
      coordination::invalid(std::move(problems));
    // A plan in force keeps the four items (HSL 16:4 p. 1–4) through every change.
    if (w.plan.state != PlanState::draft) {
      if (auto problems = sip::activation_problems(w.plan, ctx_.clock.now()); !problems.empty())
        coordination::invalid(std::move(problems));
    }
    check_references(tx, w.plan);
    sync_participation(tx, actor, w.row, before, w.plan, store::to_db_time(ctx_.clock.now()));
    save(tx, actor, ctx_.clock, w.row, w.plan, expected_version, "edit", AuditAction::update);
    return load_view(tx, id);
  });
}

PlanView SipService::apply(const domain::access::Actor& actor, const std::string& id,
                           std::int64_t expected_version, const PlanEventCommand& command) {
  const auto now = ctx_.clock.now();
  const bool consent_event = command.kind == sip::EventKind::give_consent ||
                             command.kind == sip::EventKind::withdraw_consent;
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    Writable w;
    auto row = store::SipRepository(tx).find_plan(id);
    if (!row) not_found();
    if (coordination::is_own_record(actor, row->person_id)) {
      // The person gives or withdraws their own consent; everything else is the units' work.
      if (!consent_event) forbidden("Planen ändras av de enheter som deltar i den.");
      w = {*row, decode(*row)};
    } else {
      w = load_for_change(tx, actor, id, ctx_.clock);
    }
    if (w.row.version != expected_version) version_conflict();
    sip::Event ev;
    ev.kind = command.kind;
    ev.at = now;
    ev.outcome = command.outcome;
    ev.next_follow_up = command.next_follow_up;
    ev.reason = command.reason;
    ev.new_follow_up_id = core::new_uuid();
    if (command.kind == sip::EventKind::give_consent) {
      ev.consent = sip::Consent{command.consent_given_by, now, command.consent_scope.value_or(""),
                                actor.user_id, std::nullopt};
    }
    const bool was_closed = w.plan.state == PlanState::closed;
    if (auto refused = sip::apply(w.plan, ev)) refuse(*refused);
    save(tx, actor, ctx_.clock, w.row, w.plan, expected_version,
         std::string(sip::to_string(command.kind)),
         consent_event ? AuditAction::consent : AuditAction::update);
    if (!was_closed && w.plan.state == PlanState::closed) {
      // The relations the plan gave end with it.
      tx.query(
          "UPDATE care_relations SET ended_at = ? WHERE source_id = ? AND origin = "
          "'sip_participation' AND ended_at IS NULL",
          store::to_db_time(now), id);
    }
    return load_view(tx, id);
  });
}

PlanView SipService::comment_on_goal(const domain::access::Actor& actor, const std::string& id,
                                     const std::string& goal_id, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    core::throw_field_error("text", "required", "Skriv en kommentar.");
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    auto row = store::SipRepository(tx).find_plan(id);
    if (!row) not_found();
    const bool own = coordination::is_own_record(actor, row->person_id);
    Writable w = own ? Writable{*row, decode(*row)} : load_for_change(tx, actor, id, ctx_.clock);
    if (w.plan.state == PlanState::closed)
      coordination::refuse_transition(kPlanProblem, "goalId", "sip.closed", "Planen är avslutad.");
    sip::Goal* goal = nullptr;
    for (auto& g : w.plan.goals) {
      if (g.id == goal_id) goal = &g;
    }
    if (!goal) not_found();
    goal->comments.push_back(
        sip::GoalComment{actor.user_id, actor_name(actor), own, ctx_.clock.now(), text});
    save(tx, actor, ctx_.clock, w.row, w.plan, w.row.version, "goal_comment", AuditAction::update);
    return load_view(tx, id);
  });
}

std::vector<store::PlanVersionRow> SipService::history(const domain::access::Actor& actor,
                                                       const std::string& id) {
  const auto view = get(actor, id);  // decided and logged as a read of the plan
  if (view.content_hidden) not_found();
  return ctx_.db.read(
      [&](store::Transaction& tx) { return store::SipRepository(tx).versions(id); });
}

SuggestionView SipService::suggest(const domain::access::Actor& actor, const std::string& id,
                                   const std::string& service_type, bool can_visit, bool lss) {
  const auto view = get(actor, id);
  if (view.content_hidden) not_found();
  if (!view.row.catalogue_version_id) {
    coordination::refuse_transition("catalogue", "serviceType", "catalogue.none",
                                    "Ingen ansvarsfördelning gällde när planen upprättades.");
  }
  return ctx_.db.read([&](store::Transaction& tx) {
    store::SipRepository repo(tx);
    const auto stored = repo.find_catalogue(*view.row.catalogue_version_id);
    domain::responsibility::CatalogueVersion catalogue;
    catalogue.id = stored->id;
    catalogue.version = stored->version;
    catalogue.services = services_from_json(json::parse(stored->content).as_array());
    const auto person = store::RegistryRepository(tx).find_person(view.row.person_id);
    SuggestionView out;
    out.catalogue_version = stored->version;
    out.context = person_context(tx, *person, ctx_.clock.now(), can_visit, lss);
    out.decision = domain::responsibility::decide(catalogue, service_type, out.context);
    if (out.decision.suggestion && person->municipality_code) {
      // Units of that kind serving the person's municipality, for the coordinator to choose.
      const auto rs = tx.query(
          "SELECT id, name FROM units WHERE kind = ? AND municipality_code = ? AND active = 1 "
          "ORDER BY name",
          std::string(domain::registry::to_string(out.decision.suggestion->unit_kind)),
          *person->municipality_code);
      for (std::size_t i = 0; i < rs.size(); ++i)
        out.candidate_units.emplace_back(rs.row(i).text(0), rs.row(i).text(1));
    }
    return out;
  });
}

MeetingView SipService::invite(const domain::access::Actor& actor, const std::string& plan_id,
                               core::Instant starts_at, std::optional<std::string> place,
                               std::optional<std::string> video_link) {
  const auto now = ctx_.clock.now();
  if (!place && !video_link) {
    coordination::invalid(
        {{"place", "sip.meeting_place", "Ange plats eller videolänk för mötet."}});
  }
  if (starts_at < now) {
    core::throw_field_error("startsAt", "datetime.future", "Mötet måste ligga framåt i tiden.");
  }
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    auto w = load_for_change(tx, actor, plan_id, ctx_.clock);
    if (auto refused = sip::may_edit(w.plan)) refuse(*refused);
    store::SipRepository repo(tx);
    const std::string now_text = store::to_db_time(now);
    store::MeetingRow m{core::new_uuid(),
                        plan_id,
                        store::to_db_time(starts_at),
                        std::move(place),
                        std::move(video_link),
                        "invited",
                        actor.user_id,
                        now_text,
                        std::nullopt,
                        std::nullopt};
    repo.insert_meeting(m);
    json::array invitees;
    for (const auto& p : w.plan.participants) invitees.emplace_back(p.id);
    tx.query("INSERT INTO outbox (id, topic, payload, created_at) VALUES (?, ?, ?, ?)",
             core::new_uuid(), "sip.meeting_invited",
             json::serialize(json::object{
                 {"planId", plan_id}, {"meetingId", m.id}, {"participantIds", invitees}}),
             now_text);
    // A SIP made at discharge: this invitation is the episode's kallelse (2017:612 4 kap. 3 §).
    if (w.row.episode_id)
      record_sip_invitation_on_episode(tx, actor, *w.row.episode_id, now, ctx_.clock);
    auto e =
        audit_entry(actor, ctx_.clock, AuditAction::create, "sip_meeting", m.id, w.row.person_id);
    e.outcome = "allowed: kallelse till SIP-möte";
    AuditLog::record_in(tx, {e});
    return MeetingView{m, {}};
  });
}

MeetingView SipService::reply(const domain::access::Actor& actor, const std::string& meeting_id,
                              const std::string& participant_id, const std::string& answer,
                              std::optional<std::string> comment) {
  if (answer != "accepted" && answer != "declined" && answer != "tentative")
    core::throw_field_error("reply", "enum", "Ska vara accepted, declined eller tentative.");
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    store::SipRepository repo(tx);
    auto meeting = repo.find_meeting(meeting_id);
    if (!meeting) not_found();
    auto row = repo.find_plan(meeting->plan_id);
    const Plan plan = decode(*row);
    const sip::Participant* who = nullptr;
    for (const auto& p : plan.participants) {
      if (p.id == participant_id) who = &p;
    }
    const bool own = coordination::is_own_record(actor, row->person_id);
    if (own) {
      // The person answers for themself.
      if (!who || who->kind != ParticipantKind::person)
        core::throw_field_error("participantId", "sip.own_reply", "Svara för dig själv.");
    } else {
      load_for_change(tx, actor, meeting->plan_id, ctx_.clock);
      if (!who) core::throw_field_error("participantId", "reference", "Deltagaren finns inte.");
      // A unit answers for itself; others' answers are recorded by any participating unit.
      if (who->kind == ParticipantKind::unit && who->unit_id != actor.unit_id) {
        core::throw_field_error("participantId", "sip.unit_reply",
                                "En enhet svarar bara för sig själv.");
      }
    }
    if (meeting->state != "invited") {
      coordination::refuse_transition("sip-meeting", "reply", "sip.meeting_closed",
                                      "Mötet är redan hållet.");
    }
    repo.upsert_reply(meeting_id,
                      store::MeetingReplyRow{participant_id, answer, std::move(comment),
                                             store::to_db_time(ctx_.clock.now())},
                      actor.user_id);
    auto e = audit_entry(actor, ctx_.clock, AuditAction::update, "sip_meeting", meeting_id,
                         row->person_id);
    e.outcome = "reply: " + answer;
    AuditLog::record_in(tx, {e});
    return MeetingView{*meeting, repo.replies(meeting_id)};
  });
}

PlanView SipService::record_outcome(const domain::access::Actor& actor,
                                    const std::string& meeting_id, std::int64_t expected_version,
                                    const std::string& outcome, const PlanPatch& changes,
                                    bool activate) {
  if (outcome.find_first_not_of(" \t\r\n") == std::string::npos)
    core::throw_field_error("outcome", "required", "Skriv vad mötet kom fram till.");
  const auto now = ctx_.clock.now();
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    store::SipRepository repo(tx);
    auto meeting = repo.find_meeting(meeting_id);
    if (!meeting) not_found();
    auto w = load_for_change(tx, actor, meeting->plan_id, ctx_.clock);
    if (w.row.version != expected_version) version_conflict();
    if (meeting->state != "invited") {
      coordination::refuse_transition("sip-meeting", "outcome", "sip.meeting_closed",
                                      "Mötet är redan hållet.");
    }
    if (auto refused = sip::may_edit(w.plan)) refuse(*refused);
    // The meeting's decisions become the plan's next version, checked like any change.
    const Plan before = w.plan;
    apply_patch(w.plan, changes);
    if (auto problems = sip::content_problems(w.plan); !problems.empty())
      coordination::invalid(std::move(problems));
    if (activate) {
      sip::Event ev;
      ev.kind = sip::EventKind::activate;
      ev.at = now;
      if (auto refused = sip::apply(w.plan, ev)) refuse(*refused);
    } else if (w.plan.state != PlanState::draft) {
      if (auto problems = sip::activation_problems(w.plan, now); !problems.empty())
        coordination::invalid(std::move(problems));
    }
    check_references(tx, w.plan);
    const std::string now_text = store::to_db_time(now);
    sync_participation(tx, actor, w.row, before, w.plan, now_text);
    repo.mark_meeting_held(meeting_id, outcome, now_text);
    save(tx, actor, ctx_.clock, w.row, w.plan, expected_version, "meeting_outcome",
         AuditAction::update);
    return load_view(tx, w.row.id);
  });
}

}  // namespace nara::service
