#pragma once
// `nara demo --scale N --seed S` (issue 19 point 6): a synthetic county of N inhabitants with
// three years of history behind the demo's reference day — stays, SIPs, requests, named
// contacts, care contacts, home care hours — for the follow-up indicators and the proactive list
// (docs/follow-up.md), deterministic for a seed.
#include <cstdint>
#include <filesystem>
#include <string>

#include "app/demo_county.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace nara::app {

struct DemoScale {
  std::size_t inhabitants = kClassicDemoResidents;
  std::uint64_t seed = 20261123;
};

// At the classic size, the classic demo county exactly (seed_demo_county; the seed is not used).
// At any other size the same organisation, staff and demo logins, with `inhabitants` residents
// (Skatteverket's test personnummer where their age fits, Nära's synthetic reservnummer for the
// rest) and their history over the 36 months before the clock's local day, written in the
// county's one transaction. Does nothing if the county is there. Returns a one-line summary.
std::string seed_demo_at_scale(store::Database& db, const core::Clock& clock,
                               const std::filesystem::path& shared_dir, const DemoScale& scale);

// The smallest synthetic county: it must hold a Kramfors resident aged 80+ for the demo citizen.
inline constexpr std::size_t kSmallestSyntheticCounty = 1000;

}  // namespace nara::app
