#pragma once
// A stay on the demo county's psychiatric ward that ends in öppen psykiatrisk tvångsvård, with
// its samordnad vårdplan (LPT 7 a §) half approved. Demo only.
#include <cstddef>
#include <string>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace nara::app {

// Within the daily batch of demo episodes (`external_visit_id` DEMO-`batch`-…); returns how many
// episodes were written (0 or 1: none when the ward or its staff are missing).
std::size_t seed_demo_compulsory_care(store::Transaction& tx, core::Instant now,
                                      const std::string& batch);

}  // namespace nara::app
