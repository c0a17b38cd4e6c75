#pragma once
// JSON shapes of registry resources (camelCase, ids as strings, instants as ISO 8601 UTC).
#include <boost/json.hpp>

#include "domain/access/actor.hpp"
#include "domain/registry/model.hpp"

namespace nara::api {

boost::json::object principal_json(const domain::registry::Principal& p);
boost::json::object care_provider_json(const domain::registry::CareProvider& p);
boost::json::object unit_json(const domain::registry::Unit& u);
// Hides the address of a person with protected identity (skyddade personuppgifter, OSL 22:1).
boost::json::object person_json(const domain::registry::Person& p,
                                const domain::access::Actor& viewer);
boost::json::object user_json(const domain::registry::User& u);
boost::json::object assignment_json(const domain::registry::Assignment& a);

}  // namespace nara::api
