#include "domain/access/role.hpp"

#include <array>
#include <utility>

namespace nara::domain::access {

namespace {
struct RoleInfo {
  Role role;
  std::string_view code;
  std::string_view title;
};
constexpr std::array<RoleInfo, 11> kRoles{{
    {Role::ward_nurse, "ward_nurse", "Sjuksköterska, vårdavdelning"},
    {Role::physician, "physician", "Läkare"},
    {Role::district_nurse, "district_nurse", "Distriktssköterska"},
    {Role::home_health_care_nurse, "home_health_care_nurse", "Sjuksköterska, hemsjukvård"},
    {Role::home_care_staff, "home_care_staff", "Hemtjänstpersonal"},
    {Role::sip_coordinator, "sip_coordinator", "SIP-samordnare"},
    {Role::unit_manager, "unit_manager", "Enhetschef"},
    {Role::log_reviewer, "log_reviewer", "Logggranskare"},
    {Role::county_administrator, "county_administrator", "Länsadministratör"},
    {Role::citizen, "citizen", "Invånare"},
    {Role::integration, "integration", "Systemintegration"},
}};
}  // namespace

std::string_view to_string(Role role) {
  for (const auto& info : kRoles) {
    if (info.role == role) return info.code;
  }
  return "unknown";
}

std::string_view swedish_title(Role role) {
  for (const auto& info : kRoles) {
    if (info.role == role) return info.title;
  }
  return "Okänd roll";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& info : kRoles) {
    if (info.code == text) return info.role;
  }
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    out.reserve(kRoles.size());
    for (const auto& info : kRoles) out.push_back(info.role);
    return out;
  }();
  return roles;
}

bool permits(Role role, Permission permission) {
  const bool clinical = role == Role::ward_nurse || role == Role::physician ||
                        role == Role::district_nurse || role == Role::home_health_care_nurse ||
                        role == Role::home_care_staff || role == Role::sip_coordinator;
  switch (permission) {
    case Permission::read_organisation:
    case Permission::read_staff:
      // Everyone on staff needs the directory to address notices and requests.
      return role != Role::citizen && role != Role::integration;
    case Permission::manage_organisation:
    case Permission::manage_staff:
      return role == Role::county_administrator;
    case Permission::read_person_registry:
      // Managers and administrators see no clinical content; demographics only for those who
      // register or care for persons. The PDL care-relation filter narrows this further.
      return clinical || role == Role::county_administrator;
    case Permission::manage_person_registry:
      return role == Role::ward_nurse || role == Role::physician || role == Role::district_nurse ||
             role == Role::home_health_care_nurse || role == Role::sip_coordinator ||
             role == Role::county_administrator;
    case Permission::submit_hl7:
      // A system account only: a person's session never posts ADT on a ward's behalf.
      return role == Role::integration;
    case Permission::coordinate_care:
      // Those who plan and give care; home care staff carry out what others decide, managers
      // and administrators see no clinical content (PDL 4:2).
      return role == Role::ward_nurse || role == Role::physician || role == Role::district_nurse ||
             role == Role::home_health_care_nurse || role == Role::sip_coordinator;
    case Permission::manage_responsibility_catalogue:
      return role == Role::county_administrator;
    case Permission::plan_visits:
      // Those who lay out the day's home visits: the nurses who give and lead the care, and the
      // unit manager who staffs it. Home care staff follow the plan; SIP coordinators and
      // ward staff plan other things (behovs- och riskanalys, PDL 4:2).
      return role == Role::district_nurse || role == Role::home_health_care_nurse ||
             role == Role::unit_manager;
    case Permission::import_fhir:
      // Another system's records, brought in whole (issue 20): a system account, or the county
      // administrator who runs the import for the county. Not a clinician's everyday task.
      return role == Role::integration || role == Role::county_administrator;
  }
  return false;
}

}  // namespace nara::domain::access
