// Issue 19 point 7: the follow-up counts a county's payment liability with liability_totals, the
// liable days and amount of compute_liability (Lag 2017:612 5 kap.) without the explanation of
// each day. The two must agree on every episode: here over thousands of generated ones, across
// noon, daylight saving, year ends and 2018's psychiatric transition, with withdrawn and renewed
// notices, discharge or not, region not ready, missing preconditions, local agreements and years
// without an amount.
#include <gtest/gtest.h>

#include <random>

#include "core/clock.hpp"
#include "core/stockholm_time.hpp"
#include "domain/discharge/liability.hpp"

namespace nara::domain::discharge {
namespace {

using namespace std::chrono;

LiabilityAgreement agreement_of(std::mt19937& random) {
  LiabilityAgreement a;
  a.amount_per_day_by_year = {{2018, 7'000}, {2025, 9'000}, {2026, 10'000}, {2027, 11'000}};
  switch (random() % 5) {
    case 0:
      break;  // the statute
    case 1:
      a.id = "local";
      a.name = "Lokal överenskommelse (test)";
      a.offset_days = static_cast<int>(random() % 5);
      a.noon_rule = random() % 2 == 0;
      a.count_discharge_day = random() % 2 == 0;
      a.count_day0 = random() % 2 == 0;
      break;
    case 2:
      a.id = "psychiatric";
      a.psychiatric_offset_days = 5;
      break;
    case 3:
      a.amount_per_day_by_year.erase(2026);  // a year without an amount is a problem, not zero
      break;
    default:
      a.count_discharge_day = true;
      a.count_day0 = true;
      break;
  }
  return a;
}

LiabilityFacts facts_of(std::mt19937& random) {
  // Notices from late 2017 to early 2027 at any minute of the day, so noon, the switches to and
  // from summer time and the year ends all come up.
  static const core::Instant first = core::parse_iso8601("2017-12-20T00:00:00Z", "test");
  const auto minute = [&](int days) {
    return minutes(random() % (static_cast<unsigned>(days) * 1440));
  };
  LiabilityFacts f;
  f.care_setting = random() % 4 == 0 ? CareSetting::psychiatric : CareSetting::somatic;
  f.admission_notice_in_time = random() % 8 != 0;
  f.sip_required = random() % 3 == 0;
  f.sip_invitation_in_time = random() % 4 != 0;
  core::Instant sent = first + minute(3'400);
  const int periods = 1 + static_cast<int>(random() % 3);
  for (int i = 0; i < periods; ++i) {
    LiabilityFacts::ReadyPeriod period{sent, std::nullopt};
    if (i + 1 < periods || random() % 5 == 0) {
      period.withdrawn = sent + minute(6);
      sent = *period.withdrawn + minute(8);
    }
    f.ready_periods.push_back(period);
  }
  const core::Instant last = f.ready_periods.back().withdrawn.value_or(f.ready_periods.back().sent);
  f.until = last + minute(40);
  if (random() % 4 != 0) f.discharged_at = last + minute(40);
  if (random() % 3 == 0) {
    const auto from = core::stockholm::local_date(f.ready_periods.front().sent);
    const auto start = core::stockholm::add_calendar_days(from, static_cast<int>(random() % 10));
    f.region_not_ready.emplace_back(
        start, core::stockholm::add_calendar_days(start, static_cast<int>(random() % 6)));
  }
  return f;
}

TEST(DischargeLiabilityTotals, LUS5_TotalsAreThoseOfTheDayByDayCountForEveryEpisode) {
  std::mt19937 random(20261204);
  int liable = 0;
  int without_amount = 0;
  for (int i = 0; i < 20'000; ++i) {
    const auto agreement = agreement_of(random);
    const auto facts = facts_of(random);
    const auto explained = compute_liability(facts, agreement);
    const auto totals = liability_totals(facts, agreement);
    ASSERT_EQ(totals, (LiabilityTotals{explained.liable_days, explained.total_amount}))
        << "episode " << i;
    if (explained.liable_days > 0) ++liable;
    if (!explained.problems.empty()) ++without_amount;
  }
  // The generated episodes reach the branches that count.
  EXPECT_GT(liable, 5'000);
  EXPECT_GT(without_amount, 100);
}

TEST(DischargeLiabilityTotals, LUS5_1_NoReadyNoticeNoLiability) {
  LiabilityFacts facts;
  facts.admission_notice_in_time = true;
  EXPECT_EQ(liability_totals(facts, LiabilityAgreement{}), LiabilityTotals{});
}

}  // namespace
}  // namespace nara::domain::discharge
