#pragma once
// Small helpers shared by the SIP, request and named-contact services.
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/problem.hpp"
#include "domain/access/actor.hpp"
#include "domain/registry/model.hpp"
#include "store/database.hpp"

namespace nara::service::coordination {

// The kinds of principal that own the unit's care provider (both for a joint provider).
std::set<domain::registry::PrincipalKind> principal_kinds_of_unit(store::Transaction& tx,
                                                                  const std::string& unit_id);

// Staff who coordinate care (role permission) acting for a unit that takes part in the person's
// care (PDL 4:1): 403 for the wrong role, 404 without a relation. A refusal that names an existing
// person throws DeniedAccess with a denied entry for `object_type`: run the transaction through
// write_logging_denials so the attempt is logged.
void require_coordinator_with_relation(store::Transaction& tx, const domain::access::Actor& actor,
                                       const std::string& person_id, const core::Clock& clock,
                                       const std::string& object_type);

bool is_own_record(const domain::access::Actor& actor, const std::string& person_id);

// 409 with the rule and its reason, naming `field`.
[[noreturn]] void refuse_transition(const std::string& type, const std::string& field,
                                    const std::string& rule, const std::string& reason);
// 422 naming every field.
[[noreturn]] void invalid(std::vector<core::FieldError> errors);

}  // namespace nara::service::coordination
