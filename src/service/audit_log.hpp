#pragma once
// Every access to personal data leaves an entry in the hash-chained log (PDL 4:3, HSLF-FS 2016:40
// 4 kap. 9 §). Changes write their entries in their own transaction; reads hand theirs to a group
// committer that writes many requests' entries in one transaction, and the read is answered only
// once its entries are durable — so no data leaves without its log entry, and reads stay fast.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/response_barrier.hpp"
#include "domain/access/actor.hpp"
#include "domain/access/audit.hpp"
#include "store/database.hpp"

namespace nara::service {

// An entry for `actor` acting now; person, object and outcome are filled by the caller.
domain::access::AuditEntry audit_entry(const domain::access::Actor& actor, const core::Clock& clock,
                                       domain::access::AuditAction action, std::string object_type,
                                       std::optional<std::string> object_id,
                                       std::optional<std::string> person_id);

// One read entry for a list shown (a worklist, a ward board, a visit plan): an access to each
// person listed (PDL 4:3), all in one chained entry, instead of one entry per person
// (docs/access.md). The persons are sorted and each named once, however many rows show them.
domain::access::AuditEntry list_read_entry(const domain::access::Actor& actor,
                                           const core::Clock& clock, std::string object_type,
                                           std::optional<std::string> object_id,
                                           std::vector<std::string> person_ids,
                                           std::string outcome = "allowed");

class AuditLog {
 public:
  // Every `index_every` entries (a list entry counts once per person listed), and after a second
  // without work, the writer copies the new entries' keys into the log's lookup tables in one
  // transaction (AuditRepository::index_pending).
  static constexpr std::int64_t kIndexEvery = 2048;
  explicit AuditLog(store::Database& db, std::int64_t index_every = kIndexEvery);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Commits the entries together with whatever else is waiting. Blocks until then, except inside
  // an HTTP request (a core::ResponseBarrier is current): there it returns at once and the server
  // sends the response only after the commit, without holding an I/O thread meanwhile.
  void record(std::vector<domain::access::AuditEntry> entries);
  // Appends inside the caller's write transaction: the change and its log commit together.
  static void record_in(store::Transaction& tx, std::vector<domain::access::AuditEntry> entries);

  // Group commits and the entries they held, since start (exposed on /metrics).
  [[nodiscard]] std::uint64_t batches_written() const { return batches_; }
  [[nodiscard]] std::uint64_t entries_written() const { return entries_; }
  // Batches of entries copied into the lookup tables, and attempts that failed (retried later;
  // until then readers find those entries by scanning the log's tail).
  [[nodiscard]] std::uint64_t index_runs() const { return index_runs_; }
  [[nodiscard]] std::uint64_t index_failures() const { return index_failures_; }

 private:
  struct Pending {
    std::vector<domain::access::AuditEntry> entries;
    std::shared_ptr<core::Completion> done;
  };
  void run();
  void index_pending();

  store::Database& db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  // Under concurrent load the writer waits (briefly) until as many requests are queued as its
  // last commit held, so one fdatasync and one set of index pages serve more entries; a lone
  // request (last commit held one) is committed at once. Guarded by mutex_.
  std::size_t gather_target_ = 1;
  bool stopping_ = false;
  std::atomic<std::uint64_t> batches_{0};
  std::atomic<std::uint64_t> entries_{0};
  std::atomic<std::uint64_t> index_runs_{0};
  std::atomic<std::uint64_t> index_failures_{0};
  const std::int64_t index_every_;
  // Entries after the lookup tables' indexed_seq, as of the writer's last transaction, and the
  // persons named by the list entries it wrote since it last indexed: the tail readers scan grows
  // with both, so both count towards index_every. Only the writer thread uses them.
  std::int64_t unindexed_ = 0;
  std::int64_t unindexed_listed_ = 0;
  std::thread writer_;
};

}  // namespace nara::service
