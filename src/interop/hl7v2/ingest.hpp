#pragma once
// HL7 v2 ADT in (issue 4 point 6): a received message drives the inpatient episode — A01 admit,
// A02 transfer, A03 discharge, A08 update, A11 cancel admit, A13 cancel discharge, A16 pending
// discharge — and gets an ACK: AA when applied, AE with the reason when the message is
// well-formed but cannot be applied (unknown ward, an event the episode's state does not allow),
// AR when it is not a message Nära accepts. A malformed or refused message changes nothing. A
// message whose control id (MSH-10) the sender already used is acknowledged again without a
// second effect. The ACK is built only after the change has committed.
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

struct IngestOptions {
  UnknownPersonPolicy unknown_person = UnknownPersonPolicy::reject;
};

// A message parsed and mapped before it reaches the writer, so the writer only touches the
// database. `actor` is the sender as the audit log records it.
struct Received {
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

 private:
  IngestResult apply(store::Transaction& tx, const Received& received);
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
