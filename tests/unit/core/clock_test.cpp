// Clock implementations and strict ISO 8601 / RFC 3339 formatting and parsing.
#include "core/clock.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace nara::core {
namespace {

using namespace std::chrono_literals;

Instant utc(std::chrono::sys_days day, std::chrono::microseconds time_of_day = 0us) {
  return Instant{day} + time_of_day;
}

TEST(FixedClock, StandsStillUntilMovedAndAdvances) {
  const Instant start = utc(std::chrono::sys_days{2026y / 11 / 23}, 14h + 5min);
  FixedClock clock(start);
  EXPECT_EQ(clock.now(), start);
  EXPECT_EQ(clock.now(), start);
  clock.advance(36h);
  EXPECT_EQ(clock.now(), start + 36h);
  clock.set(start - 1us);
  EXPECT_EQ(clock.now(), start - 1us);
}

TEST(FixedClock, AdvanceFromManyThreadsLosesNothing) {
  FixedClock clock(Instant{});
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&clock] {
      for (int i = 0; i < 1000; ++i) {
        clock.advance(1us);
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(clock.now(), Instant{4000us});
}

TEST(FixedClock, UsableThroughTheClockInterface) {
  FixedClock fixed(utc(std::chrono::sys_days{2026y / 1 / 1}));
  const Clock& clock = fixed;
  EXPECT_EQ(format_iso8601(clock.now()), "2026-01-01T00:00:00Z");
}

TEST(SystemClock, FollowsTheSystemClock) {
  const SystemClock clock;
  const auto before =
      std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  const Instant now = clock.now();
  const auto after = std::chrono::system_clock::now();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

TEST(OffsetClock, RunsWithSystemTimePlusOffset) {
  OffsetClock clock(24h);
  EXPECT_EQ(clock.offset(), 24h);
  const auto before =
      std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  const Instant now = clock.now();
  const auto after = std::chrono::system_clock::now();
  EXPECT_LE(before + 24h, now);
  EXPECT_LE(now, after + 24h);
  clock.advance(-48h);
  EXPECT_EQ(clock.offset(), -24h);
  clock.set_offset(0us);
  EXPECT_EQ(clock.offset(), 0us);
}

TEST(OffsetClock, JumpToThenKeepsRunning) {
  OffsetClock clock;
  const Instant target = utc(std::chrono::sys_days{2030y / 6 / 1}, 8h);
  clock.jump_to(target);
  const Instant first = clock.now();
  EXPECT_GE(first, target);
  EXPECT_LT(first, target + 1min);
  std::this_thread::sleep_for(2ms);
  EXPECT_GT(clock.now(), first);
}

TEST(Iso8601, FormatsWholeSecondsWithoutFraction) {
  EXPECT_EQ(format_iso8601(utc(std::chrono::sys_days{2026y / 11 / 23}, 14h + 5min)),
            "2026-11-23T14:05:00Z");
  EXPECT_EQ(format_iso8601(Instant{}), "1970-01-01T00:00:00Z");
}

TEST(Iso8601, FormatsNonZeroFractionAsSixDigits) {
  EXPECT_EQ(format_iso8601(utc(std::chrono::sys_days{2026y / 11 / 23}, 14h + 5min + 250ms)),
            "2026-11-23T14:05:00.250000Z");
  EXPECT_EQ(format_iso8601(Instant{-1us}), "1969-12-31T23:59:59.999999Z");
}

TEST(Iso8601, ParsesZuluAndOffsets) {
  const Instant expected = utc(std::chrono::sys_days{2026y / 11 / 23}, 14h + 5min);
  EXPECT_EQ(parse_iso8601("2026-11-23T14:05:00Z", "t"), expected);
  EXPECT_EQ(parse_iso8601("2026-11-23T15:05:00+01:00", "t"), expected);
  EXPECT_EQ(parse_iso8601("2026-11-23T08:35:00-05:30", "t"), expected);
  EXPECT_EQ(parse_iso8601("2026-11-24T00:05:00+10:00", "t"), expected);  // crosses the date
  EXPECT_EQ(parse_iso8601("2026-11-23T14:05:00-00:00", "t"), expected);
}

TEST(Iso8601, ParsesFractionsUpToMicroseconds) {
  const Instant base = utc(std::chrono::sys_days{2026y / 11 / 23}, 14h + 5min);
  EXPECT_EQ(parse_iso8601("2026-11-23T14:05:00.5Z", "t"), base + 500ms);
  EXPECT_EQ(parse_iso8601("2026-11-23T14:05:00.000001Z", "t"), base + 1us);
  EXPECT_EQ(parse_iso8601("2026-11-23T14:05:00.123456+00:00", "t"), base + 123456us);
}

TEST(Iso8601, RoundTrips) {
  for (const char* text : {"2026-03-29T01:00:00Z", "2024-02-29T23:59:59.999999Z",
                           "1890-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    EXPECT_EQ(format_iso8601(parse_iso8601(text, "t")), text);
  }
}

TEST(Iso8601, RejectsGarbageWithARuleId) {
  struct Case {
    const char* text;
    const char* rule;
  };
  for (const Case& c : {
           Case{"", "datetime.format"},
           Case{"garbage", "datetime.format"},
           Case{"2026-11-23", "datetime.format"},
           Case{"2026-11-23T14:05:00", "datetime.format"},   // no zone: ambiguous
           Case{"2026-11-23 14:05:00Z", "datetime.format"},  // space instead of T
           Case{"2026-11-23t14:05:00z", "datetime.format"},
           Case{" 2026-11-23T14:05:00Z", "datetime.format"},
           Case{"2026-11-23T14:05:00Z ", "datetime.format"},
           Case{"2026-11-23T14:05Z", "datetime.format"},
           Case{"2026-11-23T14:05:00.Z", "datetime.format"},
           Case{"2026-11-23T14:05:00+0100", "datetime.format"},
           Case{"2026-11-23T14:05:00+01", "datetime.format"},
           Case{"2026-1-23T14:05:00Z", "datetime.format"},
           Case{"+2026-11-23T14:05:00Z", "datetime.format"},
           Case{"2026-11-23T14:05:00ZZ", "datetime.format"},
           Case{"2026-02-29T00:00:00Z", "datetime.date"},
           Case{"2026-13-01T00:00:00Z", "datetime.date"},
           Case{"0000-01-01T00:00:00Z", "datetime.date"},
           Case{"2026-11-23T24:00:00Z", "datetime.time"},
           Case{"2026-11-23T23:60:00Z", "datetime.time"},
           Case{"2016-12-31T23:59:60Z", "datetime.time"},  // leap seconds are not represented
           Case{"2026-11-23T14:05:00+24:00", "datetime.offset"},
           Case{"2026-11-23T14:05:00+01:60", "datetime.offset"},
           Case{"2026-11-23T14:05:00.1234567Z", "datetime.precision"},
       }) {
    const ParseResult<Instant> parsed = try_parse_iso8601(c.text);
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_EQ(parsed.error().rule, c.rule) << c.text;
  }
}

TEST(Iso8601, ParseThrowsProblemNamingTheField) {
  try {
    (void)parse_iso8601("yesterday", "sentAt");
    FAIL() << "expected ProblemError";
  } catch (const ProblemError& error) {
    ASSERT_EQ(error.problem().errors.size(), 1u);
    EXPECT_EQ(error.problem().errors[0].field, "sentAt");
    EXPECT_EQ(error.problem().errors[0].rule, "datetime.format");
  }
}

}  // namespace
}  // namespace nara::core
