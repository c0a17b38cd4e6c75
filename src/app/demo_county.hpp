#pragma once
#include <filesystem>
#include <string>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace nara::app {

// The password of every demo account (documented in the README). Demo only.
inline constexpr const char* kDemoPassword = "Nara-demo-2026";

// Seeds the demo county shaped like Västernorrland (ARCHITECTURE.md, "Demo county") in one
// transaction; does nothing if it is already there. Residents come only from Skatteverket's test
// personnummer under `shared_dir`/data/personnummer. Returns a one-line summary.
std::string seed_demo_county(store::Database& db, const core::Clock& clock,
                             const std::filesystem::path& shared_dir, std::size_t residents = 2400);

}  // namespace nara::app
