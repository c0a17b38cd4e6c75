// Issue 19: the indicators read from inpatient episodes — days ready for discharge (SKR), discharge
// within the offset (2017:612 5 kap. 4 §), liability sums, the statutory clocks and readmissions
// (Socialstyrelsen). Each expectation's arithmetic is written next to it.
#include <gtest/gtest.h>

#include "domain/indicators/indicators.hpp"
#include "indicators_test_support.hpp"

namespace nara::domain::indicators {
namespace {

using test::at;
using test::cell;
using test::cohort;
using test::episode;
using test::month;
using test::query;

constexpr Month kMarch = month(2026, 3);

TEST(Indicators, Section4_3_SkrReadyDays_NoticeDayIsDayZeroAndSameDayDischargeIsZeroDays) {
  Facts facts;
  // Notice 2 March, discharged 5 March: 3, 4, 5 March = 3 days.
  facts.episodes.push_back(episode("e1", "p1", "2026-02-27T08:00:00+01:00",
                                   "2026-03-02T10:00:00+01:00", "2026-03-05T09:00:00+01:00"));
  // Notice and discharge on 10 March: 0 days, so not among the episodes with ≥ 1 ready day.
  facts.episodes.push_back(episode("e2", "p2", "2026-03-08T08:00:00+01:00",
                                   "2026-03-10T08:00:00+01:00", "2026-03-10T15:00:00+01:00"));
  // Discharged on the day after the notice, 20 minutes later: 1 day.
  facts.episodes.push_back(episode("e3", "p3", "2026-03-08T08:00:00+01:00",
                                   "2026-03-11T23:50:00+01:00", "2026-03-12T00:10:00+01:00"));
  const auto all = compute(facts, query(kMarch, kMarch, {"ready_days_mean"}));
  const Cell mean = cell(all, "ready_days_mean", Level::county, "", kMarch);
  // (3 + 1) / 2 episodes = 2.
  EXPECT_EQ(mean.count, 2);
  EXPECT_DOUBLE_EQ(mean.numerator, 4);
  EXPECT_DOUBLE_EQ(mean.denominator, 2);
  EXPECT_DOUBLE_EQ(*mean.value, 2.0);
}

TEST(Indicators, Section4_3_SkrReadyDays_AreStockholmCalendarDaysAcrossDaylightSavingChanges) {
  Facts facts;
  // Spring: 28 March 23:30 CET to 30 March 00:30 CEST is 24 hours but two calendar days.
  facts.episodes.push_back(episode("spring", "p1", "2026-03-20T08:00:00+01:00",
                                   "2026-03-28T23:30:00+01:00", "2026-03-30T00:30:00+02:00"));
  // Autumn: 25 October 00:30 CEST (24 October in UTC) to 26 October 23:30 CET: one calendar day,
  // though the UTC dates differ by two.
  facts.episodes.push_back(episode("autumn", "p2", "2026-10-20T08:00:00+02:00",
                                   "2026-10-25T00:30:00+02:00", "2026-10-26T23:30:00+01:00"));
  const auto all = compute(facts, query(kMarch, month(2026, 10), {"ready_days_mean"}));
  EXPECT_DOUBLE_EQ(*cell(all, "ready_days_mean", Level::county, "", kMarch).value, 2.0);
  EXPECT_DOUBLE_EQ(*cell(all, "ready_days_mean", Level::county, "", month(2026, 10)).value, 1.0);
}

TEST(Indicators, Section4_3_SkrReadyDays_WithdrawnNoticeCountsFromTheNoticeInForce) {
  Facts facts;
  auto e = episode("e1", "p1", "2026-03-01T08:00:00+01:00", "2026-03-02T10:00:00+01:00",
                   "2026-03-10T10:00:00+01:00");
  e.episode.ready_periods.front().withdrawn = at("2026-03-03T10:00:00+01:00");
  e.episode.ready_periods.push_back({at("2026-03-07T10:00:00+01:00"), std::nullopt});
  facts.episodes.push_back(e);
  const auto all = compute(facts, query(kMarch, kMarch, {"ready_days_mean"}));
  // From 7 March (the notice in force) to 10 March = 3 days, not 8 from the first notice.
  EXPECT_DOUBLE_EQ(*cell(all, "ready_days_mean", Level::county, "", kMarch).value, 3.0);
}

TEST(Indicators, Section4_3_SkrReadyDaysPer1000_AllAgesOverInhabitants65PlusOnTheFirstDay) {
  Facts facts;
  facts.population = {
      cohort("2281", month(1950, 1), 2000),                 // 76: counted
      cohort("2281", month(1961, 3), 500),                  // turns 65 during March 2026
      cohort("2281", month(1940, 1), 100, month(2026, 3)),  // died in March 2026
      cohort("2262", month(1955, 6), 1000),                 // 70: counted
      cohort("2262", month(1990, 1), 9000),                 // 36: never counted
  };
  auto young = episode("e2", "p2", "2026-03-01T08:00:00+01:00", "2026-03-05T10:00:00+01:00",
                       "2026-03-10T10:00:00+01:00", "ward-1", "2262");
  young.age_at_admission = 40;  // all ages in the numerator (SKR from 2017)
  facts.episodes = {episode("e1", "p1", "2026-03-01T08:00:00+01:00", "2026-03-02T10:00:00+01:00",
                            "2026-03-05T10:00:00+01:00"),
                    young};
  const auto all =
      compute(facts, query(month(2026, 2), month(2026, 4), {"ready_days_per_1000_65"}));
  const std::string id = "ready_days_per_1000_65";
  // March, 2281: 3 days × 1000 / 2000 inhabitants (500 not yet 65, 100 died in March) = 1.5.
  const Cell sundsvall = cell(all, id, Level::municipality, "2281", kMarch);
  EXPECT_DOUBLE_EQ(sundsvall.denominator, 2000);
  EXPECT_DOUBLE_EQ(*sundsvall.value, 1.5);
  // 2262: 5 days × 1000 / 1000 = 5.
  EXPECT_DOUBLE_EQ(*cell(all, id, Level::municipality, "2262", kMarch).value, 5.0);
  // County: 8 × 1000 / 3000.
  EXPECT_DOUBLE_EQ(*cell(all, id, Level::county, "", kMarch).value, 8000.0 / 3000.0);
  // The ward's rate has the county's inhabitants: 8 × 1000 / 3000 too.
  EXPECT_DOUBLE_EQ(*cell(all, id, Level::unit, "ward-1", kMarch).value, 8000.0 / 3000.0);
  // February: 2000 + 100 (still alive) = 2100; no discharges, so 0 (a sum with a population).
  const Cell february = cell(all, id, Level::municipality, "2281", month(2026, 2));
  EXPECT_DOUBLE_EQ(february.denominator, 2100);
  EXPECT_DOUBLE_EQ(*february.value, 0.0);
  // April: 2000 + 500 (65 since March) = 2500.
  EXPECT_DOUBLE_EQ(cell(all, id, Level::municipality, "2281", month(2026, 4)).denominator, 2500);
}

TEST(Indicators, Section4_3_ReadyDaysMedian_MiddleValueOrMeanOfTheTwoMiddle) {
  Facts facts;
  const char* discharges[] = {"2026-03-11T10:00:00+01:00", "2026-03-12T10:00:00+01:00",
                              "2026-03-20T10:00:00+01:00"};
  int n = 0;
  for (const char* discharged : discharges) {
    facts.episodes.push_back(episode("e" + std::to_string(++n), "p", "2026-03-01T08:00:00+01:00",
                                     "2026-03-10T10:00:00+01:00", discharged));
  }
  // Days 1, 2, 10: the median is 2 (the mean would be 4.33).
  auto all = compute(facts, query(kMarch, kMarch, {"ready_days_median"}));
  EXPECT_DOUBLE_EQ(*cell(all, "ready_days_median", Level::county, "", kMarch).value, 2.0);
  facts.episodes.push_back(episode("e4", "p", "2026-03-01T08:00:00+01:00",
                                   "2026-03-10T10:00:00+01:00", "2026-03-14T10:00:00+01:00"));
  // Days 1, 2, 4, 10: (2 + 4) / 2 = 3.
  all = compute(facts, query(kMarch, kMarch, {"ready_days_median"}));
  const Cell median = cell(all, "ready_days_median", Level::county, "", kMarch);
  EXPECT_DOUBLE_EQ(*median.value, 3.0);
  EXPECT_EQ(median.count, 4);
}

TEST(Indicators, LUS5_4_DischargedWithinOffset_NoonRuleAddsADayStrictlyAfterTwelve) {
  Facts facts;
  // Offset 3. Before noon, 3 days: in time (3 ≤ 3).
  facts.episodes.push_back(episode("a", "p1", "2026-03-01T08:00:00+01:00",
                                   "2026-03-02T11:59:59+01:00", "2026-03-05T10:00:00+01:00"));
  // After noon, 4 days: in time (4 ≤ 3 + 1).
  facts.episodes.push_back(episode("b", "p2", "2026-03-01T08:00:00+01:00",
                                   "2026-03-02T12:00:01+01:00", "2026-03-06T10:00:00+01:00"));
  // Before noon, 4 days: late.
  facts.episodes.push_back(episode("c", "p3", "2026-03-01T08:00:00+01:00",
                                   "2026-03-02T10:00:00+01:00", "2026-03-06T10:00:00+01:00"));
  // Exactly 12:00:00 is not after noon (core::stockholm::is_after_noon), 4 days: late.
  facts.episodes.push_back(episode("d", "p4", "2026-03-01T08:00:00+01:00",
                                   "2026-03-02T12:00:00+01:00", "2026-03-06T10:00:00+01:00"));
  // No ready notice: not in the denominator.
  facts.episodes.push_back(
      episode("e", "p5", "2026-03-01T08:00:00+01:00", nullptr, "2026-03-06T10:00:00+01:00"));
  const auto all = compute(facts, query(kMarch, kMarch, {"discharged_within_offset_share"}));
  const Cell share = cell(all, "discharged_within_offset_share", Level::county, "", kMarch);
  // 2 in time of 4 with a notice.
  EXPECT_DOUBLE_EQ(share.numerator, 2);
  EXPECT_DOUBLE_EQ(share.denominator, 4);
  EXPECT_DOUBLE_EQ(*share.value, 0.5);
}

TEST(Indicators, LUS5_4_DischargedWithinOffset_UsesTheAgreementsOffsetDays) {
  Facts facts;
  auto e = episode("a", "p1", "2026-03-01T08:00:00+01:00", "2026-03-02T10:00:00+01:00",
                   "2026-03-04T10:00:00+01:00");
  e.offset_days = 1;  // a local agreement's 1 day: 2 days is late
  facts.episodes.push_back(e);
  const auto all = compute(facts, query(kMarch, kMarch, {"discharged_within_offset_share"}));
  EXPECT_DOUBLE_EQ(*cell(all, "discharged_within_offset_share", Level::county, "", kMarch).value,
                   0.0);
}

TEST(Indicators, LUS5_1_LiabilitySums_DaysAndKronorOfEpisodesWithLiabilityByDischargeMonth) {
  Facts facts;
  auto a = episode("a", "p1", "2026-03-01T08:00:00+01:00", "2026-03-02T10:00:00+01:00",
                   "2026-03-08T10:00:00+01:00");
  a.liability_days = 2;
  a.liability_amount = 18600;
  auto b = a;
  b.id = "b";
  b.liability_days = 5;
  b.liability_amount = 46500;
  auto none = a;
  none.id = "none";
  none.liability_days = 0;
  none.liability_amount = 0;
  facts.episodes = {a, b, none};
  const auto all =
      compute(facts, query(kMarch, month(2026, 4), {"liability_days", "liability_amount"}));
  // 2 + 5 = 7 days over 2 episodes; 18 600 + 46 500 = 65 100 kr.
  const Cell days = cell(all, "liability_days", Level::municipality, "2281", kMarch);
  EXPECT_DOUBLE_EQ(*days.value, 7);
  EXPECT_EQ(days.count, 2);
  EXPECT_DOUBLE_EQ(*cell(all, "liability_amount", Level::unit, "ward-1", kMarch).value, 65100);
  // April: no discharges, a sum of nothing is 0 (not none).
  EXPECT_DOUBLE_EQ(*cell(all, "liability_days", Level::county, "", month(2026, 4)).value, 0);
}

// An episode with needs from both principals assessed at admission.
EpisodeFact assessed(const std::string& id, const char* admitted) {
  auto e = episode(id, "p-" + id, admitted, nullptr, nullptr);
  e.episode.needs_assessed_at = at(admitted);
  e.episode.needs = discharge::Needs{true, true, true};
  e.health_centre_unit_id = "hc-1";
  return e;
}

TEST(Indicators, LUS2_1_AdmissionNotice24h_NotYetDueIsLeftOutUntilAsOf) {
  Facts facts;
  auto in_time = assessed("in", "2026-03-01T09:00:00+01:00");
  in_time.episode.admission_notice_sent_at = at("2026-03-02T08:59:00+01:00");  // due 2 Mar 09:00
  auto late = assessed("late", "2026-03-01T09:00:00+01:00");
  late.episode.admission_notice_sent_at = at("2026-03-02T09:01:00+01:00");
  auto open = assessed("open", "2026-03-03T10:00:00+01:00");  // due 4 Mar 10:00, not sent
  auto no_needs = episode("none", "p9", "2026-03-03T10:00:00+01:00", nullptr, nullptr);
  auto cancelled = assessed("cancelled", "2026-03-03T10:00:00+01:00");
  cancelled.episode.state = discharge::EpisodeState::cancelled;
  facts.episodes = {in_time, late, open, no_needs, cancelled};

  Parameters parameters;
  parameters.as_of = at("2026-03-04T08:00:00+01:00");
  auto all = compute(facts, query(kMarch, kMarch, {"admission_notice_24h_share"}, parameters));
  // As of 4 March 08:00 the open clock is not due: 1 in time of 2.
  Cell share = cell(all, "admission_notice_24h_share", Level::unit, "ward-1", kMarch);
  EXPECT_DOUBLE_EQ(share.denominator, 2);
  EXPECT_DOUBLE_EQ(*share.value, 0.5);
  // Without as_of every clock is closed: the open one is overdue, 1 of 3.
  all = compute(facts, query(kMarch, kMarch, {"admission_notice_24h_share"}));
  share = cell(all, "admission_notice_24h_share", Level::county, "", kMarch);
  EXPECT_DOUBLE_EQ(share.denominator, 3);
  EXPECT_DOUBLE_EQ(*share.value, 1.0 / 3.0);
}

TEST(Indicators, LUS4_3_SipInvitation3Days_ByTheHealthCentreInTheNoticeMonth) {
  Facts facts;
  auto in_time = assessed("in", "2026-02-20T09:00:00+01:00");
  in_time.episode.admission_notice_sent_at = at("2026-02-20T10:00:00+01:00");
  in_time.episode.ready_periods.push_back({at("2026-03-02T10:00:00+01:00"), std::nullopt});
  in_time.episode.sip_invitation_sent_at = at("2026-03-05T23:59:00+01:00");  // day 3, in time
  auto late = in_time;
  late.id = "late";
  late.episode.sip_invitation_sent_at = at("2026-03-06T00:01:00+01:00");  // day 4
  auto february = in_time;
  february.id = "feb";
  february.episode.ready_periods = {{at("2026-02-27T10:00:00+01:00"), std::nullopt}};
  facts.episodes = {in_time, late, february};
  const auto all = compute(facts, query(kMarch, kMarch, {"sip_invitation_3_days_share"}));
  const Cell share = cell(all, "sip_invitation_3_days_share", Level::unit, "hc-1", kMarch);
  // The February notice's clock is in February: 1 in time of 2 in March.
  EXPECT_DOUBLE_EQ(share.denominator, 2);
  EXPECT_DOUBLE_EQ(*share.value, 0.5);
  EXPECT_EQ(test::find_series(all, "sip_invitation_3_days_share", Level::unit, "ward-1"), nullptr);
}

TEST(Indicators, LUS2_5_NamedContactBeforeDischarge_EpisodesWithAHealthCentreNotified) {
  Facts facts;
  auto appointed = assessed("a", "2026-03-01T09:00:00+01:00");
  appointed.episode.admission_notice_sent_at = at("2026-03-01T10:00:00+01:00");
  appointed.episode.named_contact_appointed_at = at("2026-03-05T10:00:00+01:00");
  appointed.episode.discharged_at = at("2026-03-06T10:00:00+01:00");
  appointed.episode.state = discharge::EpisodeState::discharged;
  auto missing = appointed;
  missing.id = "m";
  missing.episode.named_contact_appointed_at.reset();
  auto after = appointed;
  after.id = "after";
  after.episode.named_contact_appointed_at = at("2026-03-06T10:00:01+01:00");
  auto no_health_centre = appointed;
  no_health_centre.id = "x";
  no_health_centre.health_centre_unit_id.clear();
  facts.episodes = {appointed, missing, after, no_health_centre};
  const auto all = compute(facts, query(kMarch, kMarch, {"named_contact_before_discharge_share"}));
  const Cell share = cell(all, "named_contact_before_discharge_share", Level::county, "", kMarch);
  // 1 appointed by discharge of 3 with a health centre notified.
  EXPECT_DOUBLE_EQ(share.denominator, 3);
  EXPECT_DOUBLE_EQ(*share.value, 1.0 / 3.0);
}

TEST(Indicators, LUS2_1_ImportedStays_HaveNoStatutoryClocksButAreIndexStaysForReadmission) {
  Facts facts;
  // A stay Nära ran: notice sent late, so 0 of 1 in time.
  auto run_here = assessed("here", "2026-03-01T09:00:00+01:00");
  run_here.episode.admission_notice_sent_at = at("2026-03-02T09:01:00+01:00");
  // An imported stay of another person: assessed, no notice ever sent in Nära, discharged and
  // readmitted acutely 5 days later.
  auto imported = assessed("imported", "2026-03-01T09:00:00+01:00");
  imported.person_id = "p-imported";
  imported.imported = true;
  imported.episode.state = discharge::EpisodeState::discharged;
  imported.episode.discharged_at = at("2026-03-05T10:00:00+01:00");
  auto again = episode("again", "p-imported", "2026-03-10T08:00:00+01:00", nullptr, nullptr);
  again.imported = true;
  facts.episodes = {run_here, imported, again};
  const auto all =
      compute(facts, query(kMarch, kMarch, {"admission_notice_24h_share", "readmission_30d_65"}));
  // Only the stay run here has a clock: 0 in time of 1 (with the imported one, 0 of 3).
  const Cell notice = cell(all, "admission_notice_24h_share", Level::county, "", kMarch);
  EXPECT_DOUBLE_EQ(notice.denominator, 1);
  EXPECT_DOUBLE_EQ(*notice.value, 0.0);
  // The imported discharge is an index stay, and its readmission counts: 1 of 1.
  const Cell readmitted = cell(all, "readmission_30d_65", Level::county, "", kMarch);
  EXPECT_DOUBLE_EQ(readmitted.denominator, 1);
  EXPECT_DOUBLE_EQ(*readmitted.value, 1.0);
}

TEST(Indicators, Section4_3_Readmission30d_ExactlyDay30CountsDay31DoesNot) {
  Facts facts;
  // p1: discharged 1 March, acute readmission 31 March (across the spring change): day 30.
  facts.episodes.push_back(
      episode("p1-index", "p1", "2026-02-20T08:00:00+01:00", nullptr, "2026-03-01T10:00:00+01:00"));
  facts.episodes.push_back(
      episode("p1-again", "p1", "2026-03-31T09:00:00+02:00", nullptr, nullptr));
  // p2: readmitted 1 April: day 31, not a readmission.
  facts.episodes.push_back(
      episode("p2-index", "p2", "2026-02-20T08:00:00+01:00", nullptr, "2026-03-01T10:00:00+01:00"));
  facts.episodes.push_back(
      episode("p2-again", "p2", "2026-04-01T08:00:00+02:00", nullptr, nullptr));
  // p3: planned readmission 5 days later: readmitted, but not unplanned.
  facts.episodes.push_back(
      episode("p3-index", "p3", "2026-03-01T08:00:00+01:00", nullptr, "2026-03-10T10:00:00+01:00"));
  auto planned = episode("p3-again", "p3", "2026-03-15T08:00:00+01:00", nullptr, nullptr);
  planned.admission_kind = AdmissionKind::planned;
  facts.episodes.push_back(planned);
  // p4: the next "admission" was cancelled (registered in error): not readmitted.
  facts.episodes.push_back(
      episode("p4-index", "p4", "2026-03-01T08:00:00+01:00", nullptr, "2026-03-10T10:00:00+01:00"));
  auto cancelled = episode("p4-again", "p4", "2026-03-12T08:00:00+01:00", nullptr, nullptr);
  cancelled.episode.state = discharge::EpisodeState::cancelled;
  facts.episodes.push_back(cancelled);
  // p5: an overlapping stay admitted before the discharge is not a readmission.
  facts.episodes.push_back(
      episode("p5-index", "p5", "2026-03-01T08:00:00+01:00", nullptr, "2026-03-20T10:00:00+01:00"));
  facts.episodes.push_back(
      episode("p5-other", "p5", "2026-03-20T09:00:00+01:00", nullptr, nullptr));
  // Not index stays: aged 60, and died in hospital.
  auto young =
      episode("p6-index", "p6", "2026-03-01T08:00:00+01:00", nullptr, "2026-03-10T10:00:00+01:00");
  young.age_at_admission = 60;
  facts.episodes.push_back(young);
  facts.episodes.push_back(
      episode("p6-again", "p6", "2026-03-12T08:00:00+01:00", nullptr, nullptr));
  auto died = episode("p7-index", "p7", "2026-03-01T08:00:00+01:00", nullptr, nullptr);
  died.episode.state = discharge::EpisodeState::deceased;
  died.episode.ended_at = at("2026-03-05T08:00:00+01:00");
  facts.episodes.push_back(died);

  const auto all =
      compute(facts, query(kMarch, kMarch, {"readmission_30d_65", "readmission_30d_unplanned_65"}));
  // Index stays: p1, p2, p3, p4, p5 = 5. Readmitted: p1, p3 = 2/5; unplanned: p1 = 1/5.
  const Cell any = cell(all, "readmission_30d_65", Level::county, "", kMarch);
  EXPECT_DOUBLE_EQ(any.denominator, 5);
  EXPECT_DOUBLE_EQ(*any.value, 0.4);
  const Cell unplanned = cell(all, "readmission_30d_unplanned_65", Level::county, "", kMarch);
  EXPECT_DOUBLE_EQ(unplanned.denominator, 5);
  EXPECT_DOUBLE_EQ(*unplanned.value, 0.2);
}

TEST(Indicators, Section4_3_Readmission30d_AnIndexCountsOnlyOnceItsWindowHasClosed) {
  Facts facts;
  facts.episodes.push_back(
      episode("i", "p1", "2026-02-20T08:00:00+01:00", nullptr, "2026-03-01T10:00:00+01:00"));
  Parameters parameters;
  parameters.as_of = at("2026-03-31T12:00:00+02:00");  // day 30: still open
  auto all = compute(facts, query(kMarch, kMarch, {"readmission_30d_65"}, parameters));
  EXPECT_FALSE(cell(all, "readmission_30d_65", Level::county, "", kMarch).value.has_value());
  parameters.as_of = at("2026-04-01T00:00:00+02:00");  // day 31: closed, not readmitted
  all = compute(facts, query(kMarch, kMarch, {"readmission_30d_65"}, parameters));
  const Cell share = cell(all, "readmission_30d_65", Level::county, "", kMarch);
  EXPECT_DOUBLE_EQ(share.denominator, 1);
  EXPECT_DOUBLE_EQ(*share.value, 0.0);
}

}  // namespace
}  // namespace nara::domain::indicators
