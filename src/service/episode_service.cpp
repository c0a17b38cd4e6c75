#include "service/episode_service.hpp"

#include <boost/json.hpp>

#include "core/problem.hpp"
#include "core/random.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/denied_access.hpp"
#include "service/liability_service.hpp"
#include "service/named_contact_service.hpp"
#include "service/sharing_service.hpp"
#include "store/access_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditAction;
using domain::access::Role;
using domain::discharge::EventKind;
using domain::registry::UnitKind;

namespace {

[[noreturn]] void transition_refused(const domain::discharge::TransitionError& e) {
  core::Problem p;
  p.status = 409;
  p.type = "https://nara.example/problems/episode-transition";
  p.title = "Händelsen är inte möjlig nu";
  p.detail = e.reason;
  p.errors.push_back(core::FieldError{"kind", e.rule, e.reason});
  core::throw_problem(std::move(p));
}

std::optional<std::string> user_of(const domain::access::Actor& a) {
  return a.user_id.empty() ? std::nullopt : std::optional<std::string>(a.user_id);
}

bool is_ward_staff(const domain::access::Actor& a) {
  return a.role == Role::ward_nurse || a.role == Role::physician;
}

// Events the fast vårdkontakt in the region's outpatient care performs (2 kap. 5 §, 4 kap. 3 §).
bool outpatient_event(EventKind k) {
  return k == EventKind::appoint_named_contact || k == EventKind::invite_sip;
}

// The notice each event sends to the units that received the admission notice.
std::optional<std::string> notice_kind(EventKind k) {
  switch (k) {
    case EventKind::set_planned_discharge:
      return "planned_discharge_changed";  // 2 kap. 4 §
    case EventKind::mark_ready:
      return "ready_for_discharge";  // 3 kap. 1 §
    case EventKind::withdraw_ready:
      return "ready_withdrawn";
    case EventKind::invite_sip:
      return "sip_invitation";  // 4 kap. 3 §
    case EventKind::discharge:
      return "discharged";
    default:
      return std::nullopt;
  }
}

}  // namespace

EpisodeView EpisodeService::view(store::Transaction& tx, store::EpisodeRecord record, bool hidden) {
  EpisodeView v;
  v.content_hidden = hidden;
  if (!hidden) {
    const auto now = ctx_.clock.now();
    v.clocks = domain::discharge::clocks(record.episode, now);
    // The liable municipality's agreement in force at the ready notice, with the recorded 5:5
    // periods (agreements and amounts are data: service/liability_service).
    const auto facts = episode_liability_facts(tx, record, now);
    v.region_not_ready = facts.region_not_ready;
    v.care_setting = facts.care_setting;
    if (const auto placing = load_placing_municipality(tx, record.id))
      v.placing_municipality = placing->municipality_code;
    v.liable_municipality = episode_liable_municipality(tx, record);
    v.agreement =
        episode_agreement(load_liability_terms(tx), v.liable_municipality, record.episode, now);
    v.liability = domain::discharge::compute_liability(facts, v.agreement);
    const auto rs =
        tx.query("SELECT id FROM notices WHERE episode_id = ? ORDER BY sent_at, id", record.id);
    store::EpisodeRepository repo(tx);
    for (std::size_t i = 0; i < rs.size(); ++i) {
      if (auto n = repo.find_notice(rs.row(i).text(0))) v.notices.push_back(*n);
    }
  }
  v.record = std::move(record);
  return v;
}

store::EpisodeRecord EpisodeService::admit_in(
    store::Transaction& tx, const domain::access::Actor& actor, const std::string& person_id,
    const std::string& ward_unit_id, core::Instant admitted_at,
    std::optional<std::string> external_visit_id, std::string_view source) {
  const std::string now_text = store::to_db_time(ctx_.clock.now());
  store::EpisodeRecord r;
  r.id = core::new_uuid();
  r.person_id = person_id;
  r.external_visit_id = std::move(external_visit_id);
  r.episode.admitted_at = admitted_at;
  r.episode.ward_unit_id = ward_unit_id;
  store::EpisodeRepository repo(tx);
  repo.insert(r, now_text);
  repo.add_event(r.id, "admit", store::to_db_time(r.episode.admitted_at), user_of(actor),
                 std::string(source), now_text);
  // The admission makes the ward part of the person's care (PDL 4:1) until discharge.
  store::AccessRepository(tx).insert_care_relation(
      store::CareRelationRow{core::new_uuid(), person_id, ward_unit_id, "", "admission",
                             std::nullopt, r.id, now_text, std::nullopt},
      user_of(actor));
  repo.enqueue("episode.admitted", boost::json::serialize(boost::json::object{{"episodeId", r.id}}),
               now_text);
  auto e =
      audit_entry(actor, ctx_.clock, AuditAction::create, "inpatient_episode", r.id, person_id);
  e.outcome = std::string("allowed: admission (") + std::string(source) + ")";
  AuditLog::record_in(tx, {e});
  return r;
}

EpisodeView EpisodeService::admit(const domain::access::Actor& actor, const std::string& person_id,
                                  std::optional<core::Instant> admitted_at,
                                  std::optional<std::string> external_visit_id) {
  if (!is_ward_staff(actor) || !actor.unit_id)
    forbidden("Inskrivning görs av personal på en vårdavdelning.");
  const auto now = ctx_.clock.now();
  return ctx_.db.write([&](store::Transaction& tx) {
    store::RegistryRepository registry(tx);
    const auto ward = registry.find_unit(*actor.unit_id);
    if (!ward || ward->kind != UnitKind::hospital_ward)
      forbidden("Inskrivning görs på en vårdavdelning.");
    if (!registry.find_person(person_id))
      core::throw_field_error("personId", "reference", "Personen finns inte.");
    const auto r = admit_in(tx, actor, person_id, *actor.unit_id, admitted_at.value_or(now),
                            std::move(external_visit_id), "api");
    return view(tx, *store::EpisodeRepository(tx).find(r.id), false);
  });
}

EpisodeView EpisodeService::get(const domain::access::Actor& actor, const std::string& id) {
  SharingService sharing(ctx_);
  struct Loaded {
    std::optional<EpisodeView> view;
    domain::access::Decision decision;
    bool relation = false;
    std::string person_id;
  };
  auto loaded = ctx_.db.read([&](store::Transaction& tx) {
    Loaded out;
    store::EpisodeRepository repo(tx);
    auto record = repo.find(id);
    if (!record) return out;
    const auto provider =
        tx.query("SELECT care_provider_id FROM units WHERE id = ?", record->episode.ward_unit_id);
    const auto facts = sharing.facts_for(tx, actor, record->person_id,
                                         {provider.row(0).text(0), record->episode.ward_unit_id},
                                         domain::access::DataCategory::clinical);
    out.decision = domain::access::decide(facts);
    out.relation = facts.active_care_relation;
    out.person_id = record->person_id;
    if (out.decision.verdict != domain::access::Verdict::deny) {
      out.view = view(tx, std::move(*record),
                      out.decision.verdict == domain::access::Verdict::existence_only);
    }
    return out;
  });
  if (loaded.person_id.empty()) not_found();
  auto e = audit_entry(actor, ctx_.clock, loaded.view ? AuditAction::read : AuditAction::denied,
                       "inpatient_episode", id, loaded.person_id);
  e.outcome = std::string(loaded.view ? "allowed: " : "denied: ") + loaded.decision.rule;
  e.without_relation = !loaded.relation;
  e.flagged = loaded.decision.flag_for_review;
  ctx_.audit->record({e});
  if (!loaded.view) not_found();
  return std::move(*loaded.view);
}

EpisodeView EpisodeService::apply(const domain::access::Actor& actor, const std::string& id,
                                  std::int64_t expected_version, const EpisodeCommand& command) {
  const EventKind kind = command.event.kind;
  return write_logging_denials(ctx_, [&](store::Transaction& tx) {
    store::EpisodeRepository repo(tx);
    auto record = repo.find(id);
    if (!record) not_found();
    if (!actor.unit_id ||
        !store::AccessRepository(tx).has_active_relation(*actor.unit_id, record->person_id)) {
      auto e = denied_entry(actor, ctx_.clock, "episode", record->person_id, "PDL 4:1");
      e.object_id = id;
      e.without_relation = true;
      throw DeniedAccess(core::not_found_problem(), std::move(e));
    }
    if (outpatient_event(kind)) {
      const auto unit = store::RegistryRepository(tx).find_unit(*actor.unit_id);
      if (!unit || unit->kind != UnitKind::health_centre) {
        forbidden(
            "Fast vårdkontakt och kallelse till SIP hör till regionens öppna vård (2 kap. 5 §, 4 "
            "kap. 3 §).");
      }
    } else if (!is_ward_staff(actor) || *actor.unit_id != record->episode.ward_unit_id) {
      forbidden("Händelsen registreras av avdelningen där patienten vårdas.");
    }
    if (record->version != expected_version) version_conflict();
    if (const auto refused = apply_in(tx, actor, *record, command, "api"))
      transition_refused(*refused);
    return view(tx, *repo.find(id), false);
  });
}

std::optional<domain::discharge::TransitionError> EpisodeService::apply_in(
    store::Transaction& tx, const domain::access::Actor& actor, store::EpisodeRecord& record,
    const EpisodeCommand& command, std::string_view source) {
  const std::string now_text = store::to_db_time(ctx_.clock.now());
  const EventKind kind = command.event.kind;
  const std::string& id = record.id;
  store::EpisodeRepository repo(tx);
  store::AccessRepository access(tx);
  const std::int64_t expected_version = record.version;

  if (kind == EventKind::assess_needs &&
      command.event.needs.compulsory_care != domain::discharge::OutpatientCompulsoryCare::none) {
    // Öppen tvångsvård follows LPT or LRV inpatient care, which a psychiatric ward gives.
    const auto ward = store::RegistryRepository(tx).find_unit(record.episode.ward_unit_id);
    if (!ward || !ward->psychiatric_care) {
      core::throw_field_error("needs/outpatientCompulsoryCare", "psychiatric_ward_only",
                              "Öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård "
                              "följer på vård vid en psykiatrisk avdelning.");
    }
  }
  std::vector<std::string> recipients;
  if (kind == EventKind::send_admission_notice) {
    store::RegistryRepository registry(tx);
    if (command.recipient_unit_ids.empty()) {
      core::throw_field_error("recipientUnitIds", "required",
                              "Ange vilka enheter som ska få inskrivningsmeddelandet.");
    }
    for (const auto& unit_id : command.recipient_unit_ids) {
      const auto unit = registry.find_unit(unit_id);
      const bool receiver =
          unit &&
          (unit->kind == UnitKind::health_centre || unit->kind == UnitKind::home_health_care ||
           unit->kind == UnitKind::home_care || unit->kind == UnitKind::administration);
      if (!receiver) {
        core::throw_field_error(
            "recipientUnitIds", "reference",
            "Mottagare ska vara vårdcentral, hemsjukvård, hemtjänst eller socialtjänst.");
      }
    }
    recipients = command.recipient_unit_ids;
  } else if (notice_kind(kind)) {
    recipients = repo.admission_notice_recipients(id);
  }

  const std::string previous_ward = record.episode.ward_unit_id;
  if (auto refused = domain::discharge::apply(record.episode, command.event)) return refused;
  if (kind == EventKind::appoint_named_contact) record.named_contact_user_id = actor.user_id;
  if (!repo.save(record, expected_version, now_text)) version_conflict();
  ++record.version;
  repo.add_event(id, domain::discharge::to_string(kind), store::to_db_time(command.event.at),
                 user_of(actor), std::string(source), now_text);
  if (kind == EventKind::appoint_named_contact) {
    // The episode's fast vårdkontakt is the person's too, shown with every plan (issue 5).
    NamedContactService::record_from_episode(tx, actor, record.person_id, id, now_text);
  }

  const std::string from =
      kind == EventKind::invite_sip ? actor.unit_id.value_or("") : record.episode.ward_unit_id;
  const std::string sent_kind = kind == EventKind::send_admission_notice
                                    ? "admission_notice"
                                    : notice_kind(kind).value_or("");
  for (const auto& to : recipients) {
    if (sent_kind.empty() || to == from) continue;
    repo.send_notice(store::NoticeRow{core::new_uuid(), id, record.person_id, sent_kind, from, "",
                                      to, now_text, std::nullopt, std::nullopt});
    if (kind == EventKind::send_admission_notice &&
        !access.has_active_relation(to, record.person_id)) {
      // Receiving units start planning (2 kap. 6 §): they take part in the person's care.
      access.insert_care_relation(
          store::CareRelationRow{core::new_uuid(), record.person_id, to, "", "admission",
                                 std::nullopt, id, now_text, std::nullopt},
          user_of(actor));
    }
  }
  const auto end_ward_relation = [&](const std::string& ward) {
    tx.query(
        "UPDATE care_relations SET ended_at = ? WHERE source_id = ? AND unit_id = ? AND ended_at "
        "IS NULL",
        now_text, id, ward);
  };
  const auto start_ward_relation = [&](const std::string& ward) {
    if (access.has_active_relation(ward, record.person_id)) return;
    access.insert_care_relation(
        store::CareRelationRow{core::new_uuid(), record.person_id, ward, "", "admission",
                               std::nullopt, id, now_text, std::nullopt},
        user_of(actor));
  };
  if (kind == EventKind::discharge || kind == EventKind::cancel) end_ward_relation(previous_ward);
  if (kind == EventKind::transfer_ward && previous_ward != record.episode.ward_unit_id) {
    // The care moves with the patient (PDL 4:1): the new ward takes part, the old one no longer.
    end_ward_relation(previous_ward);
    start_ward_relation(record.episode.ward_unit_id);
  }
  if (kind == EventKind::cancel_discharge) start_ward_relation(record.episode.ward_unit_id);
  auto e = audit_entry(actor, ctx_.clock, AuditAction::update, "inpatient_episode", id,
                       record.person_id);
  e.outcome = "allowed: " + std::string(domain::discharge::to_string(kind)) + " (" +
              std::string(source) + ")";
  AuditLog::record_in(tx, {e});
  return std::nullopt;
}

std::vector<store::NoticeRow> EpisodeService::inbox(const domain::access::Actor& actor,
                                                    bool unacknowledged_only) {
  if (!actor.unit_id || !actor.role || !domain::access::role_reads_clinical_content(*actor.role)) {
    forbidden("Inkorgen hör till enhetens vårdpersonal.");
  }
  auto notices = ctx_.db.read([&](store::Transaction& tx) {
    return store::EpisodeRepository(tx).inbox(*actor.unit_id, unacknowledged_only, 200);
  });
  std::vector<domain::access::AuditEntry> entries;
  for (const auto& n : notices) {
    auto e = audit_entry(actor, ctx_.clock, AuditAction::read, "notice", n.id, n.person_id);
    e.outcome = "allowed: 2017:612 (mottagare)";
    entries.push_back(std::move(e));
  }
  ctx_.audit->record(std::move(entries));
  return notices;
}

store::NoticeRow EpisodeService::read_notice(const domain::access::Actor& actor,
                                             const std::string& notice_id) {
  const auto now = ctx_.clock.now();
  auto notice = ctx_.db.write([&](store::Transaction& tx) {
    store::EpisodeRepository repo(tx);
    auto found = repo.find_notice(notice_id);
    if (!found || !actor.unit_id || found->to_unit_id != *actor.unit_id) not_found();
    if (repo.mark_notice_read(notice_id, store::to_db_time(now))) {
      found->read_at = store::to_db_time(now);
    }
    auto e =
        audit_entry(actor, ctx_.clock, AuditAction::read, "notice", notice_id, found->person_id);
    e.outcome = "allowed: 2017:612 (mottagare)";
    AuditLog::record_in(tx, {e});
    return *found;
  });
  return notice;
}

void EpisodeService::acknowledge(const domain::access::Actor& actor, const std::string& notice_id) {
  const auto now = ctx_.clock.now();
  ctx_.db.write([&](store::Transaction& tx) {
    store::EpisodeRepository repo(tx);
    const auto notice = repo.find_notice(notice_id);
    if (!notice || !actor.unit_id || notice->to_unit_id != *actor.unit_id) not_found();
    if (!repo.acknowledge_notice(notice_id, actor.user_id, store::to_db_time(now))) {
      conflict("noticeId", "notice.acknowledged", "Meddelandet är redan kvitterat.");
    }
    auto record = repo.find(notice->episode_id);
    if (notice->kind == "admission_notice" && record && record->episode.active()) {
      const auto version = record->version;
      if (!domain::discharge::apply(record->episode,
                                    {EventKind::acknowledge, now, {}, std::nullopt, {}})) {
        repo.save(*record, version, store::to_db_time(now));
      }
    }
    auto e =
        audit_entry(actor, ctx_.clock, AuditAction::update, "notice", notice_id, notice->person_id);
    e.outcome = "acknowledged";
    AuditLog::record_in(tx, {e});
  });
}

std::vector<PersonEpisode> EpisodeService::of_person(const domain::access::Actor& actor,
                                                     const std::string& person_id) {
  SharingService sharing(ctx_);
  struct Loaded {
    bool exists = false;
    domain::access::Decision gate;
    bool relation = false;
    std::vector<PersonEpisode> items;
  };
  auto loaded = ctx_.db.read([&](store::Transaction& tx) {
    Loaded out;
    out.exists = !tx.query("SELECT 1 FROM persons WHERE id = ?", person_id).empty();
    if (!out.exists) return out;
    // May the reader see the person at all: their own unit's view (care relation, own record or
    // emergency access), the same gate as the person's other sub-resources.
    const auto gate = sharing.facts_for(
        tx, actor, person_id, {actor.care_provider_id.value_or(""), actor.unit_id.value_or("")},
        domain::access::DataCategory::clinical);
    out.gate = domain::access::decide(gate);
    out.relation = gate.active_care_relation;
    if (out.gate.verdict == domain::access::Verdict::deny) return out;
    const auto rows = tx.query(
        "SELECT e.id, e.state, e.ward_unit_id, w.name, w.care_provider_id, e.admitted_at, "
        "e.discharged_at FROM inpatient_episodes e JOIN units w ON w.id = e.ward_unit_id "
        "WHERE e.person_id = ? AND e.state <> 'cancelled' ORDER BY e.admitted_at DESC, e.id "
        "LIMIT 200",
        person_id);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto r = rows.row(i);
      const auto facts = sharing.facts_for(tx, actor, person_id, {r.text(4), r.text(2)},
                                           domain::access::DataCategory::clinical);
      const auto verdict = domain::access::decide(facts).verdict;
      if (verdict == domain::access::Verdict::deny) continue;
      PersonEpisode p;
      p.id = r.text(0);
      p.content_hidden = verdict == domain::access::Verdict::existence_only;
      if (!p.content_hidden) {
        p.state = r.text(1);
        p.ward_unit_id = r.text(2);
        p.ward_name = r.text(3);
        p.admitted_at = r.text(5);
        p.discharged_at = r.optional_text(6);
      }
      out.items.push_back(std::move(p));
    }
    return out;
  });
  if (!loaded.exists) not_found();
  const bool visible = loaded.gate.verdict != domain::access::Verdict::deny;
  auto e = audit_entry(actor, ctx_.clock, visible ? AuditAction::read : AuditAction::denied,
                       "person_episodes", person_id, person_id);
  e.outcome = std::string(visible ? "allowed: " : "denied: ") + loaded.gate.rule;
  e.without_relation = !loaded.relation;
  e.flagged = loaded.gate.flag_for_review;
  ctx_.audit->record({e});
  if (!visible) not_found();
  return std::move(loaded.items);
}

}  // namespace nara::service
