#include "service/denied_access.hpp"

#include "service/authorization.hpp"
#include "store/access_repository.hpp"

namespace nara::service {

domain::access::AuditEntry denied_entry(const domain::access::Actor& actor,
                                        const core::Clock& clock, std::string object_type,
                                        const std::string& person_id, const std::string& rule) {
  auto e = audit_entry(actor, clock, domain::access::AuditAction::denied, std::move(object_type),
                       std::nullopt, person_id);
  e.outcome = "denied: " + rule;
  return e;
}

void require_role_and_relation(store::Transaction& tx, const domain::access::Actor& actor,
                               const std::string& person_id, const core::Clock& clock,
                               const std::string& object_type, bool role_may,
                               const std::string& refusal) {
  const bool exists = !tx.query("SELECT 1 FROM persons WHERE id = ?", person_id).empty();
  const bool relation =
      actor.unit_id && store::AccessRepository(tx).has_active_relation(*actor.unit_id, person_id);
  if (!role_may || !actor.unit_id) {
    if (!exists) forbidden(refusal);
    auto e = denied_entry(actor, clock, object_type, person_id, "PDL 4:2");
    e.without_relation = !relation;
    throw DeniedAccess(forbidden_problem(refusal), std::move(e));
  }
  if (!exists) not_found();
  if (!relation) {
    auto e = denied_entry(actor, clock, object_type, person_id, "PDL 4:1");
    e.without_relation = true;
    throw DeniedAccess(core::not_found_problem(), std::move(e));
  }
}

}  // namespace nara::service
