#include "api/json_codec.hpp"

#include "api/support.hpp"
#include "domain/access/policy.hpp"

namespace nara::api {

using namespace domain::registry;

namespace {
void add_stamp(boost::json::object& o, const Stamp& s) {
  o["version"] = s.version;
  o["createdAt"] = s.created_at;
  o["updatedAt"] = s.updated_at;
}

std::string fhir_system(const Person& p) {
  if (p.identifier_kind == "personnummer")
    return "http://electronichealth.se/identifier/personnummer";
  if (p.identifier_kind == "samordningsnummer")
    return "http://electronichealth.se/identifier/samordningsnummer";
  if (p.identifier_kind == "national_reservnummer")
    return "http://electronichealth.se/identifier/nationelltReservnummer";
  // Nära's own systems (the synthetic county's, HL7-registered local reservnummer) are URNs
  // already, not OIDs.
  if (p.identifier_system.rfind("urn:", 0) == 0) return p.identifier_system;
  return "urn:oid:" + p.identifier_system;
}

std::string display_identifier(const Person& p) {
  const bool dated = p.identifier_kind == "personnummer" ||
                     p.identifier_kind == "samordningsnummer" ||
                     p.identifier_kind == "national_reservnummer";
  if (dated && p.identifier.size() == 12)
    return p.identifier.substr(0, 8) + "-" + p.identifier.substr(8);
  return p.identifier;
}
}  // namespace

boost::json::object principal_json(const Principal& p) {
  boost::json::object o{{"id", p.id},
                        {"kind", to_string(p.kind)},
                        {"name", p.name},
                        {"organisationNumber", p.organisation_number},
                        {"areaCode", p.area_code}};
  add_stamp(o, p.stamp);
  return o;
}

boost::json::object care_provider_json(const CareProvider& p) {
  boost::json::array owners;
  for (const auto& id : p.owner_principal_ids) owners.emplace_back(id);
  boost::json::object o{{"id", p.id},
                        {"name", p.name},
                        {"hsaId", p.hsa_id},
                        {"organisationNumber", p.organisation_number},
                        {"ownerPrincipalIds", std::move(owners)}};
  add_stamp(o, p.stamp);
  return o;
}

boost::json::object unit_json(const Unit& u) {
  boost::json::object o{{"id", u.id},
                        {"careProviderId", u.care_provider_id},
                        {"parentUnitId", optional_json(u.parent_unit_id)},
                        {"hsaId", u.hsa_id},
                        {"name", u.name},
                        {"kind", to_string(u.kind)},
                        {"kindName", swedish_name(u.kind)},
                        {"municipalityCode", u.municipality_code},
                        {"locality", optional_json(u.locality)},
                        {"latitude", optional_json(u.latitude)},
                        {"longitude", optional_json(u.longitude)},
                        {"active", u.active},
                        {"psychiatricCare", u.psychiatric_care}};
  add_stamp(o, u.stamp);
  return o;
}

boost::json::object person_json(const Person& p, const domain::access::Actor& viewer) {
  const bool own_record = viewer.person_id && *viewer.person_id == p.id;
  const bool show_address =
      !p.protected_identity || domain::access::may_see_protected_address(
                                   viewer.role, own_record, viewer.protected_address_access);
  boost::json::object identifier{{"value", display_identifier(p)},
                                 {"kind", p.identifier_kind},
                                 {"system", fhir_system(p)},
                                 {"oid", p.identifier_system}};
  boost::json::object o{{"id", p.id},
                        {"identifier", std::move(identifier)},
                        {"givenName", p.given_name},
                        {"familyName", p.family_name},
                        {"birthDate", optional_json(p.birth_date)},
                        {"legalSex", optional_json(p.legal_sex)},
                        {"municipalityCode", optional_json(p.municipality_code)},
                        {"protectedIdentity", p.protected_identity},
                        {"deceasedOn", optional_json(p.deceased_on)}};
  if (show_address) {
    o["address"] = boost::json::object{{"street", optional_json(p.address.street)},
                                       {"postalCode", optional_json(p.address.postal_code)},
                                       {"locality", optional_json(p.address.locality)}};
  } else {
    o["address"] = nullptr;
    o["addressHidden"] = true;
  }
  add_stamp(o, p.stamp);
  return o;
}

boost::json::object user_json(const User& u) {
  boost::json::object o{{"id", u.id},
                        {"username", u.username},
                        {"displayName", u.display_name},
                        {"hsaId", optional_json(u.hsa_id)},
                        {"personId", optional_json(u.person_id)},
                        {"active", u.active}};
  add_stamp(o, u.stamp);
  return o;
}

boost::json::object assignment_json(const Assignment& a) {
  boost::json::object o{{"id", a.id},
                        {"userId", a.user_id},
                        {"unitId", optional_json(a.unit_id)},
                        {"unitName", optional_json(a.unit_name)},
                        {"unitHsaId", optional_json(a.unit_hsa_id)},
                        {"careProviderId", optional_json(a.care_provider_id)},
                        {"careProviderName", optional_json(a.care_provider_name)},
                        {"role", domain::access::to_string(a.role)},
                        {"roleName", domain::access::swedish_title(a.role)},
                        {"title", a.title},
                        {"active", a.active},
                        {"protectedAddressAccess", a.protected_address_access}};
  add_stamp(o, a.stamp);
  return o;
}

}  // namespace nara::api
