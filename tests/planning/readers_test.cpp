#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "domain/planning/checker.hpp"
#include "domain/planning/solver.hpp"
#include "interop/planning/instance_readers.hpp"
#include "interop/planning/plan_command.hpp"

namespace nara::interop::planning {
namespace {

using namespace domain::planning;

const std::string kDir = NARA_PLANNING_INSTANCES;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(PlanningReaders, MankowskaSmallInstance) {
  const Instance inst =
      read_instance(kDir + "/mankowska/InstanzCPLEX_HCSRP_10_1.json", InstanceFormat::kAuto);
  EXPECT_EQ(inst.name, "InstanzCPLEX_HCSRP_10_1");
  EXPECT_EQ(inst.persons.size(), 10U);
  EXPECT_EQ(inst.caregivers.size(), 3U);
  EXPECT_EQ(inst.skills.size(), 6U);
  EXPECT_EQ(inst.travel.size(), 11U);
  EXPECT_DOUBLE_EQ(inst.travel(0, 1), 38.471);
  EXPECT_EQ(inst.visits.size(), 10U + inst.links.size());
  EXPECT_EQ(inst.visits[0].id, "p1");
  EXPECT_DOUBLE_EQ(inst.visits[0].earliest, 345.0);
  EXPECT_DOUBLE_EQ(inst.visits[0].latest, 465.0);
  EXPECT_FALSE(inst.visits[0].latest_is_hard);
  EXPECT_TRUE(validate(inst).empty());
}

TEST(PlanningReaders, MankowskaLinksAreSimultaneousOrSequential) {
  const Instance inst =
      read_instance(kDir + "/mankowska/InstanzVNS_HCSRP_300_1.json", InstanceFormat::kMankowska);
  EXPECT_EQ(inst.persons.size(), 300U);
  EXPECT_EQ(inst.caregivers.size(), 40U);
  ASSERT_FALSE(inst.links.empty());
  std::size_t together = 0, apart = 0;
  for (const VisitLink& l : inst.links) {
    EXPECT_EQ(inst.visits[l.first].person, inst.visits[l.second].person);
    if (l.max_gap == 0.0) {
      ++together;
    } else {
      ++apart;
      EXPECT_DOUBLE_EQ(l.max_gap, 2 * l.min_gap);  // the generator's [d, 2d]
    }
  }
  EXPECT_GT(together, 0U);
  EXPECT_GT(apart, 0U);
}

TEST(PlanningReaders, RejectsBrokenJson) {
  EXPECT_THROW((void)read_mankowska_json("{\"patients\": 3"), std::runtime_error);
  EXPECT_THROW((void)read_mankowska_json("{}"), std::runtime_error);
}

TEST(PlanningReaders, SolomonHeaderAndCustomers) {
  const Instance inst = read_instance(kDir + "/solomon/C101.txt", InstanceFormat::kAuto);
  EXPECT_EQ(inst.visits.size(), 100U);
  EXPECT_EQ(inst.caregivers.size(), 25U);
  EXPECT_DOUBLE_EQ(inst.caregivers[0].capacity, 200.0);
  EXPECT_DOUBLE_EQ(inst.caregivers[0].shift_end, 1236.0);
  EXPECT_DOUBLE_EQ(inst.visits[0].earliest, 912.0);
  EXPECT_DOUBLE_EQ(inst.visits[0].duration, 90.0);
  EXPECT_NEAR(inst.travel(0, 1), std::hypot(5.0, 18.0), 1e-12);
}

// Re-costs the published best-known solution of C1_10_1 with our reader and our checker: the
// DIMACS distance convention and the hard windows must reproduce the `.sol` cost exactly.
TEST(PlanningReaders, GehringHombergerBestKnownSolutionRecosts) {
  const Instance inst = read_instance(kDir + "/gh/C1_10_1.vrp", InstanceFormat::kAuto);
  ASSERT_EQ(inst.visits.size(), 1000U);
  ASSERT_EQ(inst.caregivers.size(), 250U);
  EXPECT_DOUBLE_EQ(inst.visits[0].duration, 90.0);
  std::istringstream sol(slurp(kDir + "/gh/C1_10_1.sol"));
  Plan plan;
  double published = 0.0;
  std::string line;
  while (std::getline(sol, line)) {
    if (line.rfind("Cost", 0) == 0) published = std::stod(line.substr(4));
    if (line.rfind("Route", 0) != 0) continue;
    std::istringstream ids(line.substr(line.find(':') + 1));
    Route route;
    route.caregiver = plan.routes.size();
    double time = 0.0;
    std::size_t at = 0;
    std::size_t node = 0;
    while (ids >> node) {
      const Visit& v = inst.visits[node - 1];  // node 0 is the depot, visits start at node 1
      time = std::max(time + inst.travel(at, v.location), v.earliest);
      route.visits.push_back({node - 1, time});
      time += v.duration;
      at = v.location;
    }
    route.return_time = time + inst.travel(at, 0);
    plan.routes.push_back(route);
  }
  ASSERT_GT(published, 0.0);
  const CheckReport report = check_plan(inst, plan, 1e-6);
  EXPECT_TRUE(report.feasible()) << report.violations.front().detail;
  EXPECT_NEAR(report.objective.travel, published, 0.05);
}

TEST(PlanningCommand, PlansASmallInstanceAsJson) {
  std::ostringstream out, err;
  PlanOptions options;
  options.time_limit_seconds = 0;
  options.iterations = 300;
  const int code =
      run_plan_command(kDir + "/mankowska/InstanzCPLEX_HCSRP_10_1.json", options, out, err);
  EXPECT_EQ(code, 0) << err.str();
  const auto doc = boost::json::parse(out.str()).as_object();
  EXPECT_TRUE(doc.at("feasible").as_bool());
  EXPECT_EQ(doc.at("unserved").as_array().size(), 0U);
  EXPECT_FALSE(doc.at("routes").as_array().empty());
  // Published optimum of this instance (iolab-uniud/hhcrsp): 218.199; no plan can be cheaper.
  EXPECT_GE(doc.at("cost").as_double(), 218.199 - 1e-3);
}

TEST(PlanningCommand, ReportsUnreadableInput) {
  std::ostringstream out, err;
  EXPECT_EQ(run_plan_command("/nonexistent/file.json", PlanOptions{}, out, err), 2);
  EXPECT_NE(err.str().find("cannot open"), std::string::npos);
}

}  // namespace
}  // namespace nara::interop::planning
