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

inline constexpr std::uint64_t kDefaultDemoSeed = 20261123;

struct DemoScale {
  std::size_t inhabitants = kClassicDemoResidents;
  std::uint64_t seed = kDefaultDemoSeed;
};

// At the classic size, the classic demo county exactly (seed_demo_county; the seed is not used
// here: main.cpp gives it to seed_classic_history, below, which writes that county's history).
// At any other size the same organisation, staff and demo logins, with `inhabitants` residents
// (Skatteverket's test personnummer where their age fits, Nära's synthetic reservnummer for the
// rest) and their history over the 36 months before the clock's local day, written in the
// county's one transaction. Does nothing if the county is there. Returns a one-line summary.
std::string seed_demo_at_scale(store::Database& db, const core::Clock& clock,
                               const std::filesystem::path& shared_dir, const DemoScale& scale);

// `nara serve --demo` and `nara demo` at the classic size (issue 19's "done when": the follow-up
// trends and the proactive list for the demo county too): three years of history for the classic
// county's own residents, written after seed_demo_county with the synthetic county's writers at
// its rates, plus the demo's made-up liability amounts 2024–2026. The accounts and the citizen
// `invanare` (no history) stay as they are; residents' listings and decisions are dated back to
// when they began, and some residents outside the living demo die during the three years. The
// history lies before the living discharge chain's episodes and is all finished: nothing of it is
// open or due, so every worklist stays as seed_demo_county left it. Does nothing if the history
// is there (or the county is not); deterministic for a seed. Returns a one-line summary.
// seed_demo_county alone (the integration tests' county) stays without it.
std::string seed_classic_history(store::Database& db, const core::Clock& clock,
                                 std::uint64_t seed = kDefaultDemoSeed);

// The smallest synthetic county: it must hold a Kramfors resident aged 80+ for the demo citizen.
inline constexpr std::size_t kSmallestSyntheticCounty = 1000;

}  // namespace nara::app
