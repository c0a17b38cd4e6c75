#pragma once
// What the FHIR R4 façade (docs/fhir.md) reads, under the same rules as the REST API: every read
// of a person's data passes the access policy of the service the REST API uses for it and leaves
// the same audit entry; a search page showing several persons is one list entry naming them all.
// Directory data (organisations, units, staff) are not personal health data but still need the
// role's permission to read the directory, as in REST.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/access/actor.hpp"
#include "domain/registry/model.hpp"
#include "service/context.hpp"
#include "store/episode_repository.hpp"
#include "store/fhir_repository.hpp"

namespace nara::service {

template <class T>
struct Counted {
  std::vector<T> items;    // one page
  std::int64_t total = 0;  // every match the reader may see
};

struct PatientQuery {
  // Personnummer, samordningsnummer or reservnummer, with the system that issued it when given.
  std::optional<std::string> identifier;
  std::optional<std::string> identifier_system;
  // The other criteria; the service sets the access fields (related_to_unit, only_person).
  store::PersonSearch criteria;
};

struct EncounterItem {
  store::EpisodeRecord record;
  std::string updated_at;
  bool content_hidden = false;  // the reader may know it exists, not what it holds
};

// Everything of the organisation directory, read in one transaction.
struct Directory {
  std::vector<domain::registry::Principal> principals;
  std::vector<domain::registry::CareProvider> providers;
  std::vector<domain::registry::Unit> units;
};
using DirectoryEntry = std::variant<domain::registry::Principal, domain::registry::CareProvider,
                                    domain::registry::Unit>;

class FhirService {
 public:
  explicit FhirService(ServiceContext context) : ctx_(context) {}

  // Persons matching `query` that the reader may see, one page ordered by name. By identifier:
  // the registry's own lookup (POST /api/v1/persons/search), with its decision and its entry,
  // allowed or denied. Otherwise access is a predicate of the query (PDL 4:1; the county
  // administrator's demographics, PDL 4:2; a citizen's own record only, PDL 5:5) and the page is
  // one list entry naming every person on it.
  Counted<domain::registry::Person> search_patients(const domain::access::Actor& actor,
                                                    PatientQuery query, std::size_t offset,
                                                    std::size_t limit);

  // One episode as GET /api/v1/episodes/{id} reads it (policy and audit of EpisodeService::get).
  EncounterItem encounter(const domain::access::Actor& actor, const std::string& id);
  // A person's episodes as GET /api/v1/persons/{id}/episodes lists them (EpisodeService::of_person:
  // the gate, each episode's own decision, one entry), with each episode's full record.
  std::vector<EncounterItem> encounters_of_person(const domain::access::Actor& actor,
                                                  const std::string& person_id);

  Directory directory(const domain::access::Actor& actor);
  DirectoryEntry organization(const domain::access::Actor& actor, const std::string& id);
  domain::registry::Unit unit(const domain::access::Actor& actor, const std::string& id);
  // Staff accounts: neither citizens' accounts nor system accounts (the integration role).
  std::vector<domain::registry::User> practitioners(const domain::access::Actor& actor);
  domain::registry::User practitioner(const domain::access::Actor& actor, const std::string& id);
  Counted<domain::registry::Assignment> practitioner_roles(const domain::access::Actor& actor,
                                                           const store::AssignmentSearch& search,
                                                           std::size_t offset, std::size_t limit);
  domain::registry::Assignment practitioner_role(const domain::access::Actor& actor,
                                                 const std::string& id);

 private:
  Counted<domain::registry::Person> patients_by_identifier(const domain::access::Actor& actor,
                                                           const PatientQuery& query,
                                                           std::size_t offset, std::size_t limit);
  ServiceContext ctx_;
};

}  // namespace nara::service
