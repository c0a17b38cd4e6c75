#include "service/denied_access.hpp"

namespace nara::service {

domain::access::AuditEntry denied_entry(const domain::access::Actor& actor,
                                        const core::Clock& clock, std::string object_type,
                                        const std::string& person_id, const std::string& rule) {
  auto e = audit_entry(actor, clock, domain::access::AuditAction::denied, std::move(object_type),
                       std::nullopt, person_id);
  e.outcome = "denied: " + rule;
  return e;
}

}  // namespace nara::service
