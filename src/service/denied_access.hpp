#pragma once
// A refused attempt on a person's record, found inside a write transaction. Throwing it rolls the
// transaction back like any problem; write_logging_denials() then appends the attempt to the audit
// log in a transaction of its own (PDL 4:3, HSLF-FS 2016:40 4 kap. 9 §: refused attempts are
// accesses to follow up too) and lets the problem through: 404 for a person the caller may not know
// exists, 403 for a role that may never do it.
#include <utility>

#include "core/problem.hpp"
#include "domain/access/audit.hpp"
#include "service/audit_log.hpp"
#include "service/context.hpp"

namespace nara::service {

class DeniedAccess : public core::ProblemError {
 public:
  DeniedAccess(core::Problem problem, domain::access::AuditEntry entry)
      : core::ProblemError(std::move(problem)), entry_(std::move(entry)) {}
  [[nodiscard]] const domain::access::AuditEntry& entry() const { return entry_; }

 private:
  domain::access::AuditEntry entry_;
};

// The denied entry for `actor`'s attempt on `person_id`'s `object_type`, refused by `rule`.
domain::access::AuditEntry denied_entry(const domain::access::Actor& actor,
                                        const core::Clock& clock, std::string object_type,
                                        const std::string& person_id, const std::string& rule);

// For a change to `person_id`'s record: refuses a role that may not make it (`role_may`, 403 with
// `refusal`) and a unit without an active care relation (PDL 4:1, 404). A refusal that names an
// existing person throws DeniedAccess with a denied entry for `object_type`; the answer itself
// does not depend on whether the person exists.
void require_role_and_relation(store::Transaction& tx, const domain::access::Actor& actor,
                               const std::string& person_id, const core::Clock& clock,
                               const std::string& object_type, bool role_may,
                               const std::string& refusal);

// Runs `fn` as a write transaction; a DeniedAccess thrown inside it is logged after the rollback
// and rethrown as the problem it carries.
template <class Fn>
auto write_logging_denials(const ServiceContext& ctx, Fn&& fn) {
  try {
    return ctx.db.write(std::forward<Fn>(fn));
  } catch (const DeniedAccess& denied) {
    ctx.audit->record({denied.entry()});
    throw core::ProblemError(denied.problem());
  }
}

}  // namespace nara::service
