#include "store/time_codec.hpp"

#include <date/date.h>

#include <array>
#include <cstdio>

namespace nara::store {

std::string to_db_time(core::Instant instant) {
  // The same text date::format("%Y-%m-%dT%H:%M:%SZ") gives, written directly: this runs several
  // times per change and per audit entry, and the stream-based formatter was a visible share of
  // the HL7 ingest's CPU.
  using namespace std::chrono;
  const auto day = floor<days>(instant);
  const year_month_day ymd{day};
  const hh_mm_ss<microseconds> time{instant - day};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) return date::format("%Y-%m-%dT%H:%M:%SZ", instant);
  std::array<char, 32> buffer{};
  const int n = std::snprintf(
      buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%06dZ", y,
      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
      static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
      static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
  return std::string(buffer.data(), static_cast<std::size_t>(n));
}

core::Instant from_db_time(std::string_view text) {
  return core::parse_iso8601(text, "timestamp");
}

}  // namespace nara::store
