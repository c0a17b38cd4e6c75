#pragma once
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/identifiers.hpp"
#include "store/database.hpp"

namespace nara::app {

// The password of every demo account (documented in the README). Demo only.
inline constexpr const char* kDemoPassword = "Nara-demo-2026";

// The classic demo's size: `nara demo` and `nara serve --demo` seed this many residents.
inline constexpr std::size_t kClassicDemoResidents = 2400;

// Residents written in place of the classic ones (`nara demo --scale`, demo_population.cpp), in
// the county's transaction once its organisation and staff exist and before the living discharge
// chain's first batch. The seeder also names the demo citizen, whose account the county makes.
struct DemoResidents {
  std::size_t persons = 0;
  std::size_t relations = 0;
  std::string citizen_person_id;  // `invanare`: a Kramfors resident aged 80 or more
  std::string citizen_name;
  std::string summary;  // what else the seeder wrote, one sentence
};
using DemoResidentSeeder = std::function<DemoResidents(store::Transaction&)>;

// Seeds the demo county shaped like Västernorrland (ARCHITECTURE.md, "Demo county") in one
// transaction; does nothing if it is already there. Residents come only from Skatteverket's test
// personnummer under `shared_dir`/data/personnummer, unless `seed_residents` writes them instead.
// Returns a one-line summary.
std::string seed_demo_county(store::Database& db, const core::Clock& clock,
                             const std::filesystem::path& shared_dir,
                             std::size_t residents = kClassicDemoResidents,
                             const DemoResidentSeeder& seed_residents = {});

// Ages, and so who is in the county and their names, are counted on this fixed day (see
// seed_demo_county): the population does not change with the date it is seeded on.
inline constexpr std::chrono::year_month_day kDemoPopulationDay{
    std::chrono::year{2026}, std::chrono::November, std::chrono::day{23}};

struct DemoPlace {
  double latitude = 0;
  double longitude = 0;
};
// Real coordinates of the county's localities (shared/data/geo, sphrak/svenska-stader).
std::map<std::string, DemoPlace> load_demo_places(const std::filesystem::path& shared_dir);
// Skatteverket's test personnummer (and samordningsnummer) that parse on `today`.
std::vector<core::PersonIdentifier> load_test_identities(const std::filesystem::path& shared_dir,
                                                         std::chrono::year_month_day today);
int age_on(std::chrono::year_month_day birth, std::chrono::year_month_day day);

}  // namespace nara::app
