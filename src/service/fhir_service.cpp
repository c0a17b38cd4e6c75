#include "service/fhir_service.hpp"

#include "domain/access/policy.hpp"
#include "service/audit_log.hpp"
#include "service/authorization.hpp"
#include "service/episode_service.hpp"
#include "service/registry_service.hpp"
#include "store/registry_repository.hpp"

// Persons and episodes for the FHIR façade; the directory is in fhir_directory.cpp.
namespace nara::service {

using domain::access::Actor;
using domain::access::Permission;
using domain::access::Role;
using domain::registry::Person;

namespace {

bool narrows(const store::PersonSearch& s) {
  return s.id || s.identifier || s.name_prefix || s.family_prefix || s.given_prefix ||
         s.legal_sex || !s.birth_date.empty() || !s.updated_at.empty();
}

Counted<Person> load_persons(store::Transaction& tx, const store::PersonSearch& search,
                             std::size_t offset, std::size_t limit) {
  const auto page = store::FhirRepository(tx).persons(search, offset, limit);
  Counted<Person> out;
  out.total = page.total;
  store::RegistryRepository registry(tx);
  for (const auto& id : page.ids) {
    if (auto person = registry.find_person(id)) out.items.push_back(std::move(*person));
  }
  return out;
}

}  // namespace

Counted<Person> FhirService::search_patients(const Actor& actor, PatientQuery query,
                                             std::size_t offset, std::size_t limit) {
  store::PersonSearch& search = query.criteria;
  search.related_to_unit.reset();
  search.only_person.reset();
  std::string rule;
  if (actor.role == Role::citizen) {
    // A citizen's searches cover their own record only (PDL 5:5), by identifier as well: the
    // answer is empty for anyone else's number, so it says nothing about whether they exist.
    if (!actor.person_id) return {};
    search.only_person = actor.person_id;
    if (query.identifier) {
      search.identifier = parse_person_identifier(*query.identifier, query.identifier_system,
                                                  ctx_.clock, "identifier")
                              .canonical();
    }
    rule = "PDL 5:5";
  } else if (query.identifier) {
    return patients_by_identifier(actor, query, offset, limit);
  } else {
    require(actor, Permission::read_person_registry);
    if (actor.role == Role::county_administrator) {
      rule = "PDL 4:2";  // demographics, for registering persons
    } else {
      if (!actor.unit_id) return {};
      search.related_to_unit = actor.unit_id;
      rule = "PDL 4:1";
    }
  }
  auto found =
      ctx_.db.read([&](store::Transaction& tx) { return load_persons(tx, search, offset, limit); });
  if (found.items.empty()) return found;
  // The page shown is one access to each person on it (PDL 4:3): one entry names them all.
  std::vector<std::string> persons;
  bool protected_address_shown = false;
  for (const auto& p : found.items) {
    persons.push_back(p.id);
    protected_address_shown =
        protected_address_shown || (p.protected_identity && actor.person_id != p.id &&
                                    domain::access::may_see_protected_address(
                                        actor.role, false, actor.protected_address_access));
  }
  std::string outcome = "allowed: " + rule;
  if (protected_address_shown) outcome += "; OSL 22:1 (skyddad adress visad, särskild behörighet)";
  auto entry = list_read_entry(actor, ctx_.clock, "patient_search", std::nullopt,
                               std::move(persons), std::move(outcome));
  entry.without_relation = !search.related_to_unit.has_value();
  entry.purpose = "fhir search";
  ctx_.audit->record({std::move(entry)});
  return found;
}

Counted<Person> FhirService::patients_by_identifier(const Actor& actor, const PatientQuery& query,
                                                    std::size_t offset, std::size_t limit) {
  Person person;
  try {
    person = RegistryService(ctx_).find_person_by_identifier(actor, *query.identifier,
                                                             query.identifier_system);
  } catch (const core::ProblemError& e) {
    if (e.problem().status == 404) return {};  // nobody, or nobody the reader may see
    throw;
  }
  if (narrows(query.criteria)) {
    // The other criteria narrow the one match; the read itself is logged already.
    store::PersonSearch only = query.criteria;
    only.id = person.id;
    only.identifier.reset();
    const auto matches = ctx_.db.read(
        [&](store::Transaction& tx) { return store::FhirRepository(tx).persons(only, 0, 0); });
    if (matches.total == 0) return {};
  }
  Counted<Person> out;
  out.total = 1;
  if (offset == 0 && limit > 0) out.items.push_back(std::move(person));
  return out;
}

EncounterItem FhirService::encounter(const Actor& actor, const std::string& id) {
  auto view = EpisodeService(ctx_).get(actor, id);
  auto updated = ctx_.db.read(
      [&](store::Transaction& tx) { return store::FhirRepository(tx).episode_updated_at(id); });
  if (!updated) not_found();
  return EncounterItem{std::move(view.record), std::move(*updated), view.content_hidden};
}

std::vector<EncounterItem> FhirService::encounters_of_person(const Actor& actor,
                                                             const std::string& person_id) {
  const auto listed = EpisodeService(ctx_).of_person(actor, person_id);
  return ctx_.db.read([&](store::Transaction& tx) {
    std::vector<EncounterItem> items;
    store::EpisodeRepository episodes(tx);
    store::FhirRepository fhir(tx);
    for (const auto& shown : listed) {
      auto record = episodes.find(shown.id);
      auto updated = fhir.episode_updated_at(shown.id);
      if (!record || !updated) continue;
      items.push_back(EncounterItem{std::move(*record), std::move(*updated), shown.content_hidden});
    }
    return items;
  });
}

}  // namespace nara::service
