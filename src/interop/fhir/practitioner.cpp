#include "interop/fhir/practitioner.hpp"

#include "interop/fhir/common.hpp"

namespace nara::interop::fhir {

namespace json = boost::json;

json::object practitioner(const domain::registry::User& u) {
  json::object o{{"resourceType", "Practitioner"},
                 {"id", u.id},
                 {"meta", meta(u.stamp.version, u.stamp.updated_at)}};
  if (u.hsa_id) o["identifier"] = json::array{identifier(kHsaIdSystem, *u.hsa_id, "official")};
  o["active"] = u.active;
  // The directory keeps one display name; it is not split into given and family names.
  o["name"] = json::array{json::object{{"text", u.display_name}}};
  return o;
}

json::object practitioner_role(const domain::registry::Assignment& a) {
  json::object o{{"resourceType", "PractitionerRole"},
                 {"id", a.id},
                 {"meta", meta(a.stamp.version, a.stamp.updated_at)},
                 {"active", a.active},
                 {"practitioner", reference("Practitioner", a.user_id)}};
  if (a.unit_id) {
    o["organization"] = reference("Organization", *a.unit_id, a.unit_name);
    o["location"] = json::array{reference("Location", *a.unit_id, a.unit_name)};
  }
  json::object code = concept_of(kAssignmentRoleSystem, domain::access::to_string(a.role),
                                 domain::access::swedish_title(a.role));
  if (!a.title.empty()) code["text"] = a.title;
  o["code"] = json::array{std::move(code)};
  return o;
}

}  // namespace nara::interop::fhir
