#include "service/audit_log.hpp"

#include <algorithm>
#include <chrono>

#include "store/audit_repository.hpp"
#include "store/time_codec.hpp"

namespace nara::service {

using domain::access::AuditEntry;

namespace {
constexpr auto kGatherDelay = std::chrono::microseconds(300);
// Idle this long with entries not yet in the lookup tables: index them, so a quiet system's
// readers have no tail to scan.
constexpr auto kIndexWhenIdle = std::chrono::seconds(1);
}  // namespace

AuditEntry audit_entry(const domain::access::Actor& actor, const core::Clock& clock,
                       domain::access::AuditAction action, std::string object_type,
                       std::optional<std::string> object_id, std::optional<std::string> person_id) {
  AuditEntry e;
  e.at = store::to_db_time(clock.now());
  e.user_id = actor.user_id.empty() ? std::nullopt : std::optional<std::string>(actor.user_id);
  e.user_hsa_id = actor.user_hsa_id;
  e.assignment_id = actor.assignment_id;
  if (actor.role) e.role = std::string(domain::access::to_string(*actor.role));
  e.unit_id = actor.unit_id;
  e.unit_hsa_id = actor.unit_hsa_id;
  e.care_provider_id = actor.care_provider_id;
  e.person_id = std::move(person_id);
  e.action = action;
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  if (!actor.request_id.empty()) e.request_id = actor.request_id;
  return e;
}

AuditEntry list_read_entry(const domain::access::Actor& actor, const core::Clock& clock,
                           std::string object_type, std::optional<std::string> object_id,
                           std::vector<std::string> person_ids, std::string outcome) {
  AuditEntry e = audit_entry(actor, clock, domain::access::AuditAction::read,
                             std::move(object_type), std::move(object_id), std::nullopt);
  e.listed_person_ids = domain::access::canonical_person_list(std::move(person_ids));
  e.outcome = std::move(outcome);
  return e;
}

AuditLog::AuditLog(store::Database& db, std::int64_t index_every)
    : db_(db), index_every_(std::max<std::int64_t>(1, index_every)), writer_([this] { run(); }) {}

AuditLog::~AuditLog() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

void AuditLog::record(std::vector<AuditEntry> entries) {
  if (entries.empty()) return;
  auto done = std::make_shared<core::Completion>();
  bool wake_writer = false;
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(Pending{std::move(entries), done});
    // Only the first arrival (the writer may be idle) and the one completing a gathered batch
    // wake it: a wake-up per request cost a context switch per request on two cores.
    wake_writer = queue_.size() == 1 || queue_.size() >= gather_target_;
  }
  if (wake_writer) wake_.notify_one();
  if (auto* barrier = core::ResponseBarrier::current()) {
    barrier->add(std::move(done));  // the server answers only once this has finished
    return;
  }
  done->wait();  // rethrows if the batch could not be written: the caller must not answer
}

void AuditLog::record_in(store::Transaction& tx, std::vector<AuditEntry> entries) {
  store::AuditRepository(tx).append(entries);
}

void AuditLog::index_pending() {
  try {
    db_.write([](store::Transaction& tx) { store::AuditRepository(tx).index_pending(); });
    unindexed_ = 0;
    unindexed_listed_ = 0;
    ++index_runs_;
  } catch (...) {
    // Readers stay correct without it (they scan the tail); the next trigger retries.
    ++index_failures_;
  }
}

void AuditLog::run() {
  for (;;) {
    std::deque<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      const auto has_work = [&] { return stopping_ || !queue_.empty(); };
      if (unindexed_ == 0) {
        wake_.wait(lock, has_work);
      } else if (!wake_.wait_for(lock, kIndexWhenIdle, has_work)) {
        lock.unlock();
        index_pending();
        continue;
      }
      if (queue_.empty() && stopping_) {
        lock.unlock();
        if (unindexed_ > 0) index_pending();  // a restart begins with nothing to scan
        return;
      }
      // Like PostgreSQL's commit_delay with commit_siblings: wait only when the last commit was
      // shared, and never longer than a fraction of one fdatasync.
      if (gather_target_ > 1)
        wake_.wait_for(lock, kGatherDelay,
                       [&] { return stopping_ || queue_.size() >= gather_target_; });
      batch.swap(queue_);  // everything waiting now goes into one transaction
      gather_target_ = batch.size();
    }
    try {
      std::size_t total = 0;
      std::size_t listed = 0;
      for (const auto& p : batch) {
        total += p.entries.size();
        for (const auto& e : p.entries) listed += e.listed_person_ids.size();
      }
      std::vector<AuditEntry> all;
      // Sized once: growing it doubled through several large allocations per commit, and each
      // made malloc consolidate its free lists (visible in the profile).
      all.reserve(total);
      for (auto& p : batch) {
        all.insert(all.end(), std::make_move_iterator(p.entries.begin()),
                   std::make_move_iterator(p.entries.end()));
      }
      // append() only assigns seq and hashes, from the chain head it reads: a retry is safe.
      db_.write(
          [&](store::Transaction& tx) { unindexed_ = store::AuditRepository(tx).append(all); });
      const std::size_t count = all.size();
      unindexed_listed_ += static_cast<std::int64_t>(listed);
      ++batches_;
      entries_ += count;
      for (auto& p : batch) p.done->finish(nullptr);
    } catch (...) {
      for (auto& p : batch) p.done->finish(std::current_exception());
      continue;
    }
    // After the responses are released: indexing delays only the next batch, once per thousands.
    if (unindexed_ + unindexed_listed_ >= index_every_) index_pending();
  }
}

}  // namespace nara::service
