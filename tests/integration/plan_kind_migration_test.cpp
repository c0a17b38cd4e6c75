// Migration 0017 gave coordinated plans a `kind` column (SIP, or the samordnad vårdplan of
// LPT 7 a § / LRV 12 a §) so an episode's plan is found in SQL. Plans written before it carry the
// kind only in their content; the migration must give each its kind, on both engines.
#include <boost/json.hpp>
#include <string>

#include "harness.hpp"
#include "service/sip_codec.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace nara::test {
namespace {

class PlanKindMigrationTest : public EngineTest {};

TEST_P(PlanKindMigrationTest, LPT_7a_PlansWrittenBeforeTheColumnGetTheKindTheirContentSays) {
  auto fresh = fresh_server(GetParam(), true);  // the demo has SIPs and a samordnad vårdplan
  auto& db = fresh->instance->database();
  std::string migration;
  for (const auto& file : store::migration_files()) {
    if (file.file_name.starts_with("0017")) migration = std::string(file.sql);
  }
  ASSERT_FALSE(migration.empty());
  db.write([&](store::Transaction& tx) {
    // The schema before 0017: without the column, and without the later migrations' triggers
    // that name it (0021).
    tx.run_script(tx.engine() == store::Engine::postgres
                      ? "DROP TRIGGER proactive_plan_changed ON coordinated_plans;"
                      : "DROP TRIGGER proactive_plan_updated;");
    tx.run_script(
        "DROP INDEX coordinated_plans_by_episode; ALTER TABLE coordinated_plans DROP COLUMN "
        "kind;");
    // An LRV plan too, which the demo does not have.
    domain::sip::Plan plan;
    plan.kind = domain::sip::PlanKind::care_plan_lrv;
    plan.initiated_at = core::parse_iso8601("2026-11-20T09:00:00+01:00", "test");
    const auto person = tx.query("SELECT id FROM persons ORDER BY id").row(0).text(0);
    const auto unit = tx.query("SELECT id FROM units ORDER BY id").row(0).text(0);
    tx.query(
        "INSERT INTO coordinated_plans (id, person_id, state, initiated_by_unit_id, content, "
        "version, created_at, updated_at) VALUES ('lrv-plan', ?, 'draft', ?, ?, 1, "
        "'2026-11-20T08:00:00.000000Z', '2026-11-20T08:00:00.000000Z')",
        person, unit, boost::json::serialize(service::plan_to_json(plan)));
    tx.run_script(migration);
  });
  int care_plans = 0;
  int sips = 0;
  db.read([&](store::Transaction& tx) {
    const auto rows = tx.query("SELECT kind, content FROM coordinated_plans");
    ASSERT_GT(rows.size(), 2U);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto content =
          service::plan_from_json(boost::json::parse(rows.row(i).text(1)).as_object());
      EXPECT_EQ(rows.row(i).text(0), domain::sip::to_string(content.kind));
      (domain::sip::is_care_plan(content.kind) ? care_plans : sips) += 1;
    }
  });
  EXPECT_GE(care_plans, 2);  // the demo's LPT plan and the LRV plan above
  EXPECT_GE(sips, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, PlanKindMigrationTest, ::testing::ValuesIn(engines()),
                         engine_name);

}  // namespace
}  // namespace nara::test
