// The ward's worklist item while a stay that ends in öppen tvångsvård has no established
// samordnad vårdplan (LPT 7 a §, LRV 12 a §; domain-rules §1.2 row 9; our reading of when it is
// due, docs/discharge.md).
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "domain/discharge/worklist.hpp"

namespace nara::domain::discharge {
namespace {

core::Instant at(const char* text) {
  return core::parse_iso8601(text, "test");
}

Episode compulsory(OutpatientCompulsoryCare care) {
  Episode e;
  e.state = EpisodeState::needs_assessed;
  e.admitted_at = at("2026-11-02T08:00:00+01:00");
  e.needs_assessed_at = at("2026-11-02T09:00:00+01:00");
  e.needs.compulsory_care = care;
  return e;
}

TEST(CarePlanWork, LPT_7a_ListedFromTheAssessmentButNotOverdueWithoutADischargeDay) {
  const auto e = compulsory(OutpatientCompulsoryCare::lpt);
  const auto item = care_plan_work(e, false, at("2026-11-20T09:00:00+01:00"));
  ASSERT_TRUE(item);
  EXPECT_EQ(item->kind, "coordinated_care_plan");
  EXPECT_EQ(item->rule, "LPT 7 a §");
  EXPECT_EQ(item->due, at("2026-11-02T09:00:00+01:00"));
  EXPECT_FALSE(item->overdue);
}

TEST(CarePlanWork, LPT_7a_DueByThePlannedDischargeOrElseWhenReady) {
  auto e = compulsory(OutpatientCompulsoryCare::lrv);
  e.ready_periods.push_back({at("2026-11-10T10:00:00+01:00"), std::nullopt});
  auto item = care_plan_work(e, false, at("2026-11-10T12:00:00+01:00"));
  ASSERT_TRUE(item);
  EXPECT_EQ(item->due, at("2026-11-10T10:00:00+01:00"));
  EXPECT_TRUE(item->overdue);
  EXPECT_EQ(item->rule, "LRV 12 a §");
  e.planned_discharge = at("2026-11-12T14:00:00+01:00");
  item = care_plan_work(e, false, at("2026-11-10T12:00:00+01:00"));
  ASSERT_TRUE(item);
  EXPECT_EQ(item->due, at("2026-11-12T14:00:00+01:00"));
  EXPECT_FALSE(item->overdue);
}

TEST(CarePlanWork, LPT_7a_NoItemOnceEstablishedAfterDischargeOrWithoutCompulsoryCare) {
  auto e = compulsory(OutpatientCompulsoryCare::lpt);
  const auto now = at("2026-11-20T09:00:00+01:00");
  EXPECT_FALSE(care_plan_work(e, true, now));
  e.state = EpisodeState::discharged;
  e.discharged_at = at("2026-11-19T09:00:00+01:00");
  EXPECT_FALSE(care_plan_work(e, false, now));
  EXPECT_FALSE(care_plan_work(compulsory(OutpatientCompulsoryCare::none), false, now));
}

}  // namespace
}  // namespace nara::domain::discharge
