#include "core/clock.hpp"

#include <cstdio>

namespace nara::core {
namespace {

using std::chrono::microseconds;

FieldError invalid(std::string rule, std::string detail) {
  return FieldError{std::string(), std::move(rule), std::move(detail)};
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

// Reads `count` digits at `position`; false if any of them is not a digit or text is too short.
bool read_digits(std::string_view text, std::size_t position, std::size_t count, int& value) {
  if (position + count > text.size()) {
    return false;
  }
  value = 0;
  for (std::size_t i = position; i < position + count; ++i) {
    if (!is_digit(text[i])) {
      return false;
    }
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

Instant SystemClock::now() const {
  return std::chrono::floor<microseconds>(std::chrono::system_clock::now());
}

Instant FixedClock::now() const {
  return Instant{microseconds{micros_since_epoch_.load(std::memory_order_acquire)}};
}

void FixedClock::set(Instant instant) noexcept {
  micros_since_epoch_.store(to_micros(instant), std::memory_order_release);
}

void FixedClock::advance(microseconds by) noexcept {
  micros_since_epoch_.fetch_add(by.count(), std::memory_order_acq_rel);
}

Instant OffsetClock::now() const {
  return std::chrono::floor<microseconds>(std::chrono::system_clock::now()) + offset();
}

microseconds OffsetClock::offset() const noexcept {
  return microseconds{offset_micros_.load(std::memory_order_acquire)};
}

void OffsetClock::set_offset(microseconds offset) noexcept {
  offset_micros_.store(offset.count(), std::memory_order_release);
}

void OffsetClock::advance(microseconds by) noexcept {
  offset_micros_.fetch_add(by.count(), std::memory_order_acq_rel);
}

void OffsetClock::jump_to(Instant target) noexcept {
  const Instant system_now = std::chrono::floor<microseconds>(std::chrono::system_clock::now());
  set_offset(target - system_now);
}

std::string format_iso8601(Instant instant) {
  const std::chrono::sys_days day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss<microseconds> time{instant - day};
  char buffer[40];
  const int year = static_cast<int>(date.year());
  const unsigned month = static_cast<unsigned>(date.month());
  const unsigned day_of_month = static_cast<unsigned>(date.day());
  const long hours = time.hours().count();
  const long minutes = time.minutes().count();
  const long long seconds = time.seconds().count();
  const long long fraction = time.subseconds().count();
  if (fraction == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02lldZ", year, month,
                  day_of_month, hours, minutes, seconds);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02lld.%06lldZ", year, month,
                  day_of_month, hours, minutes, seconds, fraction);
  }
  return buffer;
}

ParseResult<Instant> try_parse_iso8601(std::string_view text) {
  const auto format_error = [] {
    return invalid("datetime.format",
                   "Tidpunkten ska skrivas enligt ISO 8601, till exempel 2026-11-23T14:05:00Z.");
  };
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  // Fixed part: YYYY-MM-DDTHH:MM:SS (19 characters).
  if (!read_digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' ||
      !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day) ||
      text[10] != 'T' || !read_digits(text, 11, 2, hour) || text[13] != ':' ||
      !read_digits(text, 14, 2, minute) || text[16] != ':' || !read_digits(text, 17, 2, second)) {
    return format_error();
  }
  std::size_t position = 19;
  microseconds fraction{0};
  if (text[position] == '.') {
    ++position;
    std::size_t digits = 0;
    long long value = 0;
    while (position < text.size() && is_digit(text[position])) {
      if (digits < 6) {
        value = value * 10 + (text[position] - '0');
      }
      ++digits;
      ++position;
    }
    if (digits == 0) {
      return format_error();
    }
    // More digits would silently lose information; callers must round on their side.
    if (digits > 6) {
      return invalid("datetime.precision",
                     "Tidpunkten får ha högst sex decimaler (mikrosekunder).");
    }
    for (std::size_t padding = digits; padding < 6; ++padding) {
      value *= 10;
    }
    fraction = microseconds{value};
  }
  std::chrono::minutes offset{0};
  if (position < text.size() && text[position] == 'Z') {
    ++position;
  } else if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
    const bool negative = text[position] == '-';
    int offset_hours = 0;
    int offset_minutes = 0;
    if (!read_digits(text, position + 1, 2, offset_hours) || position + 3 >= text.size() ||
        text[position + 3] != ':' || !read_digits(text, position + 4, 2, offset_minutes)) {
      return format_error();
    }
    if (offset_hours > 23 || offset_minutes > 59) {
      return invalid("datetime.offset", "Tidszonsförskjutningen måste vara högst ±23:59.");
    }
    offset = std::chrono::hours{offset_hours} + std::chrono::minutes{offset_minutes};
    if (negative) {
      offset = -offset;
    }
    position += 6;
  } else {
    return format_error();  // RFC 3339 requires Z or an offset; a bare local time is ambiguous
  }
  if (position != text.size()) {
    return format_error();
  }

  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (year < 1 || !date.ok()) {
    return invalid("datetime.date", "Datumet finns inte i kalendern.");
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return invalid("datetime.time", "Klockslaget måste ligga mellan 00:00:00 och 23:59:59.");
  }
  const Instant local_reading = std::chrono::sys_days{date} + std::chrono::hours{hour} +
                                std::chrono::minutes{minute} + std::chrono::seconds{second} +
                                fraction;
  return Instant{local_reading - offset};
}

Instant parse_iso8601(std::string_view text, std::string_view field) {
  return try_parse_iso8601(text).value_or_throw(field);
}

}  // namespace nara::core
