#pragma once
// Demo data for issue 5: a responsibility catalogue shaped like a typical county agreement
// (DEMO: not Region Västernorrland's real agreement), a few SIPs, requests and named contacts in
// Kramfors. Called by seed_demo_county once the county exists.
#include <string>

#include "core/clock.hpp"
#include "domain/responsibility/catalogue.hpp"
#include "store/database.hpp"

namespace nara::app {

// The demo catalogue: every service type and the version itself are marked demo.
domain::responsibility::CatalogueVersion demo_catalogue();

// Seeds the catalogue, SIPs, requests and named contacts in one transaction; nothing when a
// catalogue already exists. Returns a one-line summary.
std::string seed_demo_coordination(store::Database& db, const core::Clock& clock);

}  // namespace nara::app
