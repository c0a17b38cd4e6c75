#include <utility>

#include "core/password.hpp"
#include "core/random.hpp"
#include "domain/access/policy.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/registry_service.hpp"
#include "service/registry_support.hpp"
#include "store/time_codec.hpp"

// The registry's accounts and assignments (staff administration); organisation and persons are in
// registry_service.cpp.
namespace nara::service {

using domain::access::Actor;
using domain::access::AuditAction;
using domain::access::Permission;
using namespace domain::registry;
using namespace registry_support;

// ---- Users ----

namespace {

// A citizen's account names the person it belongs to. Staff need the directory to address
// notices and requests, not to learn who uses the citizen service, so only those who administer
// accounts see citizens' accounts, and each time they do it is an access to that person's data
// (PDL 4:3): logged like any other.
bool administers_accounts(const Actor& actor) {
  return actor.role && domain::access::permits(*actor.role, Permission::manage_staff);
}

domain::access::AuditEntry citizen_account_entry(const Actor& actor, const core::Clock& clock,
                                                 const User& user, bool shown) {
  auto e = audit_entry(actor, clock, shown ? AuditAction::read : AuditAction::denied,
                       "user_account", user.id, user.person_id);
  e.outcome = shown ? "allowed: kontoadministration" : "denied: PDL 4:1";
  e.without_relation = true;
  return e;
}

}  // namespace

store::Page<User> RegistryService::list_users(const Actor& actor, const store::PageRequest& page) {
  require(actor, Permission::read_staff);
  const bool administers = administers_accounts(actor);
  auto users = ctx_.db.read([&](store::Transaction& tx) {
    return store::RegistryRepository(tx).list_users(page, administers);
  });
  std::vector<domain::access::AuditEntry> entries;
  for (const auto& u : users.items) {
    if (u.person_id) entries.push_back(citizen_account_entry(actor, ctx_.clock, u, true));
  }
  ctx_.audit->record(std::move(entries));
  return users;
}

User RegistryService::get_user(const Actor& actor, const std::string& id) {
  require(actor, Permission::read_staff);
  auto user = require_found(ctx_.db.read(
      [&](store::Transaction& tx) { return store::RegistryRepository(tx).find_user(id); }));
  if (user.person_id) {
    const bool shown = administers_accounts(actor);
    ctx_.audit->record({citizen_account_entry(actor, ctx_.clock, user, shown)});
    if (!shown) not_found();
  }
  return user;
}

std::vector<Assignment> RegistryService::assignments_of(const Actor& actor,
                                                        const std::string& user_id) {
  require(actor, Permission::read_staff);
  return ctx_.db.read([&](store::Transaction& tx) {
    return store::RegistryRepository(tx).assignments_of(user_id);
  });
}

User RegistryService::create_user(const Actor& actor, NewUser input) {
  require(actor, Permission::manage_staff);
  User user = std::move(input.user);
  check(check_username(user.username), "username",
        "3–64 tecken: a–z, 0–9, punkt, bindestreck eller understreck.");
  check(check_password_strength(input.password), "password",
        "Lösenordet ska ha minst 12 och högst 256 tecken.");
  if (user.hsa_id) core::HsaId::parse(*user.hsa_id, "hsaId");
  user.id = core::new_uuid();
  user.stamp = new_stamp(ctx_.clock);
  const std::string hash =
      core::hash_password(input.password);  // outside the transaction: slow on purpose
  return translating_constraints("username", "Användarnamnet eller HSA-id:t används redan.", [&] {
    return ctx_.db.write([&](store::Transaction& tx) {
      store::RegistryRepository(tx).insert_user(user, hash);
      return user;
    });
  });
}

User RegistryService::update_user(const Actor& actor, const std::string& id,
                                  std::int64_t expected_version, const Patch<User>& patch) {
  require(actor, Permission::manage_staff);
  return translating_constraints("hsaId", "HSA-id:t används redan.", [&] {
    return ctx_.db.write([&](store::Transaction& tx) {
      store::RegistryRepository repo(tx);
      User u = require_found(repo.find_user(id));
      if (u.stamp.version != expected_version) version_conflict();
      patch(u);
      if (u.hsa_id) core::HsaId::parse(*u.hsa_id, "hsaId");
      u.stamp.updated_at = store::to_db_time(ctx_.clock.now());
      if (!repo.update_user(u, expected_version)) version_conflict();
      if (u.person_id) {  // a citizen's account: a change to that person's data, and shown again
        auto e = citizen_account_entry(actor, ctx_.clock, u, true);
        e.action = AuditAction::update;
        AuditLog::record_in(tx, {e});
      }
      return require_found(repo.find_user(id));
    });
  });
}

namespace {

// OSL 22:1: only an assignment in care may be specially authorised for protected addresses.
void check_protected_address_access(const Assignment& a) {
  if (a.protected_address_access && !domain::access::may_hold_protected_address_access(a.role)) {
    core::throw_field_error(
        "protectedAddressAccess", "assignment.protected_address_role",
        "Särskild behörighet till skyddade adresser ges bara uppdrag i vården.");
  }
}

// Granting or withdrawing the authorisation is logged in the audit log: it decides who may learn
// where a person with protected identity lives.
domain::access::AuditEntry authorisation_entry(const Actor& actor, const core::Clock& clock,
                                               const Assignment& a) {
  auto e = audit_entry(actor, clock, AuditAction::update, "assignment", a.id, std::nullopt);
  e.outcome = a.protected_address_access ? "allowed: OSL 22:1 (särskild behörighet beviljad)"
                                         : "allowed: OSL 22:1 (särskild behörighet återkallad)";
  e.purpose = "behörighetsadministration";
  return e;
}

}  // namespace

Assignment RegistryService::add_assignment(const Actor& actor, Assignment assignment) {
  require(actor, Permission::manage_staff);
  const bool citizen = assignment.role == domain::access::Role::citizen;
  if (citizen == assignment.unit_id.has_value()) {
    core::throw_field_error(
        "unitId", citizen ? "assignment.citizen_without_unit" : "required",
        citizen ? "Invånare har inget uppdrag vid en enhet." : "Ange enheten för uppdraget.");
  }
  check_protected_address_access(assignment);
  assignment.id = core::new_uuid();
  assignment.stamp = new_stamp(ctx_.clock);
  return translating_constraints("role", "Användaren har redan detta uppdrag vid enheten.", [&] {
    return ctx_.db.write([&](store::Transaction& tx) {
      store::RegistryRepository repo(tx);
      if (!repo.find_user(assignment.user_id)) not_found();
      if (assignment.unit_id && !repo.find_unit(*assignment.unit_id)) {
        core::throw_field_error("unitId", "reference", "Enheten finns inte.");
      }
      repo.insert_assignment(assignment);
      if (assignment.protected_address_access) {
        AuditLog::record_in(tx, {authorisation_entry(actor, ctx_.clock, assignment)});
      }
      return require_found(repo.find_assignment(assignment.id));
    });
  });
}

Assignment RegistryService::update_assignment(const Actor& actor, const std::string& id,
                                              std::int64_t expected_version,
                                              const Patch<Assignment>& patch) {
  require(actor, Permission::manage_staff);
  return ctx_.db.write([&](store::Transaction& tx) {
    store::RegistryRepository repo(tx);
    Assignment a = require_found(repo.find_assignment(id));
    if (a.stamp.version != expected_version) version_conflict();
    const bool had_access = a.protected_address_access;
    patch(a);
    check_protected_address_access(a);
    a.stamp.updated_at = store::to_db_time(ctx_.clock.now());
    if (!repo.update_assignment(a, expected_version)) version_conflict();
    if (a.protected_address_access != had_access) {
      AuditLog::record_in(tx, {authorisation_entry(actor, ctx_.clock, a)});
    }
    return require_found(repo.find_assignment(id));
  });
}

}  // namespace nara::service
