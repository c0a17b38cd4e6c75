#pragma once
// Patient ← Person (invånare/patient/brukare). docs/fhir.md, "Patient".
#include <boost/json.hpp>
#include <string>

#include "domain/registry/model.hpp"

namespace nara::interop::fhir {

// Identifier.system of the person's identifier: "urn:oid:<oid>" for personnummer
// (1.2.752.129.2.1.3.1), samordningsnummer (1.2.752.129.2.1.3.3), the national reservnummer and a
// region's reservnummer with a published OID; Nära's own URN for the synthetic county's numbers.
std::string person_identifier_system(const domain::registry::Person& person);

// `show_address` is the caller's policy decision (OSL 22:1: a protected address is shown only to
// the person and to an assignment specially authorised for it); a person with protected identity
// carries HL7 Sweden's security label either way.
boost::json::object patient(const domain::registry::Person& person, bool show_address);

}  // namespace nara::interop::fhir
