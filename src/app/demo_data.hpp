#pragma once
// Static material for the demo county. Organisation numbers, kommunkoder and place names are real;
// HSA-ids, unit names beyond the hospitals, staff and residents are DEMO DATA, made up for the
// demo and marked as such. Resident identities come only from Skatteverket's test personnummer.
#include <string_view>
#include <vector>

namespace nara::app::demo {

struct MunicipalitySeed {
  std::string_view name;
  std::string_view official_name;            // e.g. "Kramfors kommun", "Sundsvalls kommun"
  std::string_view code;                     // kommunkod (SCB)
  std::string_view organisation_number;      // the municipality's real organisationsnummer
  std::string_view postal_prefix;            // first three digits of local postal codes
  int resident_weight;                       // share of the demo population (roughly by real size)
  std::vector<std::string_view> localities;  // real places in the municipality (first = centre)
};

const std::vector<MunicipalitySeed>& municipalities();

struct WardSeed {
  std::string_view hospital_locality;
  std::string_view name;
  bool psychiatric_care = false;  // sluten psykiatrisk vård (heldygnsvård)
};
struct HospitalSeed {
  std::string_view locality;
  std::string_view name;  // e.g. "Sollefteå sjukhus"
};
const std::vector<HospitalSeed>& hospitals();
const std::vector<WardSeed>& wards();

const std::vector<std::string_view>& female_given_names();
const std::vector<std::string_view>& male_given_names();
const std::vector<std::string_view>& family_names();
const std::vector<std::string_view>& street_names();

}  // namespace nara::app::demo
