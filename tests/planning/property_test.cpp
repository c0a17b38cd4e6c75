// Property: on random planning days with every feature switched on, each solver result passes
// the independent checker and the solver's cost is the checker's recomputed cost.
#include <gtest/gtest.h>

#include <random>

#include "builders.hpp"
#include "domain/planning/checker.hpp"
#include "domain/planning/solver.hpp"

namespace nara::domain::planning {
namespace {

Instance random_day(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  const auto chance = [&](double p) { return uniform(0, 1) < p; };
  const auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const std::size_t homes = 4 + pick(14);
  const std::size_t staff = 2 + pick(4);
  std::vector<double> positions{0.0, 50.0};  // two offices: region and municipality
  for (std::size_t i = 0; i < homes; ++i) positions.push_back(uniform(-60, 60));
  Instance inst = testing::base_instance(positions);
  inst.weights.max_tardiness = uniform(0, 2);
  inst.weights.continuity = uniform(0, 20);
  inst.weights.overtime = uniform(0, 3);
  if (seed % 3 == 0) {  // only hard limits depend on time, as in VRPTW: the O(1) insertion check
    inst.weights.total_tardiness = 0.0;
    inst.weights.max_tardiness = 0.0;
    inst.weights.overtime = 0.0;
  }

  for (std::size_t p = 0; p < homes; ++p) {
    inst.persons.push_back(Person{"p" + std::to_string(p), {}, {}});
    const double open = uniform(0, 400);
    Visit v = testing::visit("v" + std::to_string(p), 2 + p, open, open + uniform(0, 120),
                             uniform(5, 45), pick(2));
    v.person = p;
    v.principal = pick(2);
    v.priority = static_cast<int>(pick(2));
    v.latest_is_hard = chance(0.2);
    v.demand = uniform(0, 3);
    inst.visits.push_back(v);
    if (chance(0.25)) {  // a second visit to the same home, tied to the first
      Visit w = v;
      w.id += "-tied";
      w.skill = pick(2);
      w.latest_is_hard = false;
      inst.visits.push_back(w);
      const double gap = chance(0.5) ? 0.0 : uniform(0, 60);
      inst.links.push_back({inst.visits.size() - 2, inst.visits.size() - 1, gap,
                            gap + (gap > 0 ? uniform(0, 30) : 0.0)});
    }
  }
  for (std::size_t c = 0; c < staff; ++c) {
    Caregiver g = testing::caregiver("c" + std::to_string(c), {pick(2)});
    if (chance(0.5)) g.skills = {0, 1};
    g.principal = pick(2);
    if (chance(0.6)) g.may_serve_principals = {1 - g.principal};
    g.start_location = g.principal;
    g.end_location = chance(0.8) ? g.principal : 1 - g.principal;
    g.shift_start = uniform(0, 60);
    g.shift_end = g.shift_start + uniform(240, 480);
    g.max_overtime = chance(0.5) ? uniform(0, 60) : kOpenEnd;
    if (chance(0.6)) {
      g.break_earliest = uniform(150, 250);
      g.break_latest = g.break_earliest + uniform(0, 60);
      g.break_duration = uniform(10, 30);
    }
    if (chance(0.3)) g.capacity = uniform(5, 15);
    inst.caregivers.push_back(g);
  }
  for (Person& p : inst.persons) {
    if (chance(0.5)) p.history = {pick(staff)};
    if (chance(0.3)) p.preferred = {pick(staff)};
  }
  for (Visit& v : inst.visits) {
    if (chance(0.1)) v.excluded_caregivers = {pick(staff)};
  }
  return inst;
}

class RandomDays : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(RandomDays, EverySolverPlanPassesTheIndependentChecker) {
  const Instance inst = random_day(GetParam());
  ASSERT_TRUE(validate(inst).empty());
  SolverOptions options;
  options.max_iterations = 150;
  options.seed = GetParam();
  options.granular = GetParam() % 2 == 0;  // both insertion scans must keep the rules
  const SolverResult result = solve(inst, options);
  const CheckReport report = check_plan(inst, result.plan);
  for (const Violation& v : report.violations) ADD_FAILURE() << v.rule << ": " << v.detail;
  EXPECT_TRUE(result.feasible);
  EXPECT_NEAR(report.cost, result.plan.cost, 1e-6 * std::max(1.0, report.cost));
  EXPECT_EQ(report.objective.unserved_visits, result.plan.unserved.size());
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomDays, ::testing::Range<std::uint64_t>(1, 151));

}  // namespace
}  // namespace nara::domain::planning
