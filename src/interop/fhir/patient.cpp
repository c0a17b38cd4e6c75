#include "interop/fhir/patient.hpp"

#include "interop/fhir/common.hpp"

namespace nara::interop::fhir {

namespace json = boost::json;

std::string person_identifier_system(const domain::registry::Person& person) {
  // Stored as the issuer's OID, or as a URN where Nära's own system has no OID.
  if (person.identifier_system.starts_with("urn:") ||
      person.identifier_system.starts_with("http")) {
    return person.identifier_system;
  }
  return "urn:oid:" + person.identifier_system;
}

json::object patient(const domain::registry::Person& p, bool show_address) {
  json::object m = meta(p.stamp.version, p.stamp.updated_at);
  if (p.protected_identity) {
    m["security"] = json::array{
        coding(kSecurityLabelSystem, "sekretessmarkering", std::string_view("Sekretessmarkering"))};
  }
  json::object o{{"resourceType", "Patient"}, {"id", p.id}, {"meta", std::move(m)}};
  if (p.municipality_code) {
    o["extension"] = json::array{json::object{{"url", kRegisteredMunicipalityExtension},
                                              {"valueString", *p.municipality_code}}};
  }
  o["identifier"] = json::array{identifier(person_identifier_system(p), p.identifier, "official")};
  o["active"] = true;
  o["name"] = json::array{json::object{{"use", "official"},
                                       {"text", p.given_name + " " + p.family_name},
                                       {"family", p.family_name},
                                       {"given", json::array{json::value(p.given_name)}}}};
  if (p.legal_sex) o["gender"] = *p.legal_sex;  // juridiskt kön: "female" | "male"
  if (p.birth_date) o["birthDate"] = *p.birth_date;
  if (p.deceased_on) o["deceasedDateTime"] = *p.deceased_on;
  const auto& a = p.address;
  if (show_address && (a.street || a.postal_code || a.locality)) {
    json::object address{{"use", "home"}, {"type", "physical"}};
    if (a.street) address["line"] = json::array{json::value(*a.street)};
    if (a.locality) address["city"] = *a.locality;
    if (a.postal_code) address["postalCode"] = *a.postal_code;
    address["country"] = "SE";
    o["address"] = json::array{std::move(address)};
  }
  return o;
}

}  // namespace nara::interop::fhir
