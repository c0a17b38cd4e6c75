#pragma once
// SQL for the core registry, written once in portable SQL for both engines. Repositories read and
// write rows inside a caller's transaction; they never decide policy.
#include <optional>
#include <string>
#include <vector>

#include "domain/registry/model.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace nara::store {

struct PersonFilter {
  std::optional<std::string> name_prefix;  // family or given name, case-insensitive prefix
  std::optional<std::string> municipality_code;
  // Access enforced in the query (PDL 4:1): only persons with an active care relation to this unit.
  std::optional<std::string> related_to_unit;
};

struct UnitFilter {
  std::optional<std::string> care_provider_id;
  std::optional<domain::registry::UnitKind> kind;
  std::optional<std::string> municipality_code;
};

class RegistryRepository {
 public:
  explicit RegistryRepository(Transaction& tx) : tx_(tx) {}

  // Principals
  Page<domain::registry::Principal> list_principals(const PageRequest& page);
  std::optional<domain::registry::Principal> find_principal(const std::string& id);
  void insert_principal(const domain::registry::Principal& p);
  bool update_principal(const domain::registry::Principal& p, std::int64_t expected_version);

  // Care providers
  Page<domain::registry::CareProvider> list_care_providers(const PageRequest& page);
  std::optional<domain::registry::CareProvider> find_care_provider(const std::string& id);
  void insert_care_provider(const domain::registry::CareProvider& p);
  bool update_care_provider(const domain::registry::CareProvider& p, std::int64_t expected_version);

  // Units
  Page<domain::registry::Unit> list_units(const UnitFilter& filter, const PageRequest& page);
  std::optional<domain::registry::Unit> find_unit(const std::string& id);
  std::optional<domain::registry::Unit> find_unit_by_hsa_id(const std::string& hsa_id);
  void insert_unit(const domain::registry::Unit& u);
  bool update_unit(const domain::registry::Unit& u, std::int64_t expected_version);

  // Persons
  Page<domain::registry::Person> list_persons(const PersonFilter& filter, const PageRequest& page);
  std::optional<domain::registry::Person> find_person(const std::string& id);
  std::optional<domain::registry::Person> find_person_by_identifier(const std::string& canonical);
  void insert_person(const domain::registry::Person& p);
  bool update_person(const domain::registry::Person& p, std::int64_t expected_version);
  std::int64_t count_persons();

  // Users and assignments
  // Staff accounts; citizens' accounts (linked to a person) only when `with_citizen_accounts`.
  Page<domain::registry::User> list_users(const PageRequest& page, bool with_citizen_accounts);
  std::optional<domain::registry::User> find_user(const std::string& id);
  std::optional<domain::registry::User> find_user_by_username(const std::string& username);
  std::optional<std::string> password_hash(const std::string& user_id);
  void insert_user(const domain::registry::User& u, const std::string& password_hash);
  bool update_user(const domain::registry::User& u, std::int64_t expected_version);
  void set_password_hash(const std::string& user_id, const std::string& hash,
                         const std::string& now);
  std::vector<domain::registry::Assignment> assignments_of(const std::string& user_id);
  std::optional<domain::registry::Assignment> find_assignment(const std::string& id);
  void insert_assignment(const domain::registry::Assignment& a);
  // Writes active, protected_address_access and title if the row is still at expected_version.
  bool update_assignment(const domain::registry::Assignment& a, std::int64_t expected_version);

 private:
  Transaction& tx_;
};

}  // namespace nara::store
