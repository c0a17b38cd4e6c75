// Europe/Stockholm calendar helpers across both DST changes of 2025 and 2026:
// summer time starts the last Sunday of March at 01:00Z (02:00 CET -> 03:00 CEST) and ends the
// last Sunday of October at 01:00Z (03:00 CEST -> 02:00 CET).
#include "core/stockholm_time.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace nara::core::stockholm {
namespace {

using namespace std::chrono_literals;
using std::chrono::year_month_day;

Instant utc(const char* iso) {
  return parse_iso8601(iso, "test");
}

TEST(StockholmLocalDate, MidnightUtcIsAlreadyTheNextLocalDay) {
  EXPECT_EQ(local_date(utc("2026-11-23T22:59:59Z")), year_month_day{2026y / 11 / 23});
  EXPECT_EQ(local_date(utc("2026-11-23T23:00:00Z")), year_month_day{2026y / 11 / 24});
  EXPECT_EQ(local_date(utc("2026-11-24T00:00:00Z")), year_month_day{2026y / 11 / 24});
  EXPECT_EQ(local_date(utc("2025-12-31T23:00:00Z")), year_month_day{2026y / 1 / 1});
  // Summer: two hours ahead.
  EXPECT_EQ(local_date(utc("2026-06-30T21:59:59Z")), year_month_day{2026y / 6 / 30});
  EXPECT_EQ(local_date(utc("2026-06-30T22:00:00Z")), year_month_day{2026y / 7 / 1});
}

TEST(StockholmLocalTime, SpringForward2026SkipsTwoOClock) {
  EXPECT_EQ(local_time_of_day(utc("2026-03-29T00:59:59Z")), 1h + 59min + 59s);
  EXPECT_EQ(local_time_of_day(utc("2026-03-29T01:00:00Z")), 3h);
  EXPECT_EQ(local_time_of_day(utc("2025-03-30T00:59:59.999999Z")), 1h + 59min + 59s + 999999us);
  EXPECT_EQ(local_time_of_day(utc("2025-03-30T01:00:00Z")), 3h);
}

TEST(StockholmLocalTime, FallBack2026ReadsTwoOClockTwice) {
  EXPECT_EQ(local_time_of_day(utc("2026-10-25T00:30:00Z")), 2h + 30min);  // CEST
  EXPECT_EQ(local_time_of_day(utc("2026-10-25T01:30:00Z")), 2h + 30min);  // CET
  EXPECT_EQ(local_time_of_day(utc("2025-10-26T00:30:00Z")), 2h + 30min);
  EXPECT_EQ(local_time_of_day(utc("2025-10-26T01:30:00Z")), 2h + 30min);
  EXPECT_EQ(local_date(utc("2026-10-25T01:30:00Z")), year_month_day{2026y / 10 / 25});
}

TEST(StockholmNoon, ExactlyTwelveIsNotAfterNoon_Lag2017_612_5kap4) {
  // Winter (CET, +1).
  EXPECT_FALSE(is_after_noon(utc("2026-11-23T10:59:59Z")));
  EXPECT_FALSE(is_after_noon(utc("2026-11-23T11:00:00Z")));
  EXPECT_TRUE(is_after_noon(utc("2026-11-23T11:00:00.000001Z")));
  EXPECT_TRUE(is_after_noon(utc("2026-11-23T22:59:59Z")));
  EXPECT_FALSE(is_after_noon(utc("2026-11-23T23:00:00Z")));  // 00:00 the next day
  // Summer (CEST, +2).
  EXPECT_FALSE(is_after_noon(utc("2026-07-01T10:00:00Z")));
  EXPECT_TRUE(is_after_noon(utc("2026-07-01T10:00:01Z")));
}

TEST(StockholmNoon, OnTheDstChangeDays) {
  // 2026-03-29 noon is CEST already: 10:00Z.
  EXPECT_FALSE(is_after_noon(utc("2026-03-29T10:00:00Z")));
  EXPECT_TRUE(is_after_noon(utc("2026-03-29T10:00:00.000001Z")));
  // 2026-10-25 noon is CET again: 11:00Z; 10:30Z is 11:30 local.
  EXPECT_FALSE(is_after_noon(utc("2026-10-25T10:30:00Z")));
  EXPECT_FALSE(is_after_noon(utc("2026-10-25T11:00:00Z")));
  EXPECT_TRUE(is_after_noon(utc("2026-10-25T11:00:01Z")));
  EXPECT_FALSE(is_after_noon(utc("2025-03-30T10:00:00Z")));
  EXPECT_TRUE(is_after_noon(utc("2025-10-26T11:00:01Z")));
}

TEST(StockholmCalendarDays, AddAcrossDstMonthAndYearEnds) {
  EXPECT_EQ(add_calendar_days(2026y / 3 / 28, 3), year_month_day{2026y / 3 / 31});
  EXPECT_EQ(add_calendar_days(2026y / 10 / 24, 4), year_month_day{2026y / 10 / 28});
  EXPECT_EQ(add_calendar_days(2026y / 12 / 30, 3), year_month_day{2027y / 1 / 2});
  EXPECT_EQ(add_calendar_days(2028y / 2 / 28, 1), year_month_day{2028y / 2 / 29});
  EXPECT_EQ(add_calendar_days(2026y / 3 / 1, -1), year_month_day{2026y / 2 / 28});
  EXPECT_EQ(add_calendar_days(2026y / 3 / 1, 0), year_month_day{2026y / 3 / 1});
  EXPECT_THROW((void)add_calendar_days(2026y / 2 / 30, 1), std::invalid_argument);
}

TEST(StockholmStartOfDay, DaysAround2026ChangesAre23And25HoursLong) {
  EXPECT_EQ(start_of_day(2026y / 3 / 29), utc("2026-03-28T23:00:00Z"));
  EXPECT_EQ(start_of_day(2026y / 3 / 30), utc("2026-03-29T22:00:00Z"));
  EXPECT_EQ(start_of_day(2026y / 3 / 30) - start_of_day(2026y / 3 / 29), 23h);
  EXPECT_EQ(start_of_day(2026y / 10 / 25), utc("2026-10-24T22:00:00Z"));
  EXPECT_EQ(start_of_day(2026y / 10 / 26), utc("2026-10-25T23:00:00Z"));
  EXPECT_EQ(start_of_day(2026y / 10 / 26) - start_of_day(2026y / 10 / 25), 25h);
  EXPECT_EQ(start_of_day(2025y / 3 / 31) - start_of_day(2025y / 3 / 30), 23h);
  EXPECT_EQ(start_of_day(2025y / 10 / 27) - start_of_day(2025y / 10 / 26), 25h);
}

TEST(StockholmAtLocalTime, OrdinaryTimesRoundTrip) {
  EXPECT_EQ(at_local_time(2026y / 11 / 23, 12h), utc("2026-11-23T11:00:00Z"));
  EXPECT_EQ(at_local_time(2026y / 7 / 1, 12h), utc("2026-07-01T10:00:00Z"));
  const Instant instant = at_local_time(2026y / 11 / 23, 14h + 5min + 7s + 12us);
  EXPECT_EQ(local_date(instant), year_month_day{2026y / 11 / 23});
  EXPECT_EQ(local_time_of_day(instant), 14h + 5min + 7s + 12us);
}

TEST(StockholmAtLocalTime, SpringGapMovesForwardByTheGap) {
  EXPECT_EQ(at_local_time(2026y / 3 / 29, 1h + 59min), utc("2026-03-29T00:59:00Z"));
  EXPECT_EQ(at_local_time(2026y / 3 / 29, 2h), utc("2026-03-29T01:00:00Z"));  // = 03:00 CEST
  EXPECT_EQ(at_local_time(2026y / 3 / 29, 2h + 30min), utc("2026-03-29T01:30:00Z"));  // 03:30
  EXPECT_EQ(at_local_time(2026y / 3 / 29, 3h), utc("2026-03-29T01:00:00Z"));
  EXPECT_EQ(at_local_time(2025y / 3 / 30, 2h + 15min), utc("2025-03-30T01:15:00Z"));
}

TEST(StockholmAtLocalTime, AutumnOverlapTakesTheEarlierSummerTimeInstant) {
  EXPECT_EQ(at_local_time(2026y / 10 / 25, 2h + 30min), utc("2026-10-25T00:30:00Z"));
  EXPECT_EQ(at_local_time(2026y / 10 / 25, 3h), utc("2026-10-25T02:00:00Z"));
  EXPECT_EQ(at_local_time(2025y / 10 / 26, 2h + 15min), utc("2025-10-26T00:15:00Z"));
}

TEST(StockholmAtLocalTime, RejectsImpossibleInput) {
  EXPECT_THROW((void)at_local_time(2026y / 11 / 23, 24h), std::invalid_argument);
  EXPECT_THROW((void)at_local_time(2026y / 11 / 23, -1us), std::invalid_argument);
  EXPECT_THROW((void)at_local_time(2026y / 2 / 29, 0h), std::invalid_argument);
}

TEST(StockholmCalendarDaysBetween, CountsLocalDatesNotHours) {
  EXPECT_EQ(calendar_days_between(utc("2026-11-23T22:59:00Z"), utc("2026-11-23T23:01:00Z")), 1);
  EXPECT_EQ(calendar_days_between(utc("2026-11-23T23:30:00Z"), utc("2026-11-24T00:30:00Z")), 0);
  // 25 hours, one local day (00:00 to 23:59 on 2026-10-25).
  EXPECT_EQ(calendar_days_between(utc("2026-10-24T22:00:00Z"), utc("2026-10-25T22:59:00Z")), 0);
  // Noon 2026-03-28 to noon 2026-03-31 across the 23-hour day.
  EXPECT_EQ(
      calendar_days_between(at_local_time(2026y / 3 / 28, 12h), at_local_time(2026y / 3 / 31, 12h)),
      3);
  EXPECT_EQ(calendar_days_between(utc("2026-03-31T10:00:00Z"), utc("2026-03-28T11:00:00Z")), -3);
}

TEST(StockholmLiabilityExample, Lag2017_612_5kap4_ThreeOrFourDaysAfterTheNotice) {
  // The rule as domain-rules §7 writes it; the domain layer owns it, this only shows the helpers
  // compose: notice 2026-10-22 at 12:30 CEST is after noon, so 4 days, landing after the change.
  const Instant notice = utc("2026-10-22T10:30:00Z");
  ASSERT_TRUE(is_after_noon(notice));
  EXPECT_EQ(add_calendar_days(local_date(notice), is_after_noon(notice) ? 4 : 3),
            year_month_day{2026y / 10 / 26});
  const Instant morning_notice = utc("2026-10-22T09:59:59Z");
  EXPECT_EQ(add_calendar_days(local_date(morning_notice), is_after_noon(morning_notice) ? 4 : 3),
            year_month_day{2026y / 10 / 25});
}

}  // namespace
}  // namespace nara::core::stockholm
