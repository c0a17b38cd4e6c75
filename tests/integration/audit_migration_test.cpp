// Migrations 0009 and 0010 (issue 3 point 9) moved the audit log into a compact form: each actor
// stored once, the previous hash not stored again; 0011 and 0012 replaced its indexes by lookup
// tables filled in bulk, and 0013 added each day's range of entries; 0019 gave entries a list of
// persons (list entries). A log written before them must come through whole: the same entries, the
// chain still verifying (an entry without a list hashes as before), every entry found by person and
// care provider, and the writer finding the moved actors again.
#include <map>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "harness.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace nara::test {
namespace {

using domain::access::AuditEntry;

class AuditMigrationTest : public EngineTest {};

// The audit tables as migration 0002 created them (log_reviews referred to audit_log).
constexpr const char* kLogBefore0009 = R"sql(
DROP TABLE audit_day_index;
DROP TABLE audit_person_index;
DROP TABLE audit_provider_index;
ALTER TABLE audit_chain_head DROP COLUMN indexed_seq;
DROP VIEW audit_log;
DROP TABLE log_reviews;
DROP TABLE audit_entries;
DROP TABLE audit_actors;
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, user_hsa_id TEXT, assignment_id TEXT,
  role TEXT, unit_id TEXT, unit_hsa_id TEXT, care_provider_id TEXT, person_id TEXT,
  action TEXT NOT NULL, object_type TEXT NOT NULL, object_id TEXT, outcome TEXT NOT NULL,
  purpose TEXT, flagged INTEGER NOT NULL DEFAULT 0, without_relation INTEGER NOT NULL DEFAULT 0,
  request_id TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX audit_by_person ON audit_log (person_id, seq);
CREATE INDEX audit_by_provider ON audit_log (care_provider_id, seq);
CREATE TABLE log_reviews (
  id TEXT PRIMARY KEY, audit_seq BIGINT NOT NULL REFERENCES audit_log (seq),
  care_provider_id TEXT NOT NULL REFERENCES care_providers (id),
  reviewer_user_id TEXT NOT NULL REFERENCES users (id), outcome TEXT NOT NULL, note TEXT,
  reviewed_at TEXT NOT NULL);
CREATE UNIQUE INDEX log_reviews_once ON log_reviews (audit_seq, care_provider_id);
)sql";

// Migrations 0009 to 0013 and 0019, in order: the compact tables (per engine), the move
// (portable), the lookup tables (per engine), their filling (portable), the days' ranges
// (portable) and the entries' lists of persons (portable).
std::string compact_form_migrations(const std::string& engine) {
  const std::string own = engine == "sqlite" ? ".sqlite.sql" : ".postgres.sql";
  std::map<std::string, std::string> chosen;
  for (const auto& file : store::migration_files()) {
    const std::string name(file.file_name);
    const std::string version = name.substr(0, 4);
    const bool engine_specific = name.ends_with(".sqlite.sql") || name.ends_with(".postgres.sql");
    const bool audit = (version >= "0009" && version <= "0013") || version == "0019";
    if (!audit || (engine_specific && !name.ends_with(own))) continue;
    chosen[version] = file.sql;
  }
  if (chosen.size() != 6) return {};
  std::string sql;
  for (const auto& [version, text] : chosen) sql += text + "\n";
  return sql;
}

AuditEntry entry(int i) {
  AuditEntry e;
  e.at = "2026-01-0" + std::to_string(1 + i % 9) + "T08:00:00.000000Z";
  if (i % 3 != 2) {  // two staff actors, and (every third entry) the system with no user at all
    e.user_id = i % 3 == 0 ? "user-åsa" : "user-2";
    e.user_hsa_id = "SE2321000198-U" + std::to_string(i % 3);
    e.assignment_id = "assignment-" + std::to_string(i % 3);
    e.role = "district_nurse";
    e.unit_id = "unit-1";
    e.unit_hsa_id = "SE2321000198-E1";
    e.care_provider_id = "provider-1";
  }
  e.person_id = "person-" + std::to_string(i % 4);
  e.action =
      i == 5 ? domain::access::AuditAction::emergency_access : domain::access::AuditAction::read;
  e.object_type = "person";
  e.object_id = e.person_id;
  e.outcome = "PDL 4:1";
  e.purpose = i % 2 == 0 ? std::optional<std::string>("read") : std::nullopt;
  e.flagged = i == 5;
  e.without_relation = i == 7;
  e.request_id = "request-" + std::to_string(i);
  return e;
}

TEST_P(AuditMigrationTest, HSLF_FS_2016_40_4_9_ALogWrittenBeforeTheCompactFormStillVerifies) {
  auto fresh = fresh_server(GetParam(), false);
  auto& db = fresh->instance->database();
  const std::string sql = compact_form_migrations(GetParam());
  ASSERT_FALSE(sql.empty());
  constexpr int kEntries = 12;
  std::vector<AuditEntry> written;
  db.write([&](store::Transaction& tx) {
    tx.run_script(kLogBefore0009);
    std::string prev(64, '0');
    for (int i = 1; i <= kEntries; ++i) {  // as the writer before 0009 stored them
      AuditEntry e = entry(i);
      e.seq = i;
      e.prev_hash = prev;
      e.hash = core::sha256_hex(domain::access::canonical_text(e));
      prev = e.hash;
      tx.query(
          "INSERT INTO audit_log (seq, at, user_id, user_hsa_id, assignment_id, role, unit_id, "
          "unit_hsa_id, care_provider_id, person_id, action, object_type, object_id, outcome, "
          "purpose, flagged, without_relation, request_id, prev_hash, hash) VALUES (?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          e.seq, e.at, store::optional_value(e.user_id), store::optional_value(e.user_hsa_id),
          store::optional_value(e.assignment_id), store::optional_value(e.role),
          store::optional_value(e.unit_id), store::optional_value(e.unit_hsa_id),
          store::optional_value(e.care_provider_id), store::optional_value(e.person_id),
          std::string(domain::access::to_string(e.action)), e.object_type,
          store::optional_value(e.object_id), e.outcome, store::optional_value(e.purpose),
          std::int64_t{e.flagged ? 1 : 0}, std::int64_t{e.without_relation ? 1 : 0},
          store::optional_value(e.request_id), e.prev_hash, e.hash);
      written.push_back(e);
    }
    tx.query("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1", std::int64_t{kEntries},
             prev);
    tx.run_script(sql);
  });

  auto check = store::verify_audit_chain(db);
  EXPECT_TRUE(check.intact) << check.reason;  // including every lookup (verify checks them)
  EXPECT_EQ(check.entries, kEntries);
  EXPECT_EQ(fresh->count("audit_actors"), 3);  // two staff actors and the system
  EXPECT_EQ(fresh->count("audit_person_index"), kEntries);
  EXPECT_EQ(fresh->count("audit_provider_index"), kEntries - kEntries / 3);  // not the system's
  EXPECT_EQ(fresh->count("audit_day_index"), 9);  // the 1st to the 9th of January
  const auto indexed_seq = db.read([](store::Transaction& tx) {
    return tx.query("SELECT indexed_seq FROM audit_chain_head WHERE id = 1").row(0).int64(0);
  });
  EXPECT_EQ(indexed_seq, kEntries);
  const auto moved =
      db.read([](store::Transaction& tx) { return store::AuditRepository(tx).range(0, 100); });
  ASSERT_EQ(moved.size(), written.size());
  for (std::size_t i = 0; i < moved.size(); ++i) {
    AuditEntry expected = written[i];
    expected.prev_hash.clear();  // not stored any more: the hash before it is
    auto got = moved[i];
    EXPECT_EQ(domain::access::canonical_text(got), domain::access::canonical_text(expected));
    EXPECT_EQ(got.hash, expected.hash);
  }

  // The writer computes the same actor key as the migration's SQL: no second row for an actor.
  db.write([&](store::Transaction& tx) {
    std::vector<AuditEntry> more{entry(1), entry(2), entry(3)};
    store::AuditRepository(tx).append(more);
  });
  EXPECT_EQ(fresh->count("audit_actors"), 3);
  check = store::verify_audit_chain(db);
  EXPECT_TRUE(check.intact) << check.reason;
  EXPECT_EQ(check.entries, kEntries + 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditMigrationTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
