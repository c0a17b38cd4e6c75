// Issue 4 point 8: the timeline table of kommunens betalningsansvar, Lag (2017:612) 5 kap.
// Every instant is written in Swedish local time with its offset, as a ward would see it.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "domain/discharge/liability.hpp"

namespace nara::domain::discharge {
namespace {

using namespace std::chrono;

core::Instant at(const char* text) {
  return core::parse_iso8601(text, "test");
}
LocalDate day(int y, unsigned m, unsigned d) {
  return year{y} / month{m} / std::chrono::day{d};
}

LiabilityAgreement statutory() {
  LiabilityAgreement a;
  // Test amounts, not Socialstyrelsen's: the amount is data (5:6), so the tests choose it.
  a.amount_per_day_by_year = {{2026, 10'000}, {2027, 11'000}};
  return a;
}

LiabilityFacts episode(const char* notice, const char* discharged) {
  LiabilityFacts f;
  f.admission_notice_in_time = true;
  f.ready_periods.push_back({at(notice), std::nullopt});
  if (discharged) f.discharged_at = at(discharged);
  f.until = at("2027-06-01T00:00:00+02:00");
  return f;
}

struct Timeline {
  const char* name;
  LiabilityFacts facts;
  LiabilityAgreement agreement;
  int liable_days;
  long amount;
};

std::vector<Timeline> timelines() {
  std::vector<Timeline> t;
  t.push_back({"LUS5_4_NoticeBeforeNoonStartsThreeDaysLater",
               episode("2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00"), statutory(), 4,
               40'000});
  t.push_back({"LUS5_4_NoticeAfterNoonStartsFourDaysLater",
               episode("2026-11-02T13:00:00+01:00", "2026-11-09T14:00:00+01:00"), statutory(), 3,
               30'000});
  t.push_back({"LUS5_4_NoticeAtExactlyNoonIsNotAfterNoon",
               episode("2026-11-02T12:00:00+01:00", "2026-11-09T14:00:00+01:00"), statutory(), 4,
               40'000});
  // DST ends on Sunday 25 October 2026: 10:30 UTC on Saturday is 12:30 summer time, after noon.
  t.push_back({"LUS5_4_DstWeekendUsesSwedishLocalTime",
               episode("2026-10-24T10:30:00Z", "2026-10-30T10:00:00+01:00"), statutory(), 2,
               20'000});
  t.push_back({"LUS5_4_DstWeekendBeforeNoonCountsCalendarDays",
               episode("2026-10-24T11:30:00+02:00", "2026-10-30T10:00:00+01:00"), statutory(), 3,
               30'000});
  {
    auto f = episode("2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00");
    f.admission_notice_in_time = false;
    t.push_back({"LUS5_3_1_MissingOrLateAdmissionNoticeMeansNoLiability", f, statutory(), 0, 0});
  }
  {
    auto f = episode("2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00");
    f.sip_required = true;
    f.sip_invitation_in_time = false;
    t.push_back({"LUS5_3_3_LateSipInvitationMeansNoLiability", f, statutory(), 0, 0});
  }
  {
    auto f = episode("2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00");
    f.sip_required = true;
    f.sip_invitation_in_time = true;
    t.push_back({"LUS5_3_3_SipInvitationInTimeKeepsLiability", f, statutory(), 4, 40'000});
  }
  {
    auto f = episode("2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00");
    f.region_not_ready = {{day(2026, 11, 5), day(2026, 11, 6)}};
    t.push_back({"LUS5_5_RegionOutpatientCareNotInPlaceExcludesDays", f, statutory(), 2, 20'000});
  }
  {
    // Ready on Monday, withdrawn on Wednesday (no longer ready), ready again Friday morning.
    auto f = episode("2026-11-02T10:00:00+01:00", "2026-11-12T11:00:00+01:00");
    f.ready_periods.front().withdrawn = at("2026-11-04T09:00:00+01:00");
    f.ready_periods.push_back({at("2026-11-06T10:00:00+01:00"), std::nullopt});
    t.push_back({"LUS5_1_WithdrawnReadyNoticeRestartsTheCount", f, statutory(), 3, 30'000});
  }
  {
    auto f = episode("2026-11-02T10:00:00+01:00", nullptr);
    f.until = at("2026-11-07T08:00:00+01:00");
    t.push_back({"LUS5_1_StillInHospitalCountsUpToToday", f, statutory(), 3, 30'000});
  }
  {
    auto a = statutory();
    a.name = "Lokal överenskommelse (test)";
    a.offset_days = 2;
    a.noon_rule = false;
    a.count_discharge_day = true;
    t.push_back({"LUS4_5_LocalAgreementChangesOffsetNoonAndDischargeDay",
                 episode("2026-11-02T15:00:00+01:00", "2026-11-09T14:00:00+01:00"), a, 6, 60'000});
  }
  t.push_back({"LUS5_6_AmountFollowsTheYearOfEachDay",
               episode("2026-12-28T09:00:00+01:00", "2027-01-03T10:00:00+01:00"), statutory(), 3,
               10'000 + 2 * 11'000});
  return t;
}

TEST(DischargeLiability, TimelineTable) {
  for (const auto& t : timelines()) {
    SCOPED_TRACE(t.name);
    const auto result = compute_liability(t.facts, t.agreement);
    EXPECT_EQ(result.liable_days, t.liable_days);
    EXPECT_EQ(result.total_amount, t.amount);
    EXPECT_TRUE(result.problems.empty());
    for (const auto& d : result.days) EXPECT_FALSE(d.reason.empty());  // every day explains itself
  }
}

TEST(DischargeLiability, LUS5_4_StartDateAcrossNoon) {
  const auto a = statutory();
  EXPECT_EQ(liability_start(at("2026-11-02T11:59:59+01:00"), a), day(2026, 11, 5));
  EXPECT_EQ(liability_start(at("2026-11-02T12:00:01+01:00"), a), day(2026, 11, 6));
}

TEST(DischargeLiability, LUS5_6_AYearWithoutAnAmountIsReportedNotZeroed) {
  auto a = statutory();
  a.amount_per_day_by_year = {{2025, 9'000}};
  const auto result =
      compute_liability(episode("2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00"), a);
  EXPECT_EQ(result.liable_days, 4);
  EXPECT_FALSE(result.problems.empty());
}

TEST(DischargeLiability, LUS5_1_NoReadyNoticeNoLiability) {
  LiabilityFacts f;
  f.admission_notice_in_time = true;
  f.until = at("2026-11-09T00:00:00+01:00");
  EXPECT_EQ(compute_liability(f, statutory()).liable_days, 0);
}

TEST(DischargeLiability, LUS5_2_PlacingMunicipalityPays) {
  EXPECT_EQ(liable_municipality("2281", std::nullopt), "2281");
  EXPECT_EQ(liable_municipality("2281", std::string("2282")), "2282");
}

TEST(DischargeLiability, EachDayCarriesItsStatus) {
  auto f = episode("2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00");
  f.region_not_ready = {{day(2026, 11, 6), day(2026, 11, 6)}};
  const auto result = compute_liability(f, statutory());
  ASSERT_EQ(result.days.size(), 8U);  // 2–9 November
  EXPECT_EQ(result.days[0].status, DayStatus::before_start);
  EXPECT_EQ(result.days[3].status, DayStatus::liable);
  EXPECT_EQ(result.days[4].status, DayStatus::region_not_ready);
  EXPECT_EQ(result.days[7].status, DayStatus::discharge_day);
}

}  // namespace
}  // namespace nara::domain::discharge
