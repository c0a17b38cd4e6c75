#include "service/coordination_support.hpp"

#include "service/authorization.hpp"
#include "service/denied_access.hpp"

namespace nara::service::coordination {

std::set<domain::registry::PrincipalKind> principal_kinds_of_unit(store::Transaction& tx,
                                                                  const std::string& unit_id) {
  const auto rs = tx.query(
      "SELECT DISTINCT p.kind FROM units u JOIN care_provider_owners o ON o.care_provider_id = "
      "u.care_provider_id JOIN principals p ON p.id = o.principal_id WHERE u.id = ?",
      unit_id);
  std::set<domain::registry::PrincipalKind> out;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    if (auto k = domain::registry::parse_principal_kind(rs.row(i).text(0))) out.insert(*k);
  }
  return out;
}

void require_coordinator_with_relation(store::Transaction& tx, const domain::access::Actor& actor,
                                       const std::string& person_id, const core::Clock& clock,
                                       const std::string& object_type) {
  require_role_and_relation(
      tx, actor, person_id, clock, object_type,
      actor.role &&
          domain::access::permits(*actor.role, domain::access::Permission::coordinate_care),
      "Samordning görs av vårdpersonal som deltar i personens vård.");
}

bool is_own_record(const domain::access::Actor& actor, const std::string& person_id) {
  return actor.role == domain::access::Role::citizen && actor.person_id == person_id;
}

void refuse_transition(const std::string& type, const std::string& field, const std::string& rule,
                       const std::string& reason) {
  core::Problem p;
  p.status = 409;
  p.type = "https://nara.example/problems/" + type;
  p.title = "Händelsen är inte möjlig nu";
  p.detail = reason;
  p.errors.push_back(core::FieldError{field, rule, reason});
  core::throw_problem(std::move(p));
}

void invalid(std::vector<core::FieldError> errors) {
  core::throw_problem(core::validation_problem(std::move(errors)));
}

}  // namespace nara::service::coordination
