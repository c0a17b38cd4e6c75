#include "interop/hl7v2/ingest.hpp"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>

#include "core/identifiers.hpp"
#include "core/problem.hpp"
#include "core/random.hpp"
#include "core/stockholm_time.hpp"
#include "service/audit_log.hpp"
#include "service/hl7_ward_code_service.hpp"
#include "service/registry_reservnummer.hpp"
#include "store/episode_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::interop::hl7v2 {

using domain::discharge::EventKind;

namespace {

// Why a well-formed message cannot be applied; thrown inside the message's savepoint. `hold`:
// kept for the administrator's worklist (a code not in the table, or a later message for the
// same visit).
struct Refused {
  AckCode code = AckCode::error;
  std::string reason;
  AckError error;
  bool hold = false;
};

// An AE with its HL7 table 0357 code, at SEG-field[.component] of the message.
[[noreturn]] void refuse(std::string reason, ErrorCode code, std::string segment, int field,
                         int component = 0) {
  Refused r;
  r.reason = std::move(reason);
  r.error.code = code;
  r.error.location = ErrorLocation{std::move(segment), field, component};
  throw r;
}

std::string dtm(core::Instant at) {
  using namespace std::chrono;
  const auto day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> time{floor<seconds>(at - day)};
  std::array<char, 24> buffer{};
  const int n = std::snprintf(
      buffer.data(), buffer.size(), "%04d%02u%02u%02d%02d%02d+0000", static_cast<int>(ymd.year()),
      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
      static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
      static_cast<int>(time.seconds().count()));
  return std::string(buffer.data(), static_cast<std::size_t>(std::max(n, 0)));
}

// MSH-10 of Nära's ACKs: unique per process start and message, at most 20 characters (HL7 2.5),
// without a call into the random generator for each acknowledgement.
std::string ack_control_id() {
  static const std::string prefix = "N" + core::random_token(4).substr(0, 6);
  static std::atomic<std::uint64_t> counter{0};
  return prefix + std::to_string(++counter);
}

// PID-3's assigning authority, scoped by the sender: two hospitals' local ids never collide.
std::string external_system(const AdtCommand& c) {
  return c.sender + "|" + c.person_identifier_system;
}

bool is_swedish_identifier(const AdtCommand& c) {
  return c.person_identifier_system == kPersonnummerOid ||
         c.person_identifier_system == kSamordningsnummerOid;
}

}  // namespace

std::optional<NotApplicablePolicy> parse_not_applicable_policy(std::string_view text) {
  if (text == "acknowledge") return NotApplicablePolicy::acknowledge;
  if (text == "reject") return NotApplicablePolicy::reject;
  return std::nullopt;
}

std::optional<UnknownPersonPolicy> parse_unknown_person_policy(std::string_view text) {
  if (text == "reject") return UnknownPersonPolicy::reject;
  if (text == "reservnummer") return UnknownPersonPolicy::reservnummer;
  return std::nullopt;
}

Received receive(std::string_view raw, domain::access::Actor actor) {
  Received r;
  r.raw = std::string(raw);
  r.actor = std::move(actor);
  try {
    r.message = Message::parse(raw);
    r.mapped = map_adt(*r.message);
  } catch (const ParseError& e) {
    AdtRejection rejection;
    rejection.reason = std::string("Meddelandet kunde inte läsas: ") + e.what();
    rejection.error.code = e.code();
    r.mapped = std::move(rejection);
  }
  return r;
}

IngestResult AdtIngest::finish(const Received& received, IngestResult result) const {
  result.ack = build_ack(received.message ? &*received.message : nullptr, result.code,
                         result.reason, dtm(ctx_.clock.now()), ack_control_id(), result.error);
  return result;
}

IngestResult AdtIngest::unavailable(const Received& received) const {
  IngestResult result;
  result.code = AckCode::error;
  result.reason = "Tillfälligt fel i Nära; skicka meddelandet igen.";
  result.error = AckError{ErrorCode::application_internal_error, std::nullopt, {}, 'E'};
  return finish(received, std::move(result));
}

IngestResult AdtIngest::ingest(const Received& received) {
  auto result = ctx_.db.write([&](store::Transaction& tx) { return apply(tx, received); });
  return finish(received, std::move(result));
}

std::vector<IngestResult> AdtIngest::ingest_batch(const std::vector<Received>& batch) {
  std::vector<IngestResult> results;
  ctx_.db.write([&](store::Transaction& tx) {
    results.clear();  // a retried transaction starts over
    results.reserve(batch.size());
    for (const auto& received : batch) results.push_back(apply(tx, received));
  });
  for (std::size_t i = 0; i < batch.size(); ++i) {
    results[i] = finish(batch[i], std::move(results[i]));
  }
  return results;
}

namespace {

class Applier {
 public:
  Applier(store::Transaction& tx, const service::ServiceContext& ctx,
          service::EpisodeService& episodes, const IngestOptions& options,
          const domain::access::Actor& actor, const AdtCommand& c)
      : tx_(tx), ctx_(ctx), episodes_(episodes), options_(options), actor_(actor), c_(c) {}

  std::optional<std::string> run() {
    const core::Instant at = event_time();
    if (c_.visit_number.empty())
      refuse("PV1-19 (vårdtillfällets nummer) saknas.", ErrorCode::required_field_missing, "PV1",
             19);
    store::EpisodeRepository repo(tx_);
    auto episode = repo.find_by_external_id(c_.visit_number);
    if (c_.action == AdtAction::admit) {
      if (episode)
        refuse("Vårdtillfället i PV1-19 är redan inskrivet i Nära.",
               ErrorCode::duplicate_key_identifier, "PV1", 19);
      const std::string ward = ward_unit();
      const std::string person = person_id(true).value();
      const std::string id =
          episodes_.admit_in(tx_, actor_, person, ward, at, c_.visit_number, "hl7v2").id;
      record_stay_facts(id);
      return id;
    }
    if (!episode) unknown_visit();
    if (person_id(false) != episode->person_id) {
      refuse("PID-3 avser en annan person än vårdtillfället i PV1-19.",
             ErrorCode::unknown_key_identifier, "PID", 3);
    }
    record_stay_facts(episode->id);
    service::EpisodeCommand command{{EventKind::cancel, at, {}, std::nullopt, {}}, {}};
    switch (c_.action) {
      case AdtAction::admit:
        break;
      case AdtAction::transfer:
        command.event.kind = EventKind::transfer_ward;
        command.event.ward_unit_id = ward_unit();
        break;
      case AdtAction::discharge:
        command.event.kind = EventKind::discharge;
        break;
      case AdtAction::cancel_admit:
        command.event.kind = EventKind::cancel;
        break;
      case AdtAction::cancel_discharge:
        command.event.kind = EventKind::cancel_discharge;
        break;
      case AdtAction::pending_discharge:
        command.event.kind = EventKind::set_planned_discharge;
        command.event.planned_discharge = planned_discharge(true);
        break;
      case AdtAction::update:
        update_names(episode->person_id);
        command.event.planned_discharge = planned_discharge(false);
        // A08 carries the current state; only a new planned discharge drives the episode.
        if (!command.event.planned_discharge || !episode->episode.active() ||
            command.event.planned_discharge == episode->episode.planned_discharge) {
          return episode->id;
        }
        command.event.kind = EventKind::set_planned_discharge;
        break;
    }
    if (const auto refused = episodes_.apply_in(tx_, actor_, *episode, command, "hl7v2")) {
      // The episode's state does not allow the event (Lag 2017:612's chain): the application's.
      refuse(refused->reason, ErrorCode::application_internal_error, "MSH", 9, 2);
    }
    return episode->id;
  }

 private:
  // PV1-4 and DG1 as the follow-up counts them (issue 19): the admission type once told, and the
  // stay's ICD-10 diagnoses as the latest message that carries any lists them (A03 often brings
  // the final ones).
  void record_stay_facts(const std::string& episode_id) {
    if (!c_.admission_kind.empty())
      tx_.query("UPDATE inpatient_episodes SET admission_kind = ? WHERE id = ?", c_.admission_kind,
                episode_id);
    if (c_.icd10_diagnoses.empty()) return;
    tx_.query("DELETE FROM episode_diagnoses WHERE episode_id = ?", episode_id);
    std::int64_t rank = 1;
    for (const auto& code : c_.icd10_diagnoses)
      tx_.query("INSERT INTO episode_diagnoses (episode_id, rank, icd10_code) VALUES (?, ?, ?)",
                episode_id, rank++, code);
  }

  core::Instant event_time() const {
    if (c_.event_time.empty()) return ctx_.clock.now();
    const auto at = parse_dtm(c_.event_time);
    if (!at)
      refuse("EVN-2 (händelsens tid) är inte en giltig HL7-tid.", ErrorCode::data_type, "EVN", 2);
    return *at;
  }

  std::optional<core::Instant> planned_discharge(bool required) const {
    if (c_.planned_discharge.empty()) {
      if (required)
        refuse("PV2-9 (beräknad utskrivning) saknas.", ErrorCode::required_field_missing, "PV2", 9);
      return std::nullopt;
    }
    const auto at = parse_dtm(c_.planned_discharge);
    if (!at)
      refuse("PV2-9 (beräknad utskrivning) är inte en giltig HL7-tid.", ErrorCode::data_type, "PV2",
             9);
    return at;
  }

  // PV1-3.1 names the ward by its HSA-id, or by the hospital's own code that the county
  // administrator has mapped for the facility (PV1-3.4, else MSH-4). A code in neither is held.
  std::string ward_unit() const {
    if (c_.ward.empty())
      refuse("PV1-3 (vårdavdelning) saknas.", ErrorCode::required_field_missing, "PV1", 3, 1);
    const auto unit = store::RegistryRepository(tx_).find_unit_by_hsa_id(c_.ward);
    if (unit && unit->kind == domain::registry::UnitKind::hospital_ward) return unit->id;
    if (auto mapped = service::mapped_ward(tx_, c_.ward_facility, c_.ward)) return *mapped;
    Refused r;
    r.reason = "PV1-3.1: avdelningskoden " + c_.ward + " från " + c_.ward_facility +
               " finns inte i Näras kodtabell och är inget HSA-id för en vårdavdelning. "
               "Meddelandet hålls tills länsadministratören har kopplat koden.";
    r.error = AckError{ErrorCode::table_value_not_found,
                       ErrorLocation{"PV1", 3, 1},
                       {c_.ward, c_.ward_facility},
                       'E'};
    r.hold = true;
    throw r;
  }

  // A message for a visit Nära does not have: held too when an earlier message for the visit is
  // held (its admission waits for a ward code), so it is applied after that one.
  [[noreturn]] void unknown_visit() const {
    Refused r;
    r.error = AckError{ErrorCode::unknown_key_identifier, ErrorLocation{"PV1", 19, 0}, {}, 'E'};
    if (service::visit_has_held_message(tx_, c_.sender, c_.visit_number)) {
      r.reason =
          "Vårdtillfället i PV1-19 väntar på ett tidigare meddelande som hålls (okänd "
          "avdelningskod); meddelandet hålls och bearbetas efter det.";
      r.hold = true;
    } else {
      r.reason = "Vårdtillfället i PV1-19 finns inte i Nära.";
    }
    throw r;
  }

  std::optional<std::string> person_id(bool create) {
    const auto today = core::stockholm::local_date(ctx_.clock.now());
    std::optional<core::PersonIdentifier> swedish;
    if (is_swedish_identifier(c_)) {
      auto parsed = core::PersonIdentifier::try_parse_for_system(c_.person_identifier_system,
                                                                 c_.person_identifier, today);
      if (!parsed)
        refuse("PID-3: " + parsed.error().detail + " (" + parsed.error().rule + ")",
               ErrorCode::data_type, "PID", 3);
      swedish = parsed.value();
      if (auto p = store::RegistryRepository(tx_).find_person_by_identifier(swedish->canonical()))
        return p->id;
    }
    const auto known =
        tx_.query("SELECT person_id FROM person_external_ids WHERE system = ? AND value = ?",
                  external_system(c_), c_.person_identifier);
    if (!known.empty()) return known.row(0).text(0);
    if (!create) return std::nullopt;
    if (options_.unknown_person == UnknownPersonPolicy::reject) {
      refuse("Personen i PID-3 finns inte i Nära och registreras inte automatiskt.",
             ErrorCode::unknown_key_identifier, "PID", 3);
    }
    return register_person(swedish);
  }

  // An unknown person, registered so the care chain can start: with the personnummer when the
  // sender has one, else with a Västernorrland reservnummer (yyyymmddNNNR, domain-rules §5.1)
  // from the birth date in PID-7, remembering the sender's own id for the messages to come.
  std::string register_person(const std::optional<core::PersonIdentifier>& swedish) {
    domain::registry::Person p;
    p.id = core::new_uuid();
    p.given_name = c_.given_name;
    p.family_name = c_.family_name;
    if (p.family_name.empty())
      refuse("PID-5 (namn) saknas.", ErrorCode::required_field_missing, "PID", 5);
    if (swedish) {
      p.identifier = swedish->canonical();
      p.identifier_kind = std::string(core::to_string(swedish->kind()));
      p.identifier_system = std::string(swedish->system_oid().value_or(""));
      if (const auto birth = swedish->birth_date())
        p.birth_date = date::format("%F", std::chrono::sys_days(*birth));
    } else {
      const auto born = c_.birth_date.size() >= 8 ? parse_dtm(c_.birth_date.substr(0, 8))
                                                  : std::optional<core::Instant>();
      if (!born)
        refuse("PID-7 (födelsedatum) behövs för ett reservnummer.",
               ErrorCode::required_field_missing, "PID", 7);
      const auto birth = core::stockholm::local_date(*born);
      // The region's one series, shared with the FHIR import (service/registry_reservnummer).
      const auto number = service::next_region_reservnummer(tx_, birth);
      if (!number)
        refuse("Inga fler reservnummer för födelsedatumet.", ErrorCode::application_internal_error,
               "PID", 7);
      p.identifier = number->canonical();
      p.identifier_kind = std::string(core::to_string(number->kind()));
      p.identifier_system = std::string(service::kRegionReservnummerSystem);
      p.birth_date = date::format("%F", std::chrono::sys_days(birth));
    }
    const std::string now = store::to_db_time(ctx_.clock.now());
    p.stamp = domain::registry::Stamp{1, now, now};
    store::RegistryRepository(tx_).insert_person(p);
    tx_.query(
        "INSERT INTO person_external_ids (system, value, person_id, created_at) VALUES (?, ?, ?, "
        "?)",
        external_system(c_), c_.person_identifier, p.id, now);
    auto entry = service::audit_entry(actor_, ctx_.clock, domain::access::AuditAction::create,
                                      "person", p.id, p.id);
    entry.outcome = "allowed: hl7v2 (okänd person registrerad)";
    service::AuditLog::record_in(tx_, {entry});
    return p.id;
  }

  // Names come from the population register for a personnummer; only a person Nära registered
  // from this feed takes the sender's corrections.
  void update_names(const std::string& person) {
    const auto mine =
        tx_.query("SELECT 1 FROM person_external_ids WHERE person_id = ? AND system = ?", person,
                  external_system(c_));
    if (mine.empty() || c_.family_name.empty()) return;
    tx_.query(
        "UPDATE persons SET given_name = ?, family_name = ?, version = version + 1, updated_at = ? "
        "WHERE id = ?",
        c_.given_name, c_.family_name, store::to_db_time(ctx_.clock.now()), person);
  }

  store::Transaction& tx_;
  const service::ServiceContext& ctx_;
  service::EpisodeService& episodes_;
  const IngestOptions& options_;
  const domain::access::Actor& actor_;
  const AdtCommand& c_;
};

}  // namespace

std::string_view ack_text(AckCode code) {
  return code == AckCode::accept ? "AA" : code == AckCode::error ? "AE" : "AR";
}

namespace {

// Keeps a refused message for the administrator's worklist (outside its rolled-back savepoint).
std::string hold(store::Transaction& tx, const core::Clock& clock, const Received& received,
                 const AdtCommand& c, const IngestResult& result) {
  service::HoldInput in;
  in.sender = c.sender;
  in.control_id = c.control_id;
  in.trigger_event = received.message->trigger_event();
  in.facility = c.ward_facility;
  in.point_of_care = c.ward;
  in.visit_number = c.visit_number;
  in.message = received.raw;
  if (!received.actor.user_id.empty()) in.sender_user_id = received.actor.user_id;
  in.sender_name = received.actor.display_name;
  in.ack_code = std::string(ack_text(result.code));
  in.error_code = result.error ? number(result.error->code) : 0;
  in.reason = result.reason;
  return service::hold_message(tx, clock, in);
}

}  // namespace

IngestResult AdtIngest::apply(store::Transaction& tx, const Received& received,
                              const std::optional<std::string>& reprocessed_by) {
  IngestResult result;
  if (const auto* rejection = std::get_if<AdtRejection>(&received.mapped)) {
    result.reason = rejection->reason;
    result.error = rejection->error;
    if (rejection->not_applicable && options_.not_applicable == NotApplicablePolicy::acknowledge) {
      // Accepted, nothing to do: the note says why, and ERR carries it as information.
      result.code = AckCode::accept;
      result.error->severity = 'I';
      return result;
    }
    result.code = rejection->reject || rejection->not_applicable ? AckCode::reject : AckCode::error;
    return result;
  }
  const auto& c = std::get<AdtCommand>(received.mapped);
  if (c.control_id.empty()) {
    result.code = AckCode::reject;
    result.reason = "MSH-10 (meddelandets kontroll-id) saknas.";
    result.error =
        AckError{ErrorCode::required_field_missing, ErrorLocation{"MSH", 10, 0}, {}, 'E'};
    return result;
  }
  const auto seen =
      tx.query("SELECT episode_id FROM hl7_messages WHERE sender = ? AND control_id = ?", c.sender,
               c.control_id);
  if (!seen.empty()) {
    result.code = AckCode::accept;
    result.duplicate = true;
    result.episode_id = seen.row(0).optional_text(0);
    return result;
  }
  tx.query("SAVEPOINT adt_message");
  try {
    result.episode_id = Applier(tx, ctx_, episodes_, options_, received.actor, c).run();
    tx.query(
        "INSERT INTO hl7_messages (sender, control_id, trigger_event, episode_id, ack_code, "
        "ack_text, received_at) VALUES (?, ?, ?, ?, 'AA', '', ?)",
        c.sender, c.control_id, received.message->trigger_event(),
        store::optional_value(result.episode_id), store::to_db_time(ctx_.clock.now()));
    // Held before (a code now mapped): the hospital's resend, or the administrator's re-run.
    service::close_held_message(tx, ctx_.clock, c.sender, c.control_id, result.episode_id,
                                reprocessed_by);
    tx.query("RELEASE SAVEPOINT adt_message");
    result.code = AckCode::accept;
  } catch (const Refused& refused) {
    tx.query("ROLLBACK TO SAVEPOINT adt_message");
    tx.query("RELEASE SAVEPOINT adt_message");
    result.code = refused.code;
    result.reason = refused.reason;
    result.error = refused.error;
    result.episode_id.reset();
    if (refused.hold) result.held_id = hold(tx, ctx_.clock, received, c, result);
  } catch (const core::ProblemError& problem) {
    tx.query("ROLLBACK TO SAVEPOINT adt_message");
    tx.query("RELEASE SAVEPOINT adt_message");
    result.code = AckCode::error;
    result.reason = problem.problem().detail;
    result.error = AckError{ErrorCode::application_internal_error, std::nullopt, {}, 'E'};
    result.episode_id.reset();
  }
  return result;
}

IngestQueue::IngestQueue(AdtIngest& ingest, std::size_t max_batch)
    : ingest_(ingest), max_batch_(max_batch), writer_([this] { run(); }) {}

IngestQueue::~IngestQueue() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

void IngestQueue::submit(Received received, std::function<void(IngestResult)> done) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(Pending{std::move(received), std::move(done)});
  }
  wake_.notify_one();
}

void IngestQueue::run() {
  for (;;) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<Received> messages;
    messages.reserve(batch.size());
    for (auto& p : batch) messages.push_back(std::move(p.received));
    std::vector<IngestResult> results;
    try {
      results = ingest_.ingest_batch(messages);
    } catch (...) {
      // The batch could not commit: each message on its own, so one cause fails only itself.
      results.clear();
      for (const auto& m : messages) {
        try {
          results.push_back(ingest_.ingest(m));
        } catch (...) {
          results.push_back(ingest_.unavailable(m));
        }
      }
    }
    ++batches_;
    messages_ += batch.size();
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
  }
}

}  // namespace nara::interop::hl7v2
