#pragma once
// SMART on FHIR scopes of Nära's bearer tokens (docs/fhir.md, "Scopes"). A token's scope follows
// from the session's chosen assignment: staff act for themselves within their assignment
// (user/*.read), a citizen reads their own record (patient/*.read), a system account of the
// integration role reads as a system (system/*.read). A scope never widens access: every read is
// still decided by the access policy and logged. SMART app launch (authorization code flow) is not
// implemented; tokens come from POST /api/v1/session.
#include <optional>
#include <string_view>
#include <vector>

#include "domain/access/role.hpp"

namespace nara::api::fhir {

enum class Scope { none, patient, user, system };

// The scope of a session acting in an assignment of `role`; none without a chosen assignment.
Scope scope_of(std::optional<domain::access::Role> role);
// "patient/*.read", "user/*.read", "system/*.read", or "" for none.
std::string_view scope_text(Scope scope);
const std::vector<std::string_view>& supported_scopes();
// patient/*.read covers the resource types of the Patient compartment only (the person's own
// data); user/*.read and system/*.read cover every type.
bool covers(Scope scope, bool patient_compartment);

}  // namespace nara::api::fhir
