#pragma once
// The resource types the FHIR façade serves (docs/fhir.md), one file each: what each reads and
// searches through the services, mapped by interop/fhir.
#include "api/fhir_support.hpp"
#include "api/routes.hpp"
#include "domain/access/actor.hpp"
#include "domain/registry/model.hpp"

namespace nara::api::fhir {

ResourceType patient_type(Services& services);
ResourceType encounter_type(Services& services);
ResourceType organization_type(Services& services);
ResourceType location_type(Services& services);
ResourceType practitioner_type(Services& services);
ResourceType practitioner_role_type(Services& services);

// The Patient as `viewer` may see it (a protected address only under OSL 22:1).
boost::json::object patient_for(const domain::registry::Person& person,
                                const domain::access::Actor& viewer);

// A string search value (name, family …): present and at most 100 characters.
std::optional<std::string> string_value(const Search& search, std::string_view name);
// The page [offset, offset + count) of `all`, with the total.
Page page_of(std::vector<boost::json::object> all, const Search& search);

}  // namespace nara::api::fhir
