#pragma once
// The hash-chained audit log. append() serialises on the chain head (row lock on PostgreSQL, the
// write lock on SQLite), so the chain has one order however many nodes write.
#include <optional>
#include <vector>

#include "domain/access/audit.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace nara::store {

struct ChainCheck {
  bool intact = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_broken_seq;
  std::string reason;
};

class AuditRepository {
 public:
  explicit AuditRepository(Transaction& tx) : tx_(tx) {}

  // Assigns seq, prev_hash and hash to each entry and inserts them, in order; each entry refers to
  // its actor (user, assignment, role, unit) in audit_actors, added the first time it is seen.
  void append(std::vector<domain::access::AuditEntry>& entries);

  std::vector<domain::access::AuditEntry> for_person(const std::string& person_id,
                                                     const PageRequest& page);
  std::vector<domain::access::AuditEntry> range(std::int64_t after_seq, std::size_t limit);

 private:
  Transaction& tx_;
};

// Recomputes the chain from the latest retention checkpoint in pages; names the first entry whose
// hash or link is wrong.
ChainCheck verify_audit_chain(Database& db);

// Removes entries (and their reviews) older than `cutoff` and records a checkpoint; returns how
// many entries were removed. The caller enforces the minimum retention.
std::int64_t prune_audit_log(Transaction& tx, const std::string& cutoff, const std::string& now);

}  // namespace nara::store
