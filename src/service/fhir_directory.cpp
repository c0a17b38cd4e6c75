#include <algorithm>
#include <set>

#include "service/authorization.hpp"
#include "service/fhir_service.hpp"
#include "service/registry_service.hpp"
#include "store/registry_repository.hpp"

// The organisation and staff directory for the FHIR façade: Organization, Location, Practitioner
// and PractitionerRole. Not personal health data, but read under the role's directory permission
// as in REST (read_organisation, read_staff).
namespace nara::service {

using domain::access::Actor;
using domain::access::Permission;
using domain::access::Role;
using namespace domain::registry;

namespace {

// Every row: the directory is hundreds of rows for a county, read whole and searched in memory.
store::PageRequest everything() {
  store::PageRequest page;
  page.limit = 1'000'000;
  return page;
}

bool staff_role(Role role) {
  return role != Role::citizen && role != Role::integration;
}

}  // namespace

Directory FhirService::directory(const Actor& actor) {
  require(actor, Permission::read_organisation);
  return ctx_.db.read([&](store::Transaction& tx) {
    store::RegistryRepository registry(tx);
    Directory d;
    d.principals = registry.list_principals(everything()).items;
    d.providers = registry.list_care_providers(everything()).items;
    d.units = registry.list_units({}, everything()).items;
    return d;
  });
}

DirectoryEntry FhirService::organization(const Actor& actor, const std::string& id) {
  require(actor, Permission::read_organisation);
  auto found = ctx_.db.read([&](store::Transaction& tx) -> std::optional<DirectoryEntry> {
    store::RegistryRepository registry(tx);
    if (auto p = registry.find_principal(id)) return DirectoryEntry{std::move(*p)};
    if (auto p = registry.find_care_provider(id)) return DirectoryEntry{std::move(*p)};
    if (auto u = registry.find_unit(id)) return DirectoryEntry{std::move(*u)};
    return std::nullopt;
  });
  if (!found) not_found();
  return std::move(*found);
}

Unit FhirService::unit(const Actor& actor, const std::string& id) {
  return RegistryService(ctx_).get_unit(actor, id);
}

std::vector<User> FhirService::practitioners(const Actor& actor) {
  require(actor, Permission::read_staff);
  return ctx_.db.read([&](store::Transaction& tx) {
    const auto system_accounts = store::FhirRepository(tx).system_account_ids();
    const std::set<std::string> excluded(system_accounts.begin(), system_accounts.end());
    auto users = store::RegistryRepository(tx).list_users(everything(), false).items;
    std::erase_if(users, [&](const User& u) { return u.person_id || excluded.contains(u.id); });
    return users;
  });
}

User FhirService::practitioner(const Actor& actor, const std::string& id) {
  require(actor, Permission::read_staff);
  auto user = ctx_.db.read([&](store::Transaction& tx) -> std::optional<User> {
    auto found = store::RegistryRepository(tx).find_user(id);
    // A citizen's account is no practitioner, nor is a system account.
    if (!found || found->person_id) return std::nullopt;
    const auto system_accounts = store::FhirRepository(tx).system_account_ids();
    if (std::find(system_accounts.begin(), system_accounts.end(), id) != system_accounts.end())
      return std::nullopt;
    return found;
  });
  if (!user) not_found();
  return std::move(*user);
}

Counted<Assignment> FhirService::practitioner_roles(const Actor& actor,
                                                    const store::AssignmentSearch& search,
                                                    std::size_t offset, std::size_t limit) {
  require(actor, Permission::read_staff);
  return ctx_.db.read([&](store::Transaction& tx) {
    const auto page = store::FhirRepository(tx).staff_assignments(search, offset, limit);
    Counted<Assignment> out;
    out.total = page.total;
    store::RegistryRepository registry(tx);
    for (const auto& id : page.ids) {
      if (auto a = registry.find_assignment(id)) out.items.push_back(std::move(*a));
    }
    return out;
  });
}

Assignment FhirService::practitioner_role(const Actor& actor, const std::string& id) {
  require(actor, Permission::read_staff);
  auto found = ctx_.db.read(
      [&](store::Transaction& tx) { return store::RegistryRepository(tx).find_assignment(id); });
  if (!found || !staff_role(found->role) || !found->unit_id) not_found();
  return std::move(*found);
}

}  // namespace nara::service
