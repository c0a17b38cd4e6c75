#pragma once
// Practitioner ← User (a member of staff) and PractitionerRole ← Assignment (medarbetaruppdrag:
// user × unit × role). docs/fhir.md, "Practitioner and PractitionerRole". No account data: no
// username, password hash or session ever leaves through these.
#include <boost/json.hpp>

#include "domain/registry/model.hpp"

namespace nara::interop::fhir {

boost::json::object practitioner(const domain::registry::User& user);
boost::json::object practitioner_role(const domain::registry::Assignment& assignment);

}  // namespace nara::interop::fhir
