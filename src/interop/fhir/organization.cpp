#include "interop/fhir/organization.hpp"

#include "interop/fhir/common.hpp"

namespace nara::interop::fhir {

namespace json = boost::json;
using namespace domain::registry;

namespace {

json::object kind_type(std::string_view code, std::string_view display) {
  return concept_of(kOrganizationKindSystem, code, display);
}

json::object unit_kind(const Unit& u) {
  return concept_of(kUnitKindSystem, to_string(u.kind), swedish_name(u.kind));
}

}  // namespace

std::string organisation_number_value(std::string_view stored) {
  std::string digits(stored);
  std::erase(digits, '-');
  return digits;
}

json::object organization(const Principal& p) {
  const bool region = p.kind == PrincipalKind::region;
  return {{"resourceType", "Organization"},
          {"id", p.id},
          {"meta", meta(p.stamp.version, p.stamp.updated_at)},
          {"identifier",
           json::array{identifier(kOrganisationNumberSystem,
                                  organisation_number_value(p.organisation_number), "official")}},
          {"active", true},
          {"type", json::array{concept_of("http://terminology.hl7.org/CodeSystem/organization-type",
                                          "govt", "Government"),
                               kind_type(region ? kRegionKind : kMunicipalityKind,
                                         region ? "Region" : "Kommun")}},
          {"name", p.name}};
}

json::object organization(const CareProvider& p) {
  json::object o{{"resourceType", "Organization"},
                 {"id", p.id},
                 {"meta", meta(p.stamp.version, p.stamp.updated_at)}};
  if (!p.owner_principal_ids.empty()) {
    json::array owners;
    for (const auto& owner : p.owner_principal_ids) {
      owners.push_back(json::object{{"url", kOwningPrincipalExtension},
                                    {"valueReference", reference("Organization", owner)}});
    }
    o["extension"] = std::move(owners);
  }
  o["identifier"] = json::array{
      identifier(kHsaIdSystem, p.hsa_id, "official"),
      identifier(kOrganisationNumberSystem, organisation_number_value(p.organisation_number))};
  o["active"] = true;
  o["type"] = json::array{concept_of("http://terminology.hl7.org/CodeSystem/organization-type",
                                     "prov", "Healthcare Provider"),
                          kind_type(kCareProviderKind, "Vårdgivare")};
  o["name"] = p.name;
  // A provider owned by one principal is part of it; several owners are in the extension only.
  if (p.owner_principal_ids.size() == 1) {
    o["partOf"] = reference("Organization", p.owner_principal_ids.front());
  }
  return o;
}

json::object organization(const Unit& u) {
  json::object o{{"resourceType", "Organization"},
                 {"id", u.id},
                 {"meta", meta(u.stamp.version, u.stamp.updated_at)},
                 {"identifier", json::array{identifier(kHsaIdSystem, u.hsa_id, "official")}},
                 {"active", u.active},
                 {"type", json::array{kind_type(kCareUnitKind, "Vårdenhet"), unit_kind(u)}},
                 {"name", u.name}};
  if (u.locality) {
    o["address"] = json::array{json::object{{"city", *u.locality}, {"country", "SE"}}};
  }
  o["partOf"] = reference("Organization", u.parent_unit_id.value_or(u.care_provider_id));
  return o;
}

json::object location(const Unit& u) {
  json::object o{{"resourceType", "Location"},
                 {"id", u.id},
                 {"meta", meta(u.stamp.version, u.stamp.updated_at)},
                 {"identifier", json::array{identifier(kHsaIdSystem, u.hsa_id, "official")}},
                 {"status", u.active ? "active" : "inactive"},
                 {"name", u.name},
                 {"mode", "instance"},
                 {"type", json::array{unit_kind(u)}}};
  if (u.locality) o["address"] = json::object{{"city", *u.locality}, {"country", "SE"}};
  if (u.latitude && u.longitude) {
    o["position"] = json::object{{"longitude", *u.longitude}, {"latitude", *u.latitude}};
  }
  o["managingOrganization"] = reference("Organization", u.id);
  if (u.parent_unit_id) o["partOf"] = reference("Location", *u.parent_unit_id);
  return o;
}

}  // namespace nara::interop::fhir
