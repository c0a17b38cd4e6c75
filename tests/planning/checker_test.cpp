#include "domain/planning/checker.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "builders.hpp"

namespace nara::domain::planning {
namespace {

// Office at 0, homes at 10, 20 and 30 on a line.
class CheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    inst = testing::base_instance({0, 10, 20, 30});
    inst.visits = {testing::visit("a", 1, 0, 100, 10, 0), testing::visit("b", 2, 0, 20, 5, 0),
                   testing::visit("c", 3, 50, 60, 10, 1)};
    testing::add_persons(inst);
    inst.caregivers = {testing::caregiver("nurse", {0}), testing::caregiver("both", {0, 1})};
    inst.caregivers[1].shift_end = 80;
    // nurse: a at 10, b at 30 (10 late), home at 55. both: c at 50, home at 90 (10 overtime).
    plan.routes = {Route{0, 0, {{0, 10}, {1, 30}}, false, 0, 55},
                   Route{1, 0, {{2, 50}}, false, 0, 90}};
  }
  bool has(const CheckReport& report, const std::string& rule) {
    return std::any_of(report.violations.begin(), report.violations.end(),
                       [&](const Violation& v) { return v.rule == rule; });
  }
  Instance inst;
  Plan plan;
};

TEST_F(CheckerTest, RecomputesTheObjectiveOfAValidPlan) {
  const CheckReport report = check_plan(inst, plan);
  EXPECT_TRUE(report.feasible()) << report.violations.front().detail;
  EXPECT_DOUBLE_EQ(report.objective.travel, 40 + 60);
  EXPECT_DOUBLE_EQ(report.objective.total_tardiness, 10);
  EXPECT_DOUBLE_EQ(report.objective.max_tardiness, 10);
  EXPECT_DOUBLE_EQ(report.objective.overtime, 10);
  EXPECT_EQ(report.objective.unserved_visits, 0U);
  EXPECT_DOUBLE_EQ(report.objective.new_caregivers, 3);  // three persons, all strangers
  EXPECT_DOUBLE_EQ(report.cost, 100 + 10 + 10);
}

TEST_F(CheckerTest, HistoryAndWishesAreNotNewCaregivers) {
  inst.weights.continuity = 5;
  inst.persons[0].history = {0};
  inst.persons[1].preferred = {0};
  const CheckReport report = check_plan(inst, plan);
  EXPECT_DOUBLE_EQ(report.objective.new_caregivers, 1);  // only c's person meets a stranger
  EXPECT_DOUBLE_EQ(report.cost, 120 + 5);
}

TEST_F(CheckerTest, UnservedVisitsCostByPriority) {
  plan.routes[1].visits.clear();
  plan.routes[1].return_time = 0;
  plan.unserved = {2};
  inst.visits[2].priority = 1;
  const CheckReport report = check_plan(inst, plan);
  EXPECT_TRUE(report.feasible());
  EXPECT_EQ(report.objective.unserved_visits, 1U);
  EXPECT_DOUBLE_EQ(report.cost, 40 + 10 + 100);
}

TEST_F(CheckerTest, FlagsAMissingSkill) {
  std::swap(plan.routes[0].caregiver, plan.routes[1].caregiver);
  plan.routes[0].return_time = 80;
  EXPECT_TRUE(has(check_plan(inst, plan), "skill"));
}

TEST_F(CheckerTest, FlagsTravelThatCannotBeDone) {
  plan.routes[0].visits[1].start = 25;  // a ends at 20, b is 10 minutes away
  EXPECT_TRUE(has(check_plan(inst, plan), "travel"));
}

TEST_F(CheckerTest, FlagsStartsBeforeTheWindowAndAfterAHardOne) {
  plan.routes[1].visits[0].start = 40;
  EXPECT_TRUE(has(check_plan(inst, plan), "window.early"));
  SetUp();
  inst.visits[1].latest_is_hard = true;
  EXPECT_TRUE(has(check_plan(inst, plan), "window.hard"));
}

TEST_F(CheckerTest, FlagsDoubleServiceAndMissingVisits) {
  plan.routes[1].visits.push_back({0, 70});
  EXPECT_TRUE(has(check_plan(inst, plan), "visit.twice"));
  SetUp();
  plan.routes[1].visits.clear();
  EXPECT_TRUE(has(check_plan(inst, plan), "visit.missing"));
}

TEST_F(CheckerTest, FlagsExclusionPrincipalCapacityAndShiftEnd) {
  inst.visits[0].excluded_caregivers = {0};
  EXPECT_TRUE(has(check_plan(inst, plan), "excluded"));
  SetUp();
  inst.visits[0].principal = 1;
  EXPECT_TRUE(has(check_plan(inst, plan), "principal"));
  SetUp();
  inst.visits[0].demand = 3;
  inst.visits[1].demand = 3;
  inst.caregivers[0].capacity = 5;
  EXPECT_TRUE(has(check_plan(inst, plan), "capacity"));
  SetUp();
  inst.caregivers[1].max_overtime = 5;
  EXPECT_TRUE(has(check_plan(inst, plan), "shift.end"));
}

TEST_F(CheckerTest, LinkedVisitsNeedTwoCaregiversAndTheGap) {
  inst.visits[2].skill = 0;
  inst.links = {{1, 2, 0, 0}};  // b and c double-staffed: must start together
  plan.routes = {Route{0, 0, {{0, 10}, {1, 50}}, false, 0, 75},
                 Route{1, 0, {{2, 50}}, false, 0, 90}};
  const CheckReport together = check_plan(inst, plan);
  EXPECT_TRUE(together.feasible()) << together.violations.front().detail;
  plan.routes[1].visits[0].start = 55;
  plan.routes[1].return_time = 95;
  EXPECT_TRUE(has(check_plan(inst, plan), "link.gap"));
  inst.links = {{1, 2, 5, 10}};  // c 5 to 10 minutes after b
  EXPECT_TRUE(check_plan(inst, plan).feasible());
  plan.routes[1].visits.clear();
  plan.unserved = {2};
  EXPECT_TRUE(has(check_plan(inst, plan), "link.partial"));
  SetUp();
  inst.links = {{0, 1, 0, 100}};
  EXPECT_TRUE(has(check_plan(inst, plan), "link.same"));
}

TEST_F(CheckerTest, BreaksMustBeTakenInTheirWindowBetweenVisits) {
  Caregiver& nurse = inst.caregivers[0];
  nurse.break_duration = 15;
  nurse.break_earliest = 20;
  nurse.break_latest = 40;
  EXPECT_TRUE(has(check_plan(inst, plan), "break.missing"));
  // After a (ends 20) the break 20-35, then 10 minutes to b at 45.
  plan.routes[0].has_break = true;
  plan.routes[0].break_start = 20;
  plan.routes[0].visits[1].start = 45;
  plan.routes[0].return_time = 70;
  const CheckReport ok = check_plan(inst, plan);
  EXPECT_TRUE(ok.feasible()) << ok.violations.front().rule;
  EXPECT_DOUBLE_EQ(ok.objective.total_tardiness, 25);
  plan.routes[0].visits[1].start = 40;  // break and trip do not fit before b
  EXPECT_TRUE(has(check_plan(inst, plan), "break.overlap") ||
              has(check_plan(inst, plan), "travel"));
  plan.routes[0].visits[1].start = 45;
  nurse.break_latest = 10;
  nurse.break_earliest = 0;
  EXPECT_TRUE(has(check_plan(inst, plan), "break.window"));
}

}  // namespace
}  // namespace nara::domain::planning
