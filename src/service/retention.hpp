#pragma once
#include <cstdint>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace nara::service {

// HSLF-FS 2016:40 4 kap. 9 § p.7: logs are kept at least five years. Nära keeps ten by default,
// matching the journal's retention (PDL 3:17), and refuses anything under five.
inline constexpr int kMinimumLogRetentionYears = 5;
inline constexpr int kDefaultLogRetentionYears = 10;

// Removes audit entries older than `years` (calendar years back from now, in UTC) and logs that it
// did; returns how many were removed. Throws ProblemError for a retention under the minimum.
std::int64_t apply_log_retention(store::Database& db, const core::Clock& clock, int years);

}  // namespace nara::service
