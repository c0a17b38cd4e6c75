#pragma once
// Inpatient episodes for the demo county in every state of the discharge chain, timed relative
// to the clock (see demo_episodes.cpp). Demo only.
#include <cstddef>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace nara::app {

// Within the seeding transaction; returns how many episodes were written (0 when a batch from
// the last 24 hours exists).
std::size_t seed_demo_episodes(store::Transaction& tx, const core::Clock& clock);
// Its own transaction: `nara serve --demo` calls it at every start.
std::size_t refresh_demo_episodes(store::Database& db, const core::Clock& clock);

}  // namespace nara::app
