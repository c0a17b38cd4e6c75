#include "store/time_codec.hpp"

#include <date/date.h>

namespace nara::store {

std::string to_db_time(core::Instant instant) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", instant);
}

core::Instant from_db_time(std::string_view text) {
  return core::parse_iso8601(text, "timestamp");
}

}  // namespace nara::store
