#pragma once
// Organization ← Principal (region, kommun), CareProvider (vårdgivare) and Unit (vårdenhet);
// Location ← Unit (where the unit is). docs/fhir.md, "Organization and Location". A unit has the
// same id as an Organization and as a Location.
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "domain/registry/model.hpp"

namespace nara::interop::fhir {

// The code of Organization.type in kOrganizationKindSystem: "region", "municipality",
// "care-provider" or "care-unit".
inline constexpr std::string_view kRegionKind = "region";
inline constexpr std::string_view kMunicipalityKind = "municipality";
inline constexpr std::string_view kCareProviderKind = "care-provider";
inline constexpr std::string_view kCareUnitKind = "care-unit";

// "NNNNNN-NNNN" as the ten digits the identifier system uses.
std::string organisation_number_value(std::string_view stored);

boost::json::object organization(const domain::registry::Principal& principal);
boost::json::object organization(const domain::registry::CareProvider& provider);
boost::json::object organization(const domain::registry::Unit& unit);
boost::json::object location(const domain::registry::Unit& unit);

}  // namespace nara::interop::fhir
