#include "service/sip_service.hpp"

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
#include "service/episode_link.hpp"
#include "service/sharing_service.hpp"
#include "service/sip_codec.hpp"
#include "service/sip_support.hpp"
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

using namespace sip_support;

namespace {

// A samordnad vårdplan is drawn up by the chief physician of the ward the patient leaves, for an
// episode that ends in the care of its kind (LPT 7 a §, LRV 12 a §). The physician role stands
// for the chefsöverläkare or the specialist the task is delegated to.
void require_care_plan_episode(store::Transaction& tx, const domain::access::Actor& actor,
                               sip::PlanKind kind, const std::string& episode_id) {
  const auto episode = tx.query(
      "SELECT ward_unit_id, needs_outpatient_compulsory_care FROM inpatient_episodes WHERE id = ?",
      episode_id);
  if (episode.empty()) return;  // create names the field
  if (actor.role != domain::access::Role::physician || episode.row(0).text(0) != *actor.unit_id) {
    forbidden("En samordnad vårdplan upprättas av chefsöverläkaren vid avdelningen (" +
              sip::care_plan_paragraph(kind) + ").");
  }
  const auto needed = episode.row(0).is_null(1) ? std::string() : episode.row(0).text(1);
  if (needed != sip::to_string(kind)) {
    core::throw_field_error(
        "kind", "care_plan.episode",
        needed.empty() ? "Vårdtillfället avslutas inte med öppen psykiatrisk tvångsvård eller "
                         "öppen rättspsykiatrisk vård; bedöm behoven först."
                       : "Vårdtillfället avslutas med " +
                             std::string(needed == "lpt" ? "öppen psykiatrisk tvångsvård (LPT)"
                                                         : "öppen rättspsykiatrisk vård (LRV)") +
                             "; välj den plan som hör till.");
  }
  // One plan in force or in the making per stay: a second one would split the units' approvals.
  if (!tx.query("SELECT 1 FROM coordinated_plans WHERE episode_id = ? AND kind <> 'sip' AND state "
                "<> 'closed'",
                episode_id)
           .empty())
    coordination::refuse_transition(kPlanProblem, "episodeId", "care_plan.exists",
                                    "Vårdtillfället har redan en samordnad vårdplan.");
}

}  // namespace

PlanView SipService::create(const domain::access::Actor& actor, const NewPlan& input) {
  const auto now = ctx_.clock.now();
  const std::string now_text = store::to_db_time(now);
  const bool care_plan = sip::is_care_plan(input.kind);
  // Consent is recorded before a SIP is drawn up (HSL 16:4, SoL 10:8); a samordnad vårdplan is
  // drawn up in consultation with the patient instead (LPT 7 a §).
  std::vector<core::FieldError> errors;
  if (care_plan && !input.episode_id) {
    errors.push_back({"episodeId", "required",
                      "En samordnad vårdplan upprättas inför utskrivning från sluten psykiatrisk "
                      "vård; ange vårdtillfället (" +
                          sip::legal_reference(input.kind, now) + ")."});
  }
  if (!care_plan && input.consent_scope.find_first_not_of(" \t\r\n") == std::string::npos) {
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
    plan.kind = input.kind;
    // Either principal's assessment starts the plan (domain-rules §2.2); a joint provider's unit
    // counts as the municipality's, the principal of social services.
    plan.initiated_by = kinds.contains(PrincipalKind::municipality) ? PrincipalKind::municipality
                                                                    : PrincipalKind::region;
    plan.initiated_at = now;
    if (!care_plan) {
      plan.consent = sip::Consent{input.consent_given_by, input.consent_given_at.value_or(now),
                                  input.consent_scope, actor.user_id, std::nullopt};
    }
    // The starting unit takes part unless the content says otherwise.
    plan.participants.push_back({core::new_uuid(), ParticipantKind::unit, *actor.unit_id,
                                 registry.find_unit(*actor.unit_id)->name,
                                 care_plan ? "chefsöverläkarens enhet" : "initiativtagare"});
    change_content(tx, plan, input.content);
    if (auto problems = sip::content_problems(plan); !problems.empty())
      coordination::invalid(std::move(problems));
    check_references(tx, plan);
    store::PlanRow row;
    row.id = core::new_uuid();
    row.person_id = input.person_id;
    row.state = std::string(sip::to_string(plan.state));
    row.initiated_by_unit_id = *actor.unit_id;
    row.kind = std::string(sip::to_string(plan.kind));
    if (input.episode_id) {
      const auto episode =
          tx.query("SELECT person_id FROM inpatient_episodes WHERE id = ?", *input.episode_id);
      if (episode.empty() || episode.row(0).text(0) != input.person_id) {
        core::throw_field_error("episodeId", "reference",
                                "Vårdtillfället finns inte för denna person.");
      }
      row.episode_id = input.episode_id;
      if (care_plan) require_care_plan_episode(tx, actor, input.kind, *input.episode_id);
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
    e.outcome = "allowed: " + sip::legal_reference(plan.kind, now);
    if (care_plan) {
      AuditLog::record_in(tx, {e});
    } else {
      auto c = audit_entry(actor, ctx_.clock, AuditAction::consent, "coordinated_plan", row.id,
                           row.person_id);
      c.outcome = "given: sip (" + input.consent_given_by + ")";
      AuditLog::record_in(tx, {e, c});
    }
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
    change_content(tx, w.plan, patch);
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
    if (command.kind == sip::EventKind::approve) {
      // A unit approves for itself, and only one that answers for an insats (LPT 7 a § 3 st.).
      if (!sip::responsible_units(w.plan).contains(*actor.unit_id)) {
        forbidden("Planen justeras av de enheter som ansvarar för insatser enligt den (" +
                  sip::legal_reference(w.plan.kind, now) + ").");
      }
      ev.approval = sip::Approval{*actor.unit_id,
                                  store::RegistryRepository(tx).find_unit(*actor.unit_id)->name,
                                  actor.user_id, actor_name(actor), now};
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
    if (w.row.episode_id && !sip::is_care_plan(w.plan.kind))
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
    change_content(tx, w.plan, changes);
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
