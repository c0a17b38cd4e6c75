#include "core/stockholm_time.hpp"

#include <date/tz.h>

#include <stdexcept>

namespace nara::core::stockholm {
namespace {

using std::chrono::microseconds;

const date::time_zone& stockholm_zone() {
  // locate_zone throws std::runtime_error when tzdata is missing; better at first use than a
  // silently wrong deadline.
  static const date::time_zone* const zone = date::locate_zone("Europe/Stockholm");
  return *zone;
}

// UTC offset in force at `instant` (+1 h in winter, +2 h in summer).
std::chrono::seconds offset_at(Instant instant) {
  return stockholm_zone().get_info(std::chrono::floor<std::chrono::seconds>(instant)).offset;
}

// The wall-clock reading at `instant`, expressed as microseconds since 1970-01-01T00:00 local.
microseconds wall_clock_since_epoch(Instant instant) {
  return instant.time_since_epoch() + offset_at(instant);
}

void require_real_date(LocalDate date) {
  if (!date.ok()) {
    throw std::invalid_argument("stockholm: not a calendar date");
  }
}

}  // namespace

LocalDate local_date(Instant instant) {
  const auto local_days = std::chrono::floor<std::chrono::days>(wall_clock_since_epoch(instant));
  return LocalDate{std::chrono::sys_days{local_days}};
}

microseconds local_time_of_day(Instant instant) {
  const microseconds wall_clock = wall_clock_since_epoch(instant);
  return wall_clock - std::chrono::floor<std::chrono::days>(wall_clock);
}

bool is_after_noon(Instant instant) {
  return local_time_of_day(instant) > std::chrono::hours{12};
}

LocalDate add_calendar_days(LocalDate date, int days) {
  require_real_date(date);
  return LocalDate{std::chrono::sys_days{date} + std::chrono::days{days}};
}

Instant start_of_day(LocalDate date) {
  return at_local_time(date, microseconds::zero());
}

Instant at_local_time(LocalDate date, microseconds time_of_day) {
  require_real_date(date);
  if (time_of_day < microseconds::zero() || time_of_day >= std::chrono::days{1}) {
    throw std::invalid_argument("stockholm: time of day outside 00:00–24:00");
  }
  const microseconds wall_clock = std::chrono::sys_days{date}.time_since_epoch() + time_of_day;
  const date::local_seconds reading{std::chrono::floor<std::chrono::seconds>(wall_clock)};
  // For a unique reading `first` is the only offset; in the autumn overlap it is summer time
  // (the earlier instant); in the spring gap it is winter time, which moves the reading forward
  // by the gap. One rule gives the whole documented policy.
  const date::local_info info = stockholm_zone().get_info(reading);
  return Instant{wall_clock - info.first.offset};
}

int calendar_days_between(Instant from, Instant to) {
  const std::chrono::sys_days from_day{local_date(from)};
  const std::chrono::sys_days to_day{local_date(to)};
  return static_cast<int>((to_day - from_day).count());
}

}  // namespace nara::core::stockholm
