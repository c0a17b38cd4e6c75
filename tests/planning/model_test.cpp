#include "domain/planning/model.hpp"

#include <gtest/gtest.h>

#include "builders.hpp"
#include "domain/planning/travel.hpp"

namespace nara::domain::planning {
namespace {

using testing::base_instance;
using testing::caregiver;
using testing::visit;

TEST(PlanningModel, MayServeNeedsSkillAgreementAndNoExclusion) {
  Instance inst = base_instance({0, 1});
  inst.visits = {visit("a", 1, 0, 100, 10, 0)};
  testing::add_persons(inst);
  inst.caregivers = {caregiver("nurse", {0}), caregiver("carer", {1}), caregiver("other", {0})};
  inst.caregivers[2].principal = 1;  // the municipality's nurse, no joint agreement yet
  EXPECT_TRUE(may_serve(inst, 0, 0));
  EXPECT_FALSE(may_serve(inst, 1, 0));  // wrong skill
  EXPECT_FALSE(may_serve(inst, 2, 0));  // other principal
  inst.caregivers[2].may_serve_principals = {0};
  EXPECT_TRUE(may_serve(inst, 2, 0));
  inst.visits[0].excluded_caregivers = {0};
  EXPECT_FALSE(may_serve(inst, 0, 0));
}

TEST(PlanningModel, ValidateNamesBrokenReferences) {
  Instance inst = base_instance({0, 1});
  inst.visits = {visit("a", 5, 0, 100, 10, 0), visit("b", 1, 50, 10, 10, 7)};
  testing::add_persons(inst);
  inst.caregivers = {caregiver("c", {0})};
  inst.links = {{0, 0, 0, 0}, {0, 1, 5, 1}};
  const auto problems = validate(inst);
  ASSERT_GE(problems.size(), 5U);
  const auto mentions = [&](const std::string& text) {
    for (const auto& p : problems) {
      if (p.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(mentions("location outside"));
  EXPECT_TRUE(mentions("unknown skill"));
  EXPECT_TRUE(mentions("window ends before"));
  EXPECT_TRUE(mentions("linked to itself"));
  EXPECT_TRUE(mentions("minimum gap above"));
  EXPECT_TRUE(mentions("more than one link"));
}

TEST(PlanningModel, ValidAcceptsACleanInstance) {
  Instance inst = base_instance({0, 1, 2});
  inst.visits = {visit("a", 1, 0, 100, 10, 0), visit("b", 2, 0, 100, 10, 1)};
  testing::add_persons(inst);
  inst.caregivers = {caregiver("c", {0, 1}), caregiver("d", {0, 1})};
  inst.links = {{0, 1, 0, 0}};
  EXPECT_TRUE(validate(inst).empty());
  const auto link = link_of_visits(inst);
  EXPECT_EQ(link[0], 0U);
  EXPECT_EQ(link[1], 0U);
}

TEST(PlanningTravel, HaversineMatchesKnownDistance) {
  // Sundsvall to Kramfors, straight line roughly 75 km.
  const GeoPoint sundsvall{62.3908, 17.3069, AreaType::kTown};
  const GeoPoint kramfors{62.9311, 17.7769, AreaType::kTown};
  EXPECT_NEAR(haversine_km(sundsvall, kramfors), 65.0, 10.0);
  EXPECT_DOUBLE_EQ(haversine_km(sundsvall, sundsvall), 0.0);
  // One degree of latitude is about 111.2 km anywhere.
  EXPECT_NEAR(haversine_km({0, 0}, {1, 0}), 111.2, 0.1);
}

TEST(PlanningTravel, RuralRoadsAreFasterAndTheMatrixIsSymmetric) {
  RoadAssumptions roads;
  roads.detour_factor = 1.5;
  roads.town_speed_kmh = 30;
  roads.rural_speed_kmh = 60;
  const GeoPoint a{63.0, 17.0, AreaType::kTown};
  const GeoPoint b{63.1, 17.0, AreaType::kRural};
  const GeoPoint c{63.1, 17.0, AreaType::kTown};
  const double km = haversine_km(a, b) * 1.5;
  EXPECT_NEAR(estimated_minutes(a, c, roads), km / 30.0 * 60.0, 1e-9);
  EXPECT_NEAR(estimated_minutes(a, b, roads), 0.5 * km / 30 * 60 + 0.5 * km / 60 * 60, 1e-9);
  const TravelMatrix m = estimated_travel({a, b, c}, roads);
  EXPECT_DOUBLE_EQ(m(0, 1), m(1, 0));
  EXPECT_DOUBLE_EQ(m(2, 2), 0.0);
}

TEST(PlanningObjective, WeightsAndPrioritiesCombine) {
  ObjectiveWeights w;
  w.travel = 2;
  w.total_tardiness = 3;
  w.max_tardiness = 5;
  w.continuity = 7;
  w.overtime = 11;
  w.unserved_by_priority = {100, 10};
  ObjectiveBreakdown o;
  o.travel = 1;
  o.total_tardiness = 1;
  o.max_tardiness = 1;
  o.new_caregivers = 1;
  o.overtime = 1;
  o.unserved_penalty = unserved_weight(w, 0) + unserved_weight(w, 1) + unserved_weight(w, 9);
  EXPECT_DOUBLE_EQ(o.weighted(w), 2 + 3 + 5 + 7 + 11 + 100 + 10 + 10);
}

}  // namespace
}  // namespace nara::domain::planning
