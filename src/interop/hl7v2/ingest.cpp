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
#include "service/registry_reservnummer.hpp"
#include "store/episode_repository.hpp"
#include "store/registry_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::interop::hl7v2 {

using domain::discharge::EventKind;

namespace {

// Why a well-formed message cannot be applied; thrown inside the message's savepoint.
struct Refused {
  AckCode code = AckCode::error;
  std::string reason;
};

[[noreturn]] void refuse(std::string reason, AckCode code = AckCode::error) {
  throw Refused{code, std::move(reason)};
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

std::optional<UnknownPersonPolicy> parse_unknown_person_policy(std::string_view text) {
  if (text == "reject") return UnknownPersonPolicy::reject;
  if (text == "reservnummer") return UnknownPersonPolicy::reservnummer;
  return std::nullopt;
}

Received receive(std::string_view raw, domain::access::Actor actor) {
  Received r;
  r.actor = std::move(actor);
  try {
    r.message = Message::parse(raw);
    r.mapped = map_adt(*r.message);
  } catch (const ParseError& e) {
    r.mapped = AdtRejection{std::string("Meddelandet kunde inte läsas: ") + e.what(), true};
  }
  return r;
}

IngestResult AdtIngest::finish(const Received& received, IngestResult result) const {
  result.ack = build_ack(received.message ? &*received.message : nullptr, result.code,
                         result.reason, dtm(ctx_.clock.now()), ack_control_id());
  return result;
}

IngestResult AdtIngest::unavailable(const Received& received) const {
  return finish(received, IngestResult{AckCode::error,
                                       "Tillfälligt fel i Nära; skicka meddelandet igen.",
                                       {},
                                       false,
                                       std::nullopt});
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
    if (c_.visit_number.empty()) refuse("PV1-19 (vårdtillfällets nummer) saknas.");
    store::EpisodeRepository repo(tx_);
    auto episode = repo.find_by_external_id(c_.visit_number);
    if (c_.action == AdtAction::admit) {
      if (episode) refuse("Vårdtillfället i PV1-19 är redan inskrivet i Nära.");
      const std::string ward = ward_unit();
      const std::string person = person_id(true).value();
      const std::string id =
          episodes_.admit_in(tx_, actor_, person, ward, at, c_.visit_number, "hl7v2").id;
      record_stay_facts(id);
      return id;
    }
    if (!episode) refuse("Vårdtillfället i PV1-19 finns inte i Nära.");
    if (person_id(false) != episode->person_id) {
      refuse("PID-3 avser en annan person än vårdtillfället i PV1-19.");
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
      refuse(refused->reason);
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
    if (!at) refuse("EVN-2 (händelsens tid) är inte en giltig HL7-tid.");
    return *at;
  }

  std::optional<core::Instant> planned_discharge(bool required) const {
    if (c_.planned_discharge.empty()) {
      if (required) refuse("PV2-9 (beräknad utskrivning) saknas.");
      return std::nullopt;
    }
    const auto at = parse_dtm(c_.planned_discharge);
    if (!at) refuse("PV2-9 (beräknad utskrivning) är inte en giltig HL7-tid.");
    return at;
  }

  // PV1-3.1 names the ward by its HSA-id.
  std::string ward_unit() const {
    if (c_.ward.empty()) refuse("PV1-3 (vårdavdelning) saknas.");
    const auto unit = store::RegistryRepository(tx_).find_unit_by_hsa_id(c_.ward);
    if (!unit || unit->kind != domain::registry::UnitKind::hospital_ward) {
      refuse("PV1-3 är ingen känd vårdavdelning (HSA-id).");
    }
    return unit->id;
  }

  std::optional<std::string> person_id(bool create) {
    const auto today = core::stockholm::local_date(ctx_.clock.now());
    std::optional<core::PersonIdentifier> swedish;
    if (is_swedish_identifier(c_)) {
      auto parsed = core::PersonIdentifier::try_parse_for_system(c_.person_identifier_system,
                                                                 c_.person_identifier, today);
      if (!parsed) refuse("PID-3: " + parsed.error().detail + " (" + parsed.error().rule + ")");
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
      refuse("Personen i PID-3 finns inte i Nära och registreras inte automatiskt.");
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
    if (p.family_name.empty()) refuse("PID-5 (namn) saknas.");
    if (swedish) {
      p.identifier = swedish->canonical();
      p.identifier_kind = std::string(core::to_string(swedish->kind()));
      p.identifier_system = std::string(swedish->system_oid().value_or(""));
      if (const auto birth = swedish->birth_date())
        p.birth_date = date::format("%F", std::chrono::sys_days(*birth));
    } else {
      const auto born = c_.birth_date.size() >= 8 ? parse_dtm(c_.birth_date.substr(0, 8))
                                                  : std::optional<core::Instant>();
      if (!born) refuse("PID-7 (födelsedatum) behövs för ett reservnummer.");
      const auto birth = core::stockholm::local_date(*born);
      // The region's one series, shared with the FHIR import (service/registry_reservnummer).
      const auto number = service::next_region_reservnummer(tx_, birth);
      if (!number) refuse("Inga fler reservnummer för födelsedatumet.");
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

IngestResult AdtIngest::apply(store::Transaction& tx, const Received& received) {
  IngestResult result;
  if (const auto* rejection = std::get_if<AdtRejection>(&received.mapped)) {
    result.code = rejection->reject ? AckCode::reject : AckCode::error;
    result.reason = rejection->reason;
    return result;
  }
  const auto& c = std::get<AdtCommand>(received.mapped);
  if (c.control_id.empty()) {
    result.code = AckCode::reject;
    result.reason = "MSH-10 (meddelandets kontroll-id) saknas.";
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
    tx.query("RELEASE SAVEPOINT adt_message");
    result.code = AckCode::accept;
  } catch (const Refused& refused) {
    tx.query("ROLLBACK TO SAVEPOINT adt_message");
    tx.query("RELEASE SAVEPOINT adt_message");
    result.code = refused.code;
    result.reason = refused.reason;
    result.episode_id.reset();
  } catch (const core::ProblemError& problem) {
    tx.query("ROLLBACK TO SAVEPOINT adt_message");
    tx.query("RELEASE SAVEPOINT adt_message");
    result.code = AckCode::error;
    result.reason = problem.problem().detail;
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
