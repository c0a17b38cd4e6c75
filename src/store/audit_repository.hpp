#pragma once
// The hash-chained audit log. append() serialises on the chain head (row lock on PostgreSQL, the
// write lock on SQLite), so the chain has one order however many nodes write.
#include <optional>
#include <string>
#include <string_view>
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

// A subquery for `seq IN ...` selecting one person's entries, list entries naming them included:
// those up to indexed_seq through the lookup table, the few after it by scanning the log's tail.
// Parameters: the person id, indexed_audit_seq(), the id again, indexed_audit_seq() again, the id
// again. indexed_seq is bound rather than read in the subquery so that PostgreSQL plans the tail
// as the short range it is (a subquery's value is unknown to its planner, which then planned a
// parallel scan: 10 ms, not 2). Read in the same transaction; under READ COMMITTED a copy
// committed in between only makes an entry match on both sides, and IN counts it once.
std::string person_seqs_sql(Engine engine);
// A FROM item with one row per person a list entry names (column `<alias>.value`), none for an
// ordinary entry: `entry` is the alias of audit_entries or audit_log in the query (migration
// 0019 keeps the list as a JSON array, which each engine expands with its own function).
std::string listed_persons_source(Engine engine, std::string_view entry, std::string_view alias);
// The stored form of a list entry's persons (a JSON array of strings), and back; nullopt for text
// that is not such an array.
std::string encode_person_list(const std::vector<std::string>& person_ids);
std::optional<std::vector<std::string>> parse_person_list(std::string_view text);

// For a care provider, limited to the indexed entries of some days (a log review asks for a
// period): parameters the provider id, the first and last seq of AuditSeqRange,
// indexed_audit_seq(), the id again. A list entry is one entry of its provider, as any other.
inline constexpr const char* kProviderSeqsInRange =
    "(SELECT seq FROM audit_provider_index WHERE care_provider_id = ? AND seq BETWEEN ? AND ? "
    "UNION ALL SELECT seq FROM audit_entries WHERE seq > ? AND care_provider_id = ?)";

// The last entry whose keys are in the lookup tables (AuditRepository::index_pending).
std::int64_t indexed_audit_seq(Transaction& tx);

// The indexed entries of the days [from, to] touch (instants as stored, UTC) lie in
// [first, last]; first > last when no indexed entry does (migration 0013). The tail after
// indexed_audit_seq() is not covered: callers scan it, as kProviderSeqsInRange does.
struct AuditSeqRange {
  std::int64_t first = 1;
  std::int64_t last = 0;
};
AuditSeqRange audit_seq_range(Transaction& tx, const std::string& from, const std::string& to);

class AuditRepository {
 public:
  explicit AuditRepository(Transaction& tx) : tx_(tx) {}

  // Assigns seq, prev_hash and hash to each entry and inserts them, in order; each entry refers to
  // its actor (user, assignment, role, unit) in audit_actors, added the first time it is seen.
  // A list entry's persons are put in canonical order (sorted, once each) and stored with it; a
  // list entry with a person_id as well is refused (std::invalid_argument).
  // Returns how many entries of the log are not yet in the lookup tables (index_pending).
  std::int64_t append(std::vector<domain::access::AuditEntry>& entries);

  // Copies the person (each person listed, for a list entry) and care provider of every entry
  // after audit_chain_head.indexed_seq into the lookup tables (migration 0011), widens their days'
  // ranges (migration 0013) and moves indexed_seq to the head; returns how many entries that was.
  // Batching this keeps append cheap; readers find the rest by person_seqs_sql.
  std::int64_t index_pending();

  // The person's log extract, newest first: a list entry that names them appears as an access to
  // them (person_id theirs, the list left out: the others on it are not their data).
  std::vector<domain::access::AuditEntry> for_person(const std::string& person_id,
                                                     const PageRequest& page);
  // Entries as chained, lists included.
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
