#pragma once
// The core registry's value types (glossary: huvudman → Principal, vårdgivare/omsorgsgivare →
// CareProvider, vårdenhet → Unit, medarbetaruppdrag → Assignment, invånare/patient → Person).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access/role.hpp"

namespace nara::domain::registry {

enum class PrincipalKind { region, municipality };
std::string_view to_string(PrincipalKind kind);
std::optional<PrincipalKind> parse_principal_kind(std::string_view text);

enum class UnitKind {
  hospital,          // sjukhus
  hospital_ward,     // vårdavdelning
  health_centre,     // vårdcentral / hälsocentral
  home_health_care,  // kommunal hemsjukvård
  home_care,         // hemtjänstgrupp
  residential_care,  // särskilt boende (SÄBO)
  administration,    // förvaltning, kansli
};
std::string_view to_string(UnitKind kind);
std::optional<UnitKind> parse_unit_kind(std::string_view text);
std::string_view swedish_name(UnitKind kind);

struct Stamp {
  std::int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Principal {
  std::string id;
  PrincipalKind kind = PrincipalKind::region;
  std::string name;
  std::string organisation_number;  // NNNNNN-NNNN
  std::string area_code;            // länskod (2 digits) or kommunkod (4 digits)
  Stamp stamp;
};

struct CareProvider {
  std::string id;
  std::string name;
  std::string hsa_id;
  std::string organisation_number;
  std::vector<std::string> owner_principal_ids;  // several for a joint organisation
  Stamp stamp;
};

struct Unit {
  std::string id;
  std::string care_provider_id;
  std::optional<std::string> parent_unit_id;
  std::string hsa_id;
  std::string name;
  UnitKind kind = UnitKind::health_centre;
  std::string municipality_code;
  std::optional<std::string> locality;
  std::optional<double> latitude;
  std::optional<double> longitude;
  bool active = true;
  // A ward giving sluten psykiatrisk vård (heldygnsvård): its discharges count payment liability
  // by the rules for psychiatric care (Lag 2017:612 5 kap. 4 §, prop. 2017/18:12, local
  // agreements). Only a hospital ward can be one.
  bool psychiatric_care = false;
  Stamp stamp;
};

struct Address {
  std::optional<std::string> street;
  std::optional<std::string> postal_code;
  std::optional<std::string> locality;
};

struct Person {
  std::string id;
  std::string identifier;         // canonical 12 characters
  std::string identifier_kind;    // personnummer | samordningsnummer | …
  std::string identifier_system;  // OID
  std::string given_name;
  std::string family_name;
  std::optional<std::string> birth_date;         // YYYY-MM-DD
  std::optional<std::string> legal_sex;          // female | male
  std::optional<std::string> municipality_code;  // folkbokföringskommun
  Address address;
  std::optional<double> latitude;
  std::optional<double> longitude;
  bool protected_identity = false;  // skyddade personuppgifter (OSL 22:1)
  std::optional<std::string> deceased_on;
  Stamp stamp;
};

struct User {
  std::string id;
  std::string username;
  std::string display_name;
  std::optional<std::string> hsa_id;
  std::optional<std::string> person_id;
  bool active = true;
  Stamp stamp;
};

struct Assignment {
  std::string id;
  std::string user_id;
  std::optional<std::string> unit_id;
  access::Role role = access::Role::ward_nurse;
  std::string title;
  bool active = true;
  // Särskild behörighet: may see the address of persons with protected identity (OSL 22:1).
  bool protected_address_access = false;
  Stamp stamp;
  // Denormalised for display and for acting in the assignment.
  std::optional<std::string> unit_name;
  std::optional<std::string> unit_hsa_id;
  std::optional<std::string> care_provider_id;
  std::optional<std::string> care_provider_name;
};

// Validation rules that need no database. Each returns the rule id broken, or nothing.
std::optional<std::string> check_organisation_number(std::string_view text);  // NNNNNN-NNNN + Luhn
std::optional<std::string> check_municipality_code(
    std::string_view text);                                           // 4 digits, county 01–25
std::optional<std::string> check_county_code(std::string_view text);  // 2 digits, 01–25
std::optional<std::string> check_username(std::string_view text);
std::optional<std::string> check_password_strength(std::string_view password);

}  // namespace nara::domain::registry
