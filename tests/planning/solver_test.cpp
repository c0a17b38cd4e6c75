#include "domain/planning/solver.hpp"

#include <gtest/gtest.h>

#include "builders.hpp"
#include "domain/planning/checker.hpp"

namespace nara::domain::planning {
namespace {

SolverOptions budget(std::uint64_t iterations, std::uint64_t seed = 7) {
  SolverOptions o;
  o.max_iterations = iterations;
  o.seed = seed;
  return o;
}

// The solver's own cost must be the checker's, and the checker must accept the plan.
void expect_checked(const Instance& inst, const SolverResult& result) {
  const CheckReport report = check_plan(inst, result.plan);
  EXPECT_TRUE(report.feasible()) << report.violations.front().rule << ": "
                                 << report.violations.front().detail;
  EXPECT_NEAR(report.cost, result.plan.cost, 1e-6 * std::max(1.0, report.cost));
  EXPECT_TRUE(result.feasible);
}

Instance line_day() {
  Instance inst = testing::base_instance({0, 10, 20, 30, 15});
  inst.visits = {testing::visit("a", 3, 0, 500, 5), testing::visit("b", 1, 0, 500, 5),
                 testing::visit("c", 2, 0, 500, 5), testing::visit("d", 4, 0, 500, 5)};
  testing::add_persons(inst);
  inst.caregivers = {testing::caregiver("one", {0})};
  return inst;
}

TEST(PlanningSolver, FindsTheObviousTourOnALine) {
  const Instance inst = line_day();
  const SolverResult result = solve(inst, budget(200));
  expect_checked(inst, result);
  EXPECT_DOUBLE_EQ(result.plan.objective.travel, 60.0);  // out to 30 and back
  EXPECT_DOUBLE_EQ(result.plan.cost, 60.0);
}

TEST(PlanningSolver, SameSeedSamePlan) {
  Instance inst = line_day();
  inst.caregivers.push_back(testing::caregiver("two", {0}));
  inst.visits[0].latest = 20;
  inst.visits[1].latest = 12;
  const SolverResult first = solve(inst, budget(300, 42));
  const SolverResult second = solve(inst, budget(300, 42));
  ASSERT_EQ(first.plan.routes.size(), second.plan.routes.size());
  for (std::size_t r = 0; r < first.plan.routes.size(); ++r) {
    ASSERT_EQ(first.plan.routes[r].visits.size(), second.plan.routes[r].visits.size());
    for (std::size_t i = 0; i < first.plan.routes[r].visits.size(); ++i) {
      EXPECT_EQ(first.plan.routes[r].visits[i].visit, second.plan.routes[r].visits[i].visit);
      EXPECT_DOUBLE_EQ(first.plan.routes[r].visits[i].start, second.plan.routes[r].visits[i].start);
    }
  }
  EXPECT_DOUBLE_EQ(first.plan.cost, second.plan.cost);
  EXPECT_EQ(first.iterations, second.iterations);
}

TEST(PlanningSolver, LeavesAVisitNobodyMayDoUnserved) {
  Instance inst = line_day();
  inst.visits[2].skill = 1;  // nobody is a carer
  const SolverResult result = solve(inst, budget(100));
  expect_checked(inst, result);
  ASSERT_EQ(result.plan.unserved.size(), 1U);
  EXPECT_EQ(result.plan.unserved[0], 2U);
  EXPECT_EQ(result.plan.objective.unserved_visits, 1U);
}

TEST(PlanningSolver, DoubleStaffedVisitsStartTogetherWithTwoCaregivers) {
  Instance inst = line_day();
  inst.caregivers.push_back(testing::caregiver("two", {0}));
  inst.visits.push_back(testing::visit("d2", 4, 0, 500, 5));
  testing::add_persons(inst);
  inst.links = {{3, 4, 0, 0}};
  const SolverResult result = solve(inst, budget(300));
  expect_checked(inst, result);
  double start_d = -1, start_d2 = -2;
  std::size_t by_d = 9, by_d2 = 9;
  for (const Route& r : result.plan.routes) {
    for (const ScheduledVisit& sv : r.visits) {
      if (sv.visit == 3) start_d = sv.start, by_d = r.caregiver;
      if (sv.visit == 4) start_d2 = sv.start, by_d2 = r.caregiver;
    }
  }
  EXPECT_DOUBLE_EQ(start_d, start_d2);
  EXPECT_NE(by_d, by_d2);
}

TEST(PlanningSolver, SequentialVisitsKeepTheirGap) {
  Instance inst = line_day();
  inst.caregivers.push_back(testing::caregiver("two", {0}));
  inst.visits.push_back(testing::visit("d-after", 4, 0, 500, 5));
  testing::add_persons(inst);
  inst.links = {{3, 4, 30, 40}};
  const SolverResult result = solve(inst, budget(300));
  expect_checked(inst, result);  // the checker verifies the gap
  EXPECT_EQ(result.plan.unserved.size(), 0U);
}

TEST(PlanningSolver, PrefersTheCaregiverThePersonKnows) {
  Instance inst = line_day();
  inst.caregivers.push_back(testing::caregiver("known", {0}));
  inst.weights.continuity = 100;
  inst.visits[1].person = 0;  // a and b are the same person, who knows "known"
  inst.persons[0].history = {1};
  const SolverResult result = solve(inst, budget(300));
  expect_checked(inst, result);
  EXPECT_DOUBLE_EQ(result.plan.objective.new_caregivers, 2.0);  // c's and d's persons
  for (const Route& r : result.plan.routes) {
    for (const ScheduledVisit& sv : r.visits) {
      if (sv.visit <= 1) {
        EXPECT_EQ(r.caregiver, 1U);
      }
    }
  }
}

TEST(PlanningSolver, TakesTheBreakInsideItsWindow) {
  Instance inst = line_day();
  Caregiver& c = inst.caregivers[0];
  c.break_earliest = 20;
  c.break_latest = 30;
  c.break_duration = 30;
  const SolverResult result = solve(inst, budget(200));
  expect_checked(inst, result);
  EXPECT_TRUE(result.plan.routes[0].has_break);
}

TEST(PlanningSolver, StopsOnTheInjectedTimeSource) {
  const Instance inst = line_day();
  SolverOptions o;
  double fake_now = 0.0;
  o.elapsed_seconds = [&fake_now] { return fake_now += 0.01; };
  o.time_limit_seconds = 1.0;
  const SolverResult result = solve(inst, o);
  EXPECT_GT(result.iterations, 10U);
  EXPECT_LT(result.iterations, 100U);
  expect_checked(inst, result);
}

TEST(PlanningSolver, ThreadsGiveAReproducibleBestPlan) {
  Instance inst = line_day();
  inst.caregivers.push_back(testing::caregiver("two", {0}));
  SolverOptions o = budget(100);
  o.threads = 2;
  const SolverResult a = solve(inst, o);
  const SolverResult b = solve(inst, o);
  expect_checked(inst, a);
  EXPECT_DOUBLE_EQ(a.plan.cost, b.plan.cost);
  EXPECT_EQ(a.iterations, 200U);
}

TEST(PlanningSolver, RejectsInvalidInstancesAndMissingLimits) {
  Instance inst = line_day();
  EXPECT_THROW((void)solve(inst, SolverOptions{}), std::invalid_argument);
  inst.visits[0].location = 99;
  EXPECT_THROW((void)solve(inst, budget(10)), std::invalid_argument);
}

}  // namespace
}  // namespace nara::domain::planning

namespace nara::domain::planning {
namespace {

// Many identical idle caregivers: opening one new route is enough, and the plan stays optimal.
TEST(PlanningSolver, IdleTwinsAndGranularScanFindTheSameTour) {
  Instance inst = testing::base_instance({0, 10, 20, 30, 15});
  inst.visits = {testing::visit("a", 3, 0, 500, 5), testing::visit("b", 1, 0, 500, 5),
                 testing::visit("c", 2, 0, 500, 5), testing::visit("d", 4, 0, 500, 5)};
  testing::add_persons(inst);
  for (int i = 0; i < 6; ++i) inst.caregivers.push_back(testing::caregiver("same", {0}));
  for (const bool granular : {true, false}) {
    SolverOptions o;
    o.max_iterations = 200;
    o.granular = granular;
    const SolverResult result = solve(inst, o);
    EXPECT_TRUE(check_plan(inst, result.plan).feasible());
    EXPECT_DOUBLE_EQ(result.plan.cost, 60.0) << "granular " << granular;
  }
}

}  // namespace
}  // namespace nara::domain::planning
