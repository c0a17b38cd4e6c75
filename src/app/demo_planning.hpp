#pragma once
// Demo data for issue 7: one joint day of home visits in Ådalen. Kramfors and Sollefteå home
// health care (kommunal hemsjukvård) and the region's district nurses at the health centres there
// plan together under a joint agreement; the day is solved, checked and stored as a plan the
// participating units' staff can read. Called by seed_demo_county once the county exists.
#include <string>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace nara::app {

// Builds the day from the demo residents in home health care or listed at the health centres and
// the nurses of those units, solves it in about a second, stores it; nothing when a demo plan
// exists. Returns a one-line summary.
std::string seed_demo_planning(store::Database& db, const core::Clock& clock);

}  // namespace nara::app
