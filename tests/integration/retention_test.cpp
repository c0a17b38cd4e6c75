// Issue 3 point 4: retention of the audit log, never under five years, and the chain still
// verifies.
#include "service/retention.hpp"

#include "core/problem.hpp"
#include "harness.hpp"
#include "store/audit_repository.hpp"
#include "store/database.hpp"
#include "store/time_codec.hpp"

namespace nara::test {
namespace {

class RetentionTest : public EngineTest {};

TEST_P(RetentionTest, HSLF_FS_2016_40_4_9_OldEntriesGoAndTheRestStillVerifies) {
  auto fresh = fresh_server(GetParam(), true);
  auto& db = fresh->instance->database();
  Client nurse = fresh->client();
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  ASSERT_EQ(nurse.get("/api/v1/persons?limit=10").status, 200);
  // A member of staff who has since left, whose only entry is old.
  db.write([&](store::Transaction& tx) {
    domain::access::AuditEntry e;
    e.at = store::to_db_time(fresh->clock->now());
    e.user_id = "user-who-left";
    e.user_hsa_id = "SE2321000198-LEFT";
    e.role = "physician";
    e.action = domain::access::AuditAction::read;
    e.object_type = "person";
    e.outcome = "allowed: test";
    std::vector<domain::access::AuditEntry> entries{e};
    store::AuditRepository(tx).append(entries);
  });
  const auto old_entries = fresh->count("audit_log");
  ASSERT_GE(old_entries, 10);

  fresh->clock->advance(std::chrono::hours(24 * 366 * 11));  // eleven years on
  ASSERT_EQ(nurse.sign_in("dsk.kramfors").status, 201);
  ASSERT_EQ(nurse.get("/api/v1/persons?limit=5").status, 200);
  const auto all = fresh->count("audit_log");

  EXPECT_THROW(service::apply_log_retention(db, *fresh->clock, 4), core::ProblemError);
  EXPECT_EQ(fresh->count("audit_log"), all);  // refused: nothing removed

  // Old entries in the lookup tables too, so that pruning has to remove them there as well.
  db.write([](store::Transaction& tx) { store::AuditRepository(tx).index_pending(); });
  EXPECT_EQ(service::apply_log_retention(db, *fresh->clock, 10), old_entries);
  const auto stale_lookups = db.read([](store::Transaction& tx) {
    return tx
        .query(
            "SELECT (SELECT COUNT(*) FROM audit_person_index WHERE seq NOT IN (SELECT seq FROM "
            "audit_entries)) + (SELECT COUNT(*) FROM audit_provider_index WHERE seq NOT IN "
            "(SELECT seq FROM audit_entries))")
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(stale_lookups, 0);
  const auto stale_days = db.read([](store::Transaction& tx) {
    return tx
        .query(
            "SELECT COUNT(*) FROM audit_day_index WHERE last_seq < (SELECT MIN(seq) FROM "
            "audit_entries)")
        .row(0)
        .int64(0);
  });
  EXPECT_EQ(stale_days, 0);
  const auto actors_of = [&](const std::string& user) {
    return db.read([&](store::Transaction& tx) {
      return tx.query("SELECT COUNT(*) FROM audit_actors WHERE user_id = ?", user).row(0).int64(0);
    });
  };
  EXPECT_EQ(actors_of("user-who-left"), 0);
  const auto nurse_id = db.read([](store::Transaction& tx) {
    return tx.query("SELECT id FROM users WHERE username = 'dsk.kramfors'").row(0).text(0);
  });
  EXPECT_GE(actors_of(nurse_id), 1);                            // named by the entries kept
  EXPECT_EQ(fresh->count("audit_log"), all - old_entries + 1);  // plus the entry saying so
  const auto check = store::verify_audit_chain(db);
  EXPECT_TRUE(check.intact) << check.reason;
  EXPECT_EQ(service::apply_log_retention(db, *fresh->clock, 10), 0);
  // Tampering after a checkpoint is still caught.
  db.write([](store::Transaction& tx) {
    tx.query(
        "UPDATE audit_entries SET outcome = 'x' WHERE seq = (SELECT MIN(seq) FROM audit_entries)");
  });
  EXPECT_FALSE(store::verify_audit_chain(db).intact);
}

INSTANTIATE_TEST_SUITE_P(Engines, RetentionTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
