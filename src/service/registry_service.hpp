#pragma once
// Use cases of the core registry: load → decide → write, each in one transaction.
#include <functional>
#include <optional>
#include <string>

#include "core/identifiers.hpp"
#include "domain/access/actor.hpp"
#include "domain/registry/model.hpp"
#include "service/context.hpp"
#include "store/page.hpp"
#include "store/registry_repository.hpp"

namespace nara::service {

template <class T>
using Patch = std::function<void(T&)>;

struct NewPerson {
  std::string identifier;
  std::optional<std::string> identifier_system;  // OID or FHIR URI; required for local reservnummer
  domain::registry::Person details;              // names, municipality, address, protection
};

struct NewUser {
  domain::registry::User user;
  std::string password;
};

class RegistryService {
 public:
  explicit RegistryService(ServiceContext context) : ctx_(context) {}

  store::Page<domain::registry::Principal> list_principals(const domain::access::Actor& actor,
                                                           const store::PageRequest& page);
  domain::registry::Principal get_principal(const domain::access::Actor& actor,
                                            const std::string& id);
  domain::registry::Principal create_principal(const domain::access::Actor& actor,
                                               domain::registry::Principal principal);
  domain::registry::Principal update_principal(const domain::access::Actor& actor,
                                               const std::string& id, std::int64_t expected_version,
                                               const Patch<domain::registry::Principal>& patch);

  store::Page<domain::registry::CareProvider> list_care_providers(
      const domain::access::Actor& actor, const store::PageRequest& page);
  domain::registry::CareProvider get_care_provider(const domain::access::Actor& actor,
                                                   const std::string& id);
  domain::registry::CareProvider create_care_provider(const domain::access::Actor& actor,
                                                      domain::registry::CareProvider provider);
  domain::registry::CareProvider update_care_provider(
      const domain::access::Actor& actor, const std::string& id, std::int64_t expected_version,
      const Patch<domain::registry::CareProvider>& patch);

  store::Page<domain::registry::Unit> list_units(const domain::access::Actor& actor,
                                                 const store::UnitFilter& filter,
                                                 const store::PageRequest& page);
  domain::registry::Unit get_unit(const domain::access::Actor& actor, const std::string& id);
  domain::registry::Unit create_unit(const domain::access::Actor& actor,
                                     domain::registry::Unit unit);
  domain::registry::Unit update_unit(const domain::access::Actor& actor, const std::string& id,
                                     std::int64_t expected_version,
                                     const Patch<domain::registry::Unit>& patch);

  store::Page<domain::registry::Person> list_persons(const domain::access::Actor& actor,
                                                     store::PersonFilter filter,
                                                     const store::PageRequest& page);
  domain::registry::Person get_person(const domain::access::Actor& actor, const std::string& id);
  // `system` (an OID or FHIR system URI) names the identifier's issuer where the text alone does
  // not (a region's reservnummer); without it the form tells.
  domain::registry::Person find_person_by_identifier(
      const domain::access::Actor& actor, const std::string& identifier,
      const std::optional<std::string>& system = std::nullopt);
  domain::registry::Person create_person(const domain::access::Actor& actor, NewPerson person);
  domain::registry::Person update_person(const domain::access::Actor& actor, const std::string& id,
                                         std::int64_t expected_version,
                                         const Patch<domain::registry::Person>& patch);

  store::Page<domain::registry::User> list_users(const domain::access::Actor& actor,
                                                 const store::PageRequest& page);
  domain::registry::User get_user(const domain::access::Actor& actor, const std::string& id);
  std::vector<domain::registry::Assignment> assignments_of(const domain::access::Actor& actor,
                                                           const std::string& user_id);
  domain::registry::User create_user(const domain::access::Actor& actor, NewUser user);
  domain::registry::User update_user(const domain::access::Actor& actor, const std::string& id,
                                     std::int64_t expected_version,
                                     const Patch<domain::registry::User>& patch);
  domain::registry::Assignment add_assignment(const domain::access::Actor& actor,
                                              domain::registry::Assignment assignment);
  // Ends or reopens an assignment, renames it, or grants or withdraws its special authorisation
  // for protected addresses (OSL 22:1; logged). County administrator only.
  domain::registry::Assignment update_assignment(const domain::access::Actor& actor,
                                                 const std::string& id,
                                                 std::int64_t expected_version,
                                                 const Patch<domain::registry::Assignment>& patch);

 private:
  domain::registry::Person read_person_checked(
      const domain::access::Actor& actor,
      const std::function<std::optional<domain::registry::Person>(store::Transaction&)>& load,
      const char* purpose);
  ServiceContext ctx_;
};

// Parses a person identifier as of today's date in Stockholm (for the century of 10-digit forms).
core::PersonIdentifier parse_person_identifier(const std::string& text,
                                               const std::optional<std::string>& system,
                                               const core::Clock& clock, const std::string& field);

}  // namespace nara::service
