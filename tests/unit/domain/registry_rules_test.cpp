#include <gtest/gtest.h>

#include "domain/access/role.hpp"
#include "domain/registry/model.hpp"

namespace nara::domain {
namespace {

using access::Permission;
using access::Role;

TEST(RegistryRules, SKV709_OrganisationNumberHasALuhnCheckDigit) {
  EXPECT_FALSE(registry::check_organisation_number("232100-0206"));  // Region Västernorrland
  EXPECT_FALSE(registry::check_organisation_number("212000-2429"));  // Kramfors kommun
  EXPECT_EQ(registry::check_organisation_number("232100-0207"), "organisation_number.checksum");
  EXPECT_EQ(registry::check_organisation_number("2321000206"), "organisation_number.format");
}

TEST(RegistryRules, SCB_KommunkodAndLanskod) {
  EXPECT_FALSE(registry::check_municipality_code("2282"));
  EXPECT_EQ(registry::check_municipality_code("2699"), "municipality_code.county");
  EXPECT_EQ(registry::check_municipality_code("228"), "municipality_code.format");
  EXPECT_FALSE(registry::check_county_code("22"));
  EXPECT_EQ(registry::check_county_code("00"), "county_code.range");
}

TEST(RegistryRules, NIST800_63B_PasswordsAreLongNotComposed) {
  EXPECT_EQ(registry::check_password_strength("short"), "password.min_length");
  EXPECT_FALSE(registry::check_password_strength("long enough passphrase"));
  EXPECT_EQ(registry::check_username("Åsa"), "username.characters");
  EXPECT_FALSE(registry::check_username("dsk.kramfors"));
}

TEST(Roles, PDL4_2_RegistryPermissionsFollowTheTask) {
  for (Role role : access::all_roles()) {
    SCOPED_TRACE(std::string(access::to_string(role)));
    EXPECT_EQ(access::parse_role(access::to_string(role)), role);
    EXPECT_EQ(access::permits(role, Permission::manage_organisation),
              role == Role::county_administrator);
    EXPECT_EQ(access::permits(role, Permission::read_organisation),
              role != Role::citizen && role != Role::integration);
    EXPECT_EQ(access::permits(role, Permission::submit_hl7), role == Role::integration);
  }
  // Managers, log reviewers and citizens get no person registry through their role.
  EXPECT_FALSE(access::permits(Role::unit_manager, Permission::read_person_registry));
  EXPECT_FALSE(access::permits(Role::log_reviewer, Permission::read_person_registry));
  EXPECT_FALSE(access::permits(Role::citizen, Permission::read_person_registry));
  EXPECT_TRUE(access::permits(Role::home_care_staff, Permission::read_person_registry));
  EXPECT_FALSE(access::permits(Role::home_care_staff, Permission::manage_person_registry));
  EXPECT_FALSE(access::parse_role("superuser").has_value());
}

TEST(Roles, PDL4_2_CoordinationAndCataloguePermissionsFollowTheTask) {
  for (Role role : access::all_roles()) {
    SCOPED_TRACE(std::string(access::to_string(role)));
    const bool plans_care = role == Role::ward_nurse || role == Role::physician ||
                            role == Role::district_nurse || role == Role::home_health_care_nurse ||
                            role == Role::sip_coordinator;
    EXPECT_EQ(access::permits(role, Permission::coordinate_care), plans_care);
    EXPECT_EQ(access::permits(role, Permission::manage_responsibility_catalogue),
              role == Role::county_administrator);
  }
}

}  // namespace
}  // namespace nara::domain
