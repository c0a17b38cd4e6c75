#pragma once
// Every access to personal data leaves an entry in the hash-chained log (PDL 4:3, HSLF-FS 2016:40
// 4 kap. 9 §). Changes write their entries in their own transaction; reads hand theirs to a group
// committer that writes many requests' entries in one transaction, and the read is answered only
// once its entries are durable — so no data leaves without its log entry, and reads stay fast.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
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

class AuditLog {
 public:
  explicit AuditLog(store::Database& db);
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

 private:
  struct Pending {
    std::vector<domain::access::AuditEntry> entries;
    std::shared_ptr<core::Completion> done;
  };
  void run();

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
  std::thread writer_;
};

}  // namespace nara::service
