#pragma once
// Roles of an assignment and what each may do in the registry. Clinical access to a person's data
// is decided by the PDL policy (care relation, consent, blocks), not by the role alone.
#include <optional>
#include <string_view>
#include <vector>

namespace nara::domain::access {

enum class Role {
  ward_nurse,              // sjuksköterska, slutenvård
  physician,               // läkare
  district_nurse,          // distriktssköterska, vårdcentral
  home_health_care_nurse,  // sjuksköterska, kommunal hemsjukvård
  home_care_staff,         // hemtjänstpersonal / undersköterska
  sip_coordinator,         // SIP-samordnare
  unit_manager,            // enhetschef / verksamhetschef
  log_reviewer,            // logggranskare
  county_administrator,    // länsadministratör
  citizen,                 // invånare
  integration,             // systemintegration: a hospital system sending HL7 v2 ADT
};

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
const std::vector<Role>& all_roles();
std::string_view swedish_title(Role role);

enum class Permission {
  read_organisation,    // principals, providers, units
  manage_organisation,  // create and change principals, providers, units
  manage_staff,         // create users and assignments
  read_staff,
  read_person_registry,    // search and read demographic data of persons
  manage_person_registry,  // create and correct persons
  submit_hl7,              // send HL7 v2 messages (the hospital's ADT feed)
  coordinate_care,         // draw up SIPs, send and answer requests, appoint named contacts
  manage_responsibility_catalogue,  // publish versions of the county's ansvarsfördelning
  plan_visits,  // plan a day's home visits and read the joint plans of one's own unit
  import_fhir,  // import FHIR bundles (POST /fhir/R4): registers persons and their history
};

// Registry permissions per role (behovs- och riskanalys, PDL 4:2: access limited to the task).
bool permits(Role role, Permission permission);

}  // namespace nara::domain::access
