#pragma once
// HL7 v2 ADT in (issue 4 point 6): a received message drives the inpatient episode — A01 admit,
// A02 transfer, A03 discharge, A08 update, A11 cancel admit, A13 cancel discharge, A16 pending
// discharge — and gets an ACK: AA when applied, AE with the reason when the message is
// well-formed but cannot be applied (unknown ward, an event the episode's state does not allow),
// AR when it is not a message Nära accepts, each refusal with its HL7 table 0357 code in ERR-3.
// A malformed or refused message changes nothing. A message whose control id (MSH-10) the sender
// already used is acknowledged again without a second effect. The ACK is built only after the
// change has committed.
//
// Issue 20 point 5: PV1-3.1 is a ward's HSA-id or the hospital's own code, mapped to a ward by the
// county administrator's table (service/hl7_ward_code_service.hpp). A message whose code is not
// in it is answered AE with ERR-3 103 and held, with the later messages for its visit, until the
// administrator processes it again. A04 and A05 are acknowledged as not applicable (AA with a
// note), or refused (AR) by configuration.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "domain/access/actor.hpp"
#include "interop/hl7v2/adt.hpp"
#include "interop/hl7v2/message.hpp"
#include "service/context.hpp"
#include "service/episode_service.hpp"

namespace nara::interop::hl7v2 {

// What to do with a person Nära does not know (configuration `hl7.unknown-person`).
enum class UnknownPersonPolicy {
  reject,        // AE: the person must be registered first
  reservnummer,  // register: with the personnummer when PID-3 carries one, else a reservnummer
};
std::optional<UnknownPersonPolicy> parse_unknown_person_policy(std::string_view text);

// What to answer A04 (register) and A05 (pre-admit), events that do not concern an inpatient
// stay (configuration `hl7.a04-a05`).
enum class NotApplicablePolicy {
  acknowledge,  // AA, with the note in MSA-3 and an ERR of severity I (the sender moves on)
  reject,       // AR with ERR-3 201 (unsupported event code)
};
std::optional<NotApplicablePolicy> parse_not_applicable_policy(std::string_view text);

struct IngestOptions {
  UnknownPersonPolicy unknown_person = UnknownPersonPolicy::reject;
  NotApplicablePolicy not_applicable = NotApplicablePolicy::acknowledge;
};

// A message parsed and mapped before it reaches the writer, so the writer only touches the
// database. `actor` is the sender as the audit log records it.
struct Received {
  std::string raw;                 // the text as received (kept when the message is held)
  std::optional<Message> message;  // absent when the text was not HL7 v2
  std::variant<AdtCommand, AdtRejection> mapped;
  domain::access::Actor actor;
};
Received receive(std::string_view raw, domain::access::Actor actor);

struct IngestResult {
  AckCode code = AckCode::reject;
  std::string reason;  // MSA-3 / ERR text (empty for AA)
  std::string ack;     // the whole acknowledgement
  bool duplicate = false;
  std::optional<std::string> episode_id;
  std::optional<AckError> error;       // the ERR segment (an AA's only as a note)
  std::optional<std::string> held_id;  // kept for the administrator's worklist
};

std::string_view ack_text(AckCode code);  // AA, AE, AR

// What a re-run of held messages did: the message asked for first, then the later messages for
// its visit that waited for it, each with its outcome.
struct ReprocessOutcome {
  std::string held_id;
  IngestResult result;
};

class AdtIngest {
 public:
  AdtIngest(service::ServiceContext context, service::EpisodeService& episodes,
            IngestOptions options)
      : ctx_(context), episodes_(episodes), options_(options) {}

  // One message in its own transaction.
  IngestResult ingest(const Received& received);
  // Several messages in one transaction, each inside its own savepoint: a refused message rolls
  // back alone, and one commit makes all the others durable (the MLLP listener's group commit).
  std::vector<IngestResult> ingest_batch(const std::vector<Received>& batch);
  // The AE for a message that could not be stored at all (the sender will send it again).
  IngestResult unavailable(const Received& received) const;

  // "Bearbeta igen": runs a held message through the same ingest, as the sender that sent it,
  // then the later held messages for its visit once it is accepted. Idempotent: a message
  // processed already (here, or resent by the hospital) is not applied twice. The county
  // administrator's; the re-run is audited as theirs, the changes it makes as the sender's.
  // 404 when there is no such held message; one not open is answered as it is.
  std::vector<ReprocessOutcome> reprocess(const domain::access::Actor& administrator,
                                          const std::string& held_id);

 private:
  // `reprocessed_by`: the administrator re-running a held message, recorded when it is accepted.
  IngestResult apply(store::Transaction& tx, const Received& received,
                     const std::optional<std::string>& reprocessed_by = std::nullopt);
  std::optional<ReprocessOutcome> reprocess_one(store::Transaction& tx,
                                                const domain::access::Actor& administrator,
                                                const std::string& held_id);
  IngestResult finish(const Received& received, IngestResult result) const;

  service::ServiceContext ctx_;
  service::EpisodeService& episodes_;
  IngestOptions options_;
};

// Feeds messages from many connections to one writer thread that commits them in batches. The
// callback runs on the writer thread once the message's batch has committed (or failed).
class IngestQueue {
 public:
  explicit IngestQueue(AdtIngest& ingest, std::size_t max_batch = 512);
  ~IngestQueue();
  IngestQueue(const IngestQueue&) = delete;
  IngestQueue& operator=(const IngestQueue&) = delete;

  void submit(Received received, std::function<void(IngestResult)> done);

  // Commits and the messages they held, since start (exposed on /metrics).
  [[nodiscard]] std::uint64_t batches_written() const { return batches_; }
  [[nodiscard]] std::uint64_t messages_written() const { return messages_; }

 private:
  struct Pending {
    Received received;
    std::function<void(IngestResult)> done;
  };
  void run();

  AdtIngest& ingest_;
  std::size_t max_batch_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> batches_{0};
  std::atomic<std::uint64_t> messages_{0};
  std::thread writer_;
};

}  // namespace nara::interop::hl7v2
