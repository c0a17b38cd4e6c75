// Issue 4 point 8: the timeline table of kommunens betalningsansvar, Lag (2017:612) 5 kap.
// Every instant is written in Swedish local time with its offset, as a ward would see it.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/stockholm_time.hpp"
#include "domain/discharge/liability.hpp"
#include "domain/discharge/worklist.hpp"

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
  EXPECT_EQ(liability_start(at("2026-11-02T11:59:59+01:00"), a).date, day(2026, 11, 5));
  EXPECT_EQ(liability_start(at("2026-11-02T12:00:01+01:00"), a).date, day(2026, 11, 6));
}

LiabilityFacts psychiatric(const char* notice, const char* discharged) {
  auto f = episode(notice, discharged);
  f.care_setting = CareSetting::psychiatric;
  return f;
}

TEST(DischargeLiability, LUS5_4_PsychiatricInpatientCareCountsLikeSomaticCareFrom2019) {
  const auto a = statutory();
  const auto somatic =
      compute_liability(episode("2026-11-02T13:00:00+01:00", "2026-11-09T14:00:00+01:00"), a);
  const auto psych =
      compute_liability(psychiatric("2026-11-02T13:00:00+01:00", "2026-11-09T14:00:00+01:00"), a);
  EXPECT_EQ(psych.start, day(2026, 11, 6));  // four days: sent after noon
  EXPECT_EQ(psych.start, somatic.start);
  EXPECT_EQ(psych.liable_days, somatic.liable_days);
  EXPECT_EQ(liability_start(at("2026-11-02T13:00:00+01:00"), a, CareSetting::psychiatric).rule,
            "5 kap. 4 §");
}

TEST(DischargeLiability, Prop2017_18_12_PsychiatricNoticeSentIn2018StartsLiability30DaysLater) {
  auto a = statutory();
  a.amount_per_day_by_year[2018] = 4'000;  // a test amount: none is recorded for 2018
  // Sent after noon on 1 March 2018: 30 days whatever the hour (the transitional rule has no
  // noon rule), so from 31 March; a somatic ward's patient from 5 March (5 kap. 4 §).
  const auto start = liability_start(at("2018-03-01T15:00:00+01:00"), a, CareSetting::psychiatric);
  EXPECT_EQ(start.date, day(2018, 3, 31));
  EXPECT_NE(start.rule.find("prop. 2017/18:12"), std::string::npos);
  EXPECT_EQ(liability_start(at("2018-03-01T15:00:00+01:00"), a).date, day(2018, 3, 5));
  const auto result =
      compute_liability(psychiatric("2018-03-01T15:00:00+01:00", "2018-04-03T10:00:00+02:00"), a);
  EXPECT_EQ(result.liable_days, 3);  // 31 March, 1 and 2 April; not the discharge day
  EXPECT_EQ(result.total_amount, 12'000);
  const auto& waiting = result.days.front();
  EXPECT_EQ(waiting.status, DayStatus::before_start);
  EXPECT_NE(waiting.reason.find("övergångsbestämmelse 2018"), std::string::npos);
  // A notice sent on the last day of 2018 is still one sent during 2018.
  EXPECT_EQ(liability_start(at("2018-12-31T09:00:00+01:00"), a, CareSetting::psychiatric).date,
            day(2019, 1, 30));
  // From 2019 the statute's three days apply to psychiatric care too.
  EXPECT_EQ(liability_start(at("2019-01-01T09:00:00+01:00"), a, CareSetting::psychiatric).date,
            day(2019, 1, 4));
}

TEST(DischargeLiability, LUS4_5_AgreementsPsychiatricDaysApplyToPsychiatricWardsOnly) {
  // [S] Region Stockholm's routine (domain-rules §1.5): somatic care after 2 days with day 0
  // counted, psychiatric heldygnsvård after 5 kalenderdagar.
  AgreementTerms t;
  t.id = "sthlm";
  t.name = "Stockholm";
  t.valid_from = day(2018, 1, 1);
  t.offset_days = 3;
  t.count_day0 = true;
  t.noon_rule = true;
  t.psychiatric_offset_days = 5;
  const auto a = effective_agreement(&t, {{2026, 10'000}});
  EXPECT_EQ(a.psychiatric_offset_days, std::optional<int>(5));
  // Sent before noon on 2 November: somatic from the 4th (days 0, 1 free), psychiatric from the
  // 6th (days 0–3 free), both by the agreement's day 0 and noon terms.
  EXPECT_EQ(liability_start(at("2026-11-02T10:00:00+01:00"), a).date, day(2026, 11, 4));
  const auto psych = liability_start(at("2026-11-02T10:00:00+01:00"), a, CareSetting::psychiatric);
  EXPECT_EQ(psych.date, day(2026, 11, 6));
  EXPECT_NE(psych.rule.find("psykiatrisk"), std::string::npos);
  // The agreement's days replace the 2018 transitional rule ("om inte annat överenskommits").
  EXPECT_EQ(liability_start(at("2018-03-01T10:00:00+01:00"), a, CareSetting::psychiatric).date,
            day(2018, 3, 5));
  // Without psychiatric days of its own, the agreement counts psychiatric care as somatic.
  t.psychiatric_offset_days.reset();
  const auto general = effective_agreement(&t, {{2026, 10'000}});
  EXPECT_EQ(
      liability_start(at("2026-11-02T10:00:00+01:00"), general, CareSetting::psychiatric).date,
      day(2026, 11, 4));
}

TEST(DischargeLiability, LUS5_4_MunicipalityWorklistShowsThePsychiatricStartDay) {
  Episode e;
  e.state = EpisodeState::ready;
  e.admitted_at = at("2018-02-20T08:00:00+01:00");
  e.ready_periods.push_back({at("2018-03-01T15:00:00+01:00"), std::nullopt});
  const auto now = at("2018-03-02T08:00:00+01:00");
  const auto liability_item = [&](CareSetting setting) {
    for (const auto& item : open_work(e, Party::municipality, now, statutory(), setting)) {
      if (item.kind == "payment_liability_start") return item;
    }
    ADD_FAILURE() << "no payment_liability_start item";
    return WorkItem{};
  };
  const auto somatic = liability_item(CareSetting::somatic);
  EXPECT_EQ(core::stockholm::local_date(somatic.due), day(2018, 3, 5));
  const auto psych = liability_item(CareSetting::psychiatric);
  EXPECT_EQ(core::stockholm::local_date(psych.due), day(2018, 3, 31));
  EXPECT_NE(psych.rule.find("prop. 2017/18:12"), std::string::npos) << psych.rule;
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

AgreementTerms terms(const char* id, std::optional<std::string> municipality, LocalDate from,
                     std::optional<LocalDate> to) {
  AgreementTerms t;
  t.id = id;
  t.name = id;
  t.municipality_code = std::move(municipality);
  t.valid_from = from;
  t.valid_to = to;
  return t;
}

TEST(DischargeLiability, LUS4_5_AgreementInForceByMunicipalityAndValidityPeriod) {
  std::vector<AgreementTerms> all{
      terms("region-2025", std::nullopt, day(2025, 1, 1), day(2025, 12, 31)),
      terms("region-2026", std::nullopt, day(2026, 1, 1), std::nullopt),
      terms("kramfors-2026", std::string("2282"), day(2026, 3, 1), day(2026, 6, 30))};
  EXPECT_EQ(agreement_in_force(all, "2282", day(2024, 12, 31)), nullptr);  // the statute alone
  EXPECT_EQ(agreement_in_force(all, "2282", day(2025, 6, 1))->id, "region-2025");
  EXPECT_EQ(agreement_in_force(all, "2282", day(2026, 2, 28))->id, "region-2026");
  EXPECT_EQ(agreement_in_force(all, "2282", day(2026, 3, 1))->id, "kramfors-2026");
  EXPECT_EQ(agreement_in_force(all, "2282", day(2026, 6, 30))->id, "kramfors-2026");
  EXPECT_EQ(agreement_in_force(all, "2282", day(2026, 7, 1))->id, "region-2026");
  EXPECT_EQ(agreement_in_force(all, "2283", day(2026, 4, 1))->id, "region-2026");
  // 5:2: the placing municipality's agreement applies, since it is the one that pays.
  EXPECT_EQ(
      agreement_in_force(all, liable_municipality("2283", std::string("2282")), day(2026, 4, 1))
          ->id,
      "kramfors-2026");
}

TEST(DischargeLiability, LUS4_5_LocalAgreementFallsBackToTheStatuteForWhatItLeavesOut) {
  const std::map<int, long> statutory{{2026, 10'000}, {2027, 11'000}};
  EXPECT_EQ(effective_agreement(nullptr, statutory).offset_days, 3);
  auto t = terms("local", std::nullopt, day(2026, 1, 1), std::nullopt);
  t.noon_rule = false;
  t.amount_per_day_by_year = {{2027, 12'000}};
  const auto a = effective_agreement(&t, statutory);
  EXPECT_EQ(a.id, std::optional<std::string>("local"));
  EXPECT_EQ(a.offset_days, 3);  // the statute's
  EXPECT_FALSE(a.noon_rule);    // the agreement's
  EXPECT_FALSE(a.count_discharge_day);
  EXPECT_EQ(a.amount_per_day_by_year.at(2026), 10'000);  // Socialstyrelsen's amount (5:6)
  EXPECT_EQ(a.amount_per_day_by_year.at(2027), 12'000);  // the agreed amount
}

TEST(DischargeLiability, LUS4_5_AgreementCountingDay0StartsOneDayEarlier) {
  auto t = terms("dag 0", std::nullopt, day(2026, 1, 1), std::nullopt);
  t.count_day0 = true;
  t.noon_rule = false;
  const auto a = effective_agreement(&t, {{2026, 10'000}});
  // Notice on Monday 2 November after noon: days 0, 1, 2 are free, liability from the 4th.
  EXPECT_EQ(liability_start(at("2026-11-02T15:00:00+01:00"), a).date, day(2026, 11, 4));
  const auto result =
      compute_liability(episode("2026-11-02T15:00:00+01:00", "2026-11-09T14:00:00+01:00"), a);
  EXPECT_EQ(result.liable_days, 5);  // 4–8 November
  EXPECT_EQ(result.total_amount, 50'000);
}

std::pair<std::string, LiabilityFacts> discharged(const char* id, const char* notice,
                                                  const char* discharge) {
  return {id, episode(notice, discharge)};
}

LiabilityAgreement average_of(int threshold) {
  auto t = terms("Snittmodell (test)", std::string("2282"), day(2026, 1, 1), std::nullopt);
  t.model = LiabilityModel::monthly_average;
  t.average_threshold_days = threshold;
  return effective_agreement(&t, {{2026, 10'000}});
}

TEST(DischargeLiability, LUS4_5_MonthlyAverageModelTable) {
  struct Row {
    const char* name;
    std::vector<std::pair<std::string, LiabilityFacts>> episodes;
    int threshold;
    int counted;
    int ready_days;
    int liable_days;
    long amount;
  };
  auto late_notice = discharged("E", "2026-11-12T10:00:00+01:00", "2026-11-20T10:00:00+01:00");
  late_notice.second.admission_notice_in_time = false;
  auto exception = discharged("A", "2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00");
  exception.second.region_not_ready = {{day(2026, 11, 5), day(2026, 11, 6)}};
  const std::vector<Row> table{
      // Day 0 counted, the discharge day not: A 2–8 Nov = 7, B discharged on day 0 = 0 (but
      // counted in the average), C 20–23 Nov = 4; Σ 11 − 3 × 3 = 2 liable days.
      {"ThreeEpisodesOverTheAverage",
       {discharged("A", "2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00"),
        discharged("B", "2026-11-10T09:00:00+01:00", "2026-11-10T16:00:00+01:00"),
        discharged("C", "2026-11-20T15:00:00+01:00", "2026-11-24T11:00:00+01:00")},
       3,
       3,
       11,
       2,
       20'000},
      {"UnderTheAverageNothingIsLiable",
       {discharged("A", "2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00"),
        discharged("B", "2026-11-10T09:00:00+01:00", "2026-11-10T16:00:00+01:00")},
       4,
       2,
       7,
       0,
       0},
      // Discharged in December: another month's average.
      {"OnlyEpisodesDischargedThatMonth",
       {discharged("A", "2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00"),
        discharged("D", "2026-11-28T10:00:00+01:00", "2026-12-02T10:00:00+01:00")},
       3,
       1,
       7,
       4,
       40'000},
      // 5:3 p.1: no liability, so not part of the average either.
      {"LUS5_3_EpisodeWithoutPreconditionsIsNotCounted",
       {discharged("A", "2026-11-02T10:00:00+01:00", "2026-11-09T14:00:00+01:00"), late_notice},
       3,
       1,
       7,
       4,
       40'000},
      // 5:5: the two days the region's outpatient care was not in place are not ready days.
      {"LUS5_5_ExceptionDaysAreNotReadyDays", {exception}, 3, 1, 5, 2, 20'000},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    const auto r =
        monthly_average_liability(row.episodes, year{2026} / month{11}, average_of(row.threshold));
    EXPECT_EQ(r.episodes_counted, row.counted);
    EXPECT_EQ(r.ready_days, row.ready_days);
    EXPECT_EQ(r.allowed_days, row.threshold * row.counted);
    EXPECT_EQ(r.liable_days, row.liable_days);
    EXPECT_EQ(r.amount, row.amount);
    EXPECT_TRUE(r.problems.empty());
    for (const auto& e : r.episodes) EXPECT_FALSE(e.reason.empty());
  }
}

TEST(DischargeLiability, LUS5_1_MonthlyAverageSkipsWithdrawnDays) {
  auto f = episode("2026-11-02T10:00:00+01:00", "2026-11-12T11:00:00+01:00");
  f.ready_periods.front().withdrawn = at("2026-11-04T09:00:00+01:00");
  f.ready_periods.push_back({at("2026-11-06T10:00:00+01:00"), std::nullopt});
  // 2–3 Nov, then 6–11 Nov: 2 + 6 days.
  EXPECT_EQ(average_ready_days(f, average_of(3)), 8);
}

TEST(DischargeLiability, LUS5_6_MonthlyAverageWithoutAnAmountIsAProblem) {
  const auto r = monthly_average_liability(
      {discharged("A", "2026-11-02T10:00:00+01:00", "2026-11-12T14:00:00+01:00")},
      year{2025} / month{11}, average_of(3));
  EXPECT_EQ(r.episodes_counted, 0);  // discharged in 2026, not in November 2025
  auto late = average_of(3);
  late.amount_per_day_by_year.clear();
  const auto r2 = monthly_average_liability(
      {discharged("A", "2026-11-02T10:00:00+01:00", "2026-11-12T14:00:00+01:00")},
      year{2026} / month{11}, late);
  EXPECT_EQ(r2.liable_days, 7);
  EXPECT_EQ(r2.amount, 0);
  EXPECT_FALSE(r2.problems.empty());
}

}  // namespace
}  // namespace nara::domain::discharge
