// Issue 2 point 8: the demo county as ARCHITECTURE.md describes it.
#include "app/demo_county.hpp"

#include <date/date.h>

#include <fstream>
#include <set>

#include "domain/access/role.hpp"
#include "harness.hpp"
#include "store/database.hpp"

namespace nara::test {
namespace {

class DemoCountyTest : public EngineTest {};

TEST_P(DemoCountyTest, Issue2Point8_ResidentsComeOnlyFromSkatteverketsTestNumbers) {
  std::set<std::string> test_numbers;
  std::ifstream in(std::string(NARA_SHARED_DIR) +
                   "/data/personnummer/skatteverket-testpersonnummer.txt");
  for (std::string line; std::getline(in, line);) test_numbers.insert(line);
  auto& db = server().instance->database();
  const auto rows =
      db.read([](store::Transaction& tx) { return tx.query("SELECT identifier FROM persons"); });
  ASSERT_GE(rows.size(), 2000U);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_TRUE(test_numbers.contains(rows.row(i).text(0))) << "not a Skatteverket test number";
  }
}

TEST_P(DemoCountyTest, Issue2Point8_AgeMixAndSpreadOverTheSevenMunicipalities) {
  auto& db = server().instance->database();
  const auto today = server().clock->now();
  const std::string cutoff_65 = std::to_string(
      static_cast<int>(date::year_month_day(date::floor<date::days>(today)).year()) - 65);
  const auto counts = db.read([&](store::Transaction& tx) {
    return tx.query(
        "SELECT municipality_code, COUNT(*), SUM(CASE WHEN birth_date <= ? THEN 1 ELSE 0 END) "
        "FROM persons WHERE municipality_code IS NOT NULL GROUP BY municipality_code ORDER BY 1",
        cutoff_65 + "-12-31");
  });
  std::set<std::string> municipalities;
  std::int64_t total = 0;
  std::int64_t older = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    municipalities.insert(counts.row(i).text(0));
    total += counts.row(i).int64(1);
    older += counts.row(i).int64(2);
    EXPECT_GT(counts.row(i).int64(1), 50) << counts.row(i).text(0);
  }
  EXPECT_EQ(municipalities,
            (std::set<std::string>{"2260", "2262", "2280", "2281", "2282", "2283", "2284"}));
  const double share = static_cast<double>(older) / static_cast<double>(total);
  EXPECT_GT(share, 0.20);
  EXPECT_LT(share, 0.30);
}

TEST_P(DemoCountyTest, Issue2Point8_EveryRoleAndUnitKindIsStaffed) {
  auto& db = server().instance->database();
  const auto roles = db.read(
      [](store::Transaction& tx) { return tx.query("SELECT DISTINCT role FROM assignments"); });
  EXPECT_EQ(roles.size(), domain::access::all_roles().size());
  const auto kinds = db.read([](store::Transaction& tx) {
    return tx.query("SELECT DISTINCT u.kind FROM units u JOIN assignments a ON a.unit_id = u.id");
  });
  EXPECT_GE(kinds.size(),
            5U);  // wards, health centres, home health care, home care, administration
}

TEST_P(DemoCountyTest, Issue2Point8_SeedingTwiceChangesNothing) {
  auto& db = server().instance->database();
  const auto persons = server().count("persons");
  const auto users = server().count("users");
  const std::string summary = app::seed_demo_county(db, *server().clock, NARA_SHARED_DIR);
  EXPECT_NE(summary.find("already present"), std::string::npos);
  EXPECT_EQ(server().count("persons"), persons);
  EXPECT_EQ(server().count("users"), users);
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoCountyTest, ::testing::ValuesIn(engines()), engine_name);

}  // namespace
}  // namespace nara::test
