#pragma once
// Instants are stored as fixed-width ISO 8601 UTC text with microseconds, so that text order is
// time order on both engines ("2026-11-23T14:05:00.000000Z").
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace nara::store {

std::string to_db_time(core::Instant instant);
core::Instant from_db_time(std::string_view text);

}  // namespace nara::store
