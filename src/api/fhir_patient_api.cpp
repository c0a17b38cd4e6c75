// Patient at /fhir/R4/Patient (docs/fhir.md, "Patient"): read through the registry's policy and
// audit (GET /api/v1/persons/{id}), search by identifier through the registry's lookup, other
// searches with access in the query and one list entry per page.
#include "api/fhir_resources.hpp"
#include "core/identifiers.hpp"
#include "core/stockholm_time.hpp"
#include "domain/access/policy.hpp"
#include "interop/fhir/patient.hpp"
#include "store/time_codec.hpp"

namespace nara::api::fhir {

using domain::registry::Person;

namespace {

// birthdate and _lastUpdated as bounds of the column's own text (dates, store instants).
void add_bounds(std::vector<store::TextBound>& bounds, const Parameter& p, bool dates) {
  using Prefix = DateRange::Prefix;
  const DateRange r = date_range(p, dates);
  const std::string start = dates ? *r.start_date : store::to_db_time(r.start);
  const std::string end = dates ? *r.end_date : store::to_db_time(r.end);
  switch (r.prefix) {
    case Prefix::eq:
      bounds.push_back({true, start});
      bounds.push_back({false, end});
      break;
    case Prefix::ge:
      bounds.push_back({true, start});
      break;
    case Prefix::gt:
      bounds.push_back({true, end});
      break;
    case Prefix::le:
      bounds.push_back({false, end});
      break;
    case Prefix::lt:
      bounds.push_back({false, start});
      break;
    case Prefix::ne:
      bad_parameter(p.name, "Prefixet ne stöds inte här (eq, gt, lt, ge, le).", "date.prefix");
  }
}

// Whether `identifier` can name anyone: false for a system no person's number comes from. A
// value that is not a valid identifier of its system is a 400 naming the parameter.
bool read_identifier(const Parameter& p, const core::Clock& clock, service::PatientQuery& query) {
  const Token t = token(p);
  if (t.code.empty()) bad_parameter(p.name, "Ange identiteten som system|värde.", "identifier");
  const auto today = core::stockholm::local_date(clock.now());
  const bool with_system = t.system && !t.system->empty();
  const auto parsed = with_system
                          ? core::PersonIdentifier::try_parse_for_system(*t.system, t.code, today)
                          : core::PersonIdentifier::try_parse(t.code, today);
  if (!parsed) {
    if (parsed.error().rule == "identifier.system") return false;
    bad_parameter(p.name, parsed.error().detail, parsed.error().rule);
  }
  query.identifier = t.code;
  if (with_system) query.identifier_system = *t.system;
  return true;
}

}  // namespace

boost::json::object patient_for(const Person& p, const domain::access::Actor& viewer) {
  const bool own = viewer.person_id && *viewer.person_id == p.id;
  const bool show_address =
      !p.protected_identity ||
      domain::access::may_see_protected_address(viewer.role, own, viewer.protected_address_access);
  return interop::fhir::patient(p, show_address);
}

std::optional<std::string> string_value(const Search& search, std::string_view name) {
  const Parameter* p = search.one(name);
  if (!p) return std::nullopt;
  if (p->value.size() > 100) bad_parameter(p->name, "Högst 100 tecken.", "string.max_length");
  return p->value;
}

Page page_of(std::vector<boost::json::object> all, const Search& search) {
  Page page;
  page.total = static_cast<std::int64_t>(all.size());
  for (std::size_t i = search.offset; i < all.size() && i < search.offset + search.count; ++i) {
    page.matches.push_back(std::move(all[i]));
  }
  return page;
}

ResourceType patient_type(Services& services) {
  ResourceType t;
  t.name = "Patient";
  t.documentation =
      "Persons (invånare, patienter, brukare) of the registry. Read and search pass the access "
      "policy of the REST API and are logged per person; a search page is one list entry.";
  t.patient_compartment = true;
  t.parameters = {
      {"_id", "token", "The logical id"},
      {"identifier", "token",
       "system|value: personnummer urn:oid:1.2.752.129.2.1.3.1, samordningsnummer "
       "urn:oid:1.2.752.129.2.1.3.3, reservnummer by its issuer's system; a value alone in any "
       "written form"},
      {"name", "string", "Start of the family or a given name (case-insensitive)"},
      {"family", "string", "Start of the family name"},
      {"given", "string", "Start of a given name"},
      {"birthdate", "date", "Birth date, with eq, gt, lt, ge or le"},
      {"gender", "token", "female | male (juridiskt kön)"},
      {"_lastUpdated", "date", "When the record last changed, with eq, gt, lt, ge or le"},
  };
  t.read = [&services](http::Context& c, const std::string& id) {
    const Person p = services.registry.get_person(c.who(), id);
    return Resource{patient_for(p, c.who()), p.stamp.version};
  };
  t.search = [&services](http::Context& c, const Search& s) {
    service::PatientQuery q;
    if (const auto* p = s.one("identifier"); p && !read_identifier(*p, services.clock, q)) {
      return Page{};
    }
    if (const auto* p = s.one("_id")) q.criteria.id = p->value;
    q.criteria.name_prefix = string_value(s, "name");
    q.criteria.family_prefix = string_value(s, "family");
    q.criteria.given_prefix = string_value(s, "given");
    if (const auto* p = s.one("gender")) q.criteria.legal_sex = token(*p).code;
    for (const auto* p : s.all("birthdate")) add_bounds(q.criteria.birth_date, *p, true);
    for (const auto* p : s.all("_lastUpdated")) add_bounds(q.criteria.updated_at, *p, false);
    const auto found = services.fhir.search_patients(c.who(), std::move(q), s.offset, s.count);
    Page page;
    page.total = found.total;
    for (const auto& person : found.items) page.matches.push_back(patient_for(person, c.who()));
    return page;
  };
  return t;
}

}  // namespace nara::api::fhir
