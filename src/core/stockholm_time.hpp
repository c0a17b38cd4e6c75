#pragma once
// Calendar arithmetic in Europe/Stockholm. Statutory deadlines (Lag 2017:612: "3 dagar",
// "efter kl. 12.00") are counted in Swedish local calendar days, while Nära stores UTC instants;
// these helpers are the only bridge between the two. The zone rules come from the operating
// system's tz database (tzdata), read once on first use.
#include <chrono>

#include "core/clock.hpp"

namespace nara::core::stockholm {

using LocalDate = std::chrono::year_month_day;

// Local calendar date of an instant, e.g. 2026-11-23T23:30:00Z is 2026-11-24 in Stockholm.
[[nodiscard]] LocalDate local_date(Instant instant);

// Wall-clock time since local midnight, 0 ≤ result < 24 h. On the autumn change the hour
// 02:00–03:00 is read twice, so two different instants can give the same time of day.
[[nodiscard]] std::chrono::microseconds local_time_of_day(Instant instant);

// Lag (2017:612) 5 kap. 4 §: liability starts 3 days after the underrättelse, 4 days "om
// underrättelsen skickades efter kl. 12.00". Defined here as: the Stockholm wall clock reads
// strictly later than 12:00:00.000000. Exactly 12:00:00 is not after noon; 12:00:00.000001 is.
// (domain-rules §7 writes the same rule as `notice_sent.time > 12:00`.)
[[nodiscard]] bool is_after_noon(Instant instant);

// The date `days` calendar days later (earlier when negative). Throws std::invalid_argument
// when `date` is not a real date (e.g. 2026-02-30), rather than guessing what was meant.
[[nodiscard]] LocalDate add_calendar_days(LocalDate date, int days);

// Local midnight at the start of `date` (00:00 never falls in a Swedish DST gap).
[[nodiscard]] Instant start_of_day(LocalDate date);

// The instant at which the Stockholm wall clock shows `time_of_day` on `date`.
// Policy, the same as java.time and RFC 5545: use the UTC offset in force just before the
// wall-clock reading.
//  - Spring gap (last Sunday of March, 02:00–02:59:59 does not exist): the reading is moved
//    forward by the length of the gap, so 02:30 gives 03:30 CEST (01:30Z).
//  - Autumn overlap (last Sunday of October, 02:00–02:59:59 happens twice): the earlier one,
//    still summer time, so 02:30 gives 02:30 CEST (00:30Z).
// Throws std::invalid_argument unless `date` is real and 0 ≤ time_of_day < 24 h.
[[nodiscard]] Instant at_local_time(LocalDate date, std::chrono::microseconds time_of_day);

// Whole local calendar days from the local date of `from` to that of `to`: local_date(to) −
// local_date(from), negative when `to` is on an earlier day. 23:59 to 00:01 the next day is 1.
[[nodiscard]] int calendar_days_between(Instant from, Instant to);

}  // namespace nara::core::stockholm
