// The directory at /fhir/R4: Organization (principals, care providers and units), Location
// (units), Practitioner (staff) and PractitionerRole (their assignments). docs/fhir.md. Not
// personal health data, but read under the role's directory permission as in REST; a county's
// directory is hundreds of rows, searched in memory on the mapped resources.
#include <algorithm>
#include <set>

#include "api/fhir_resources.hpp"
#include "interop/fhir/common.hpp"
#include "interop/fhir/organization.hpp"
#include "interop/fhir/practitioner.hpp"
#include "store/text_search.hpp"

namespace nara::api::fhir {

namespace json = boost::json;
namespace mapping = interop::fhir;

namespace {

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// FHIR string search: the value starts the name, or a word in it, ignoring case.
bool name_matches(std::string_view name, std::string_view wanted) {
  const std::string key = store::search_key(name);
  const std::string prefix = store::search_key(wanted);
  return key.starts_with(prefix) || key.find(" " + prefix) != std::string::npos;
}

std::string normalised(std::string_view system, std::string value) {
  if (system == mapping::kOrganisationNumberSystem) std::erase(value, '-');
  return value;
}

bool has_identifier(const json::object& r, const Token& t) {
  const auto* ids = r.if_contains("identifier");
  if (!ids || !ids->is_array()) return false;
  return std::any_of(ids->as_array().begin(), ids->as_array().end(), [&](const json::value& id) {
    const std::string system = text_of(id.as_object(), "system");
    if (t.system && *t.system != system) return false;
    return normalised(system, text_of(id.as_object(), "value")) == normalised(system, t.code);
  });
}

// Whether a CodeableConcept (or an array of them) under `key` has the token's code.
bool has_code(const json::object& r, std::string_view key, const Token& t) {
  const auto* v = r.if_contains(key);
  if (!v) return false;
  const auto concept_has = [&](const json::value& concept_value) {
    const auto* codings = concept_value.as_object().if_contains("coding");
    if (!codings) return false;
    return std::any_of(codings->as_array().begin(), codings->as_array().end(),
                       [&](const json::value& c) {
                         return (!t.system || *t.system == text_of(c.as_object(), "system")) &&
                                text_of(c.as_object(), "code") == t.code;
                       });
  };
  if (v->is_array()) return std::any_of(v->as_array().begin(), v->as_array().end(), concept_has);
  return concept_has(*v);
}

// Whether the reference under `key` (an object or an array of them) names Type/id.
bool refers_to(const json::object& r, std::string_view key, std::string_view type,
               const std::string& id) {
  const auto* v = r.if_contains(key);
  if (!v) return false;
  const std::string wanted = std::string(type) + "/" + id;
  const auto names = [&](const json::value& ref) {
    return text_of(ref.as_object(), "reference") == wanted;
  };
  if (v->is_array()) return std::any_of(v->as_array().begin(), v->as_array().end(), names);
  return names(*v);
}

bool flag_matches(const json::object& r, std::string_view key, const Parameter& p) {
  if (p.value != "true" && p.value != "false") {
    bad_parameter(p.name, "Ska vara true eller false.", "boolean");
  }
  const auto* v = r.if_contains(key);
  return v && v->is_bool() && v->as_bool() == (p.value == "true");
}

// The criteria every directory type shares: _id, identifier, name, and the reference parameters
// given as (parameter, element, target type).
bool common_matches(const json::object& r, const Search& s,
                    const std::vector<std::tuple<std::string, std::string, std::string>>& refs) {
  if (const auto* p = s.one("_id"); p && text_of(r, "id") != p->value) return false;
  if (const auto* p = s.one("identifier"); p && !has_identifier(r, token(*p))) return false;
  if (const auto name = string_value(s, "name")) {
    std::string text = text_of(r, "name");
    if (const auto* names = r.if_contains("name"); names && names->is_array()) {
      text = text_of(names->as_array().at(0).as_object(), "text");
    }
    if (!name_matches(text, *name)) return false;
  }
  for (const auto& [param, element, target] : refs) {
    const auto* p = s.one(param);
    if (!p) continue;
    const auto id = reference_id(*p, target);
    if (!id || !refers_to(r, element, target, *id)) return false;
  }
  return true;
}

Page sorted_page(std::vector<json::object> all, const Search& s) {
  std::stable_sort(all.begin(), all.end(), [](const json::object& a, const json::object& b) {
    const auto name = [](const json::object& o) {
      if (const auto* n = o.if_contains("name"); n && n->is_array())
        return text_of(n->as_array().at(0).as_object(), "text");
      return text_of(o, "name");
    };
    return std::pair(name(a), text_of(a, "id")) < std::pair(name(b), text_of(b, "id"));
  });
  return page_of(std::move(all), s);
}

}  // namespace

ResourceType organization_type(Services& services) {
  ResourceType t;
  t.name = "Organization";
  t.documentation =
      "Principals (regions, kommuner), care providers (vårdgivare) and units (vårdenheter, "
      "HSA-id urn:oid:1.2.752.29.4.19). A unit is also a Location with the same id.";
  t.parameters = {
      {"_id", "token", "The logical id"},
      {"identifier", "token",
       "HSA-id (urn:oid:1.2.752.29.4.19) or organisationsnummer (urn:oid:2.5.4.97)"},
      {"name", "string", "Start of the name or of a word in it"},
      {"type", "token", "region | municipality | care-provider | care-unit, or a unit kind"},
      {"partof", "reference", "The organisation it is part of"},
      {"active", "token", "true | false"},
  };
  t.read = [&services](http::Context& c, const std::string& id) {
    return std::visit(
        [](const auto& entry) {
          return Resource{mapping::organization(entry), entry.stamp.version};
        },
        services.fhir.organization(c.who(), id));
  };
  t.search = [&services](http::Context& c, const Search& s) {
    const auto directory = services.fhir.directory(c.who());
    std::vector<json::object> all;
    for (const auto& p : directory.principals) all.push_back(mapping::organization(p));
    for (const auto& p : directory.providers) all.push_back(mapping::organization(p));
    for (const auto& u : directory.units) all.push_back(mapping::organization(u));
    std::erase_if(all, [&](const json::object& r) {
      if (!common_matches(r, s, {{"partof", "partOf", "Organization"}})) return true;
      if (const auto* p = s.one("type"); p && !has_code(r, "type", token(*p))) return true;
      const auto* active = s.one("active");
      return active && !flag_matches(r, "active", *active);
    });
    return sorted_page(std::move(all), s);
  };
  return t;
}

ResourceType location_type(Services& services) {
  ResourceType t;
  t.name = "Location";
  t.documentation =
      "Where each unit is (name, locality, coordinates), with the unit as its managing "
      "Organization (the same id) and its parent unit's Location as partOf.";
  t.parameters = {
      {"_id", "token", "The logical id"},
      {"identifier", "token", "HSA-id (urn:oid:1.2.752.29.4.19)"},
      {"name", "string", "Start of the name or of a word in it"},
      {"type", "token", "The unit kind (hospital_ward, health_centre, …)"},
      {"organization", "reference", "The managing Organization (the unit)"},
      {"partof", "reference", "The Location it is part of"},
      {"status", "token", "active | inactive"},
  };
  t.read = [&services](http::Context& c, const std::string& id) {
    const auto unit = services.fhir.unit(c.who(), id);
    return Resource{mapping::location(unit), unit.stamp.version};
  };
  t.search = [&services](http::Context& c, const Search& s) {
    const auto directory = services.fhir.directory(c.who());
    std::vector<json::object> all;
    for (const auto& u : directory.units) all.push_back(mapping::location(u));
    std::erase_if(all, [&](const json::object& r) {
      if (!common_matches(r, s,
                          {{"organization", "managingOrganization", "Organization"},
                           {"partof", "partOf", "Location"}})) {
        return true;
      }
      if (const auto* p = s.one("type"); p && !has_code(r, "type", token(*p))) return true;
      const auto* status = s.one("status");
      return status && text_of(r, "status") != status->value;
    });
    return sorted_page(std::move(all), s);
  };
  return t;
}

ResourceType practitioner_type(Services& services) {
  ResourceType t;
  t.name = "Practitioner";
  t.documentation =
      "Staff (not citizens' or system accounts): HSA-id and name only, never account data.";
  t.parameters = {
      {"_id", "token", "The logical id"},
      {"identifier", "token", "HSA-id (urn:oid:1.2.752.29.4.19)"},
      {"name", "string", "Start of the name or of a word in it"},
      {"active", "token", "true | false"},
  };
  t.read = [&services](http::Context& c, const std::string& id) {
    const auto user = services.fhir.practitioner(c.who(), id);
    return Resource{mapping::practitioner(user), user.stamp.version};
  };
  t.search = [&services](http::Context& c, const Search& s) {
    std::vector<json::object> all;
    for (const auto& u : services.fhir.practitioners(c.who())) {
      all.push_back(mapping::practitioner(u));
    }
    std::erase_if(all, [&](const json::object& r) {
      if (!common_matches(r, s, {})) return true;
      const auto* active = s.one("active");
      return active && !flag_matches(r, "active", *active);
    });
    return sorted_page(std::move(all), s);
  };
  return t;
}

ResourceType practitioner_role_type(Services& services) {
  ResourceType t;
  t.name = "PractitionerRole";
  t.documentation =
      "Assignments (medarbetaruppdrag): a member of staff in a role at a unit. Citizens' and "
      "system accounts' assignments are not practitioner roles.";
  t.parameters = {
      {"_id", "token", "The logical id"},
      {"practitioner", "reference", "The member of staff"},
      {"organization", "reference", "The unit (Organization)"},
      {"location", "reference", "The unit (Location)"},
      {"role", "token", "The assignment's role (ward_nurse, physician, district_nurse, …)"},
      {"active", "token", "true | false"},
  };
  t.includes = {"PractitionerRole:practitioner"};
  t.read = [&services](http::Context& c, const std::string& id) {
    const auto a = services.fhir.practitioner_role(c.who(), id);
    return Resource{mapping::practitioner_role(a), a.stamp.version};
  };
  t.search = [&services](http::Context& c, const Search& s) {
    store::AssignmentSearch q;
    bool none = false;
    const auto reference = [&](const char* name, const char* type) -> std::optional<std::string> {
      const auto* p = s.one(name);
      if (!p) return std::nullopt;
      auto id = reference_id(*p, type);
      if (!id) none = true;
      return id;
    };
    if (const auto* p = s.one("_id")) q.id = p->value;
    q.user_id = reference("practitioner", "Practitioner");
    q.unit_id = reference("organization", "Organization");
    if (const auto location = reference("location", "Location")) {
      if (q.unit_id && *q.unit_id != *location) none = true;
      q.unit_id = location;
    }
    if (const auto* p = s.one("role")) q.role = token(*p).code;
    if (const auto* p = s.one("active")) {
      if (p->value != "true" && p->value != "false") {
        bad_parameter(p->name, "Ska vara true eller false.", "boolean");
      }
      q.active = p->value == "true";
    }
    if (none) return Page{};
    const auto found = services.fhir.practitioner_roles(c.who(), q, s.offset, s.count);
    Page page;
    page.total = found.total;
    std::set<std::string> users;
    for (const auto& a : found.items) {
      page.matches.push_back(mapping::practitioner_role(a));
      users.insert(a.user_id);
    }
    if (s.includes_type("PractitionerRole:practitioner")) {
      for (const auto& id : users) {
        try {
          page.included.push_back(mapping::practitioner(services.fhir.practitioner(c.who(), id)));
        } catch (const core::ProblemError& e) {
          if (e.problem().status != 404) throw;
        }
      }
    }
    return page;
  };
  return t;
}

}  // namespace nara::api::fhir
