#pragma once
// What the FHIR import reads and writes (migration 0025; docs/fhir.md, "Import"): the keys an
// imported resource is found by again, the external organisations and practitioners, imported
// encounters and conditions, and the rows they also become in Nära's own tables (inpatient
// episodes, care contacts, episode diagnoses). Portable SQL; the service decides.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/database.hpp"

namespace nara::store {

// An identifier (system, value) of a resource in its source, or its fullUrl as a URI.
struct SourceKey {
  std::string system;
  std::string value;
};

struct ExternalOrganisationRow {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> type_code;
  std::optional<bool> active;
};

struct ExternalPractitionerRow {
  std::string id;
  std::string caregiver_key;
  std::string given_name;
  std::string family_name;
  std::string profession;  // physician | nurse | other
};

struct ImportedEncounterRow {
  std::string id;
  std::string person_id;
  std::string class_code;
  std::string status;
  std::optional<std::string> type_system;
  std::optional<std::string> type_code;
  std::optional<std::string> type_display;
  std::string started_at;  // db time
  std::optional<std::string> ended_at;
  std::optional<std::string> practitioner_id;
  std::optional<std::string> organisation_id;
  std::optional<std::string> episode_id;
  std::optional<std::string> care_contact_id;
};

struct PersonConditionRow {
  std::string id;
  std::string person_id;
  std::string code_system;
  std::string code;
  std::optional<std::string> display;
  std::optional<std::string> icd10_code;
  std::optional<std::string> clinical_status;
  std::optional<std::string> verification_status;
  std::optional<std::string> onset;
  std::optional<std::string> abatement;
  std::optional<std::string> recorded_date;
  std::optional<std::string> encounter_id;
};

// An inpatient stay told by an import: history (discharged) or, without an end, still going.
struct ImportedEpisodeRow {
  std::string id;
  std::string person_id;
  std::string ward_unit_id;
  std::string admitted_at;  // db time
  std::optional<std::string> discharged_at;
};

struct ImportedContactRow {
  std::string id;
  std::string person_id;
  std::string unit_id;
  std::string caregiver_key;
  std::string profession;
  std::string kind;  // visit | video | home_visit
  std::string at;
  std::string source_id;  // the imported encounter
  std::optional<std::string> recorded_by;
};

// A unit the import can place people or stays at.
struct PlacementUnit {
  std::string id;
  std::string hsa_id;
  std::string municipality_code;
};

class FhirImportRepository {
 public:
  explicit FhirImportRepository(Transaction& tx) : tx_(tx) {}

  // The row a resource of `resource_type` became, by the first of its keys an import has kept.
  std::optional<std::string> find(std::string_view resource_type,
                                  const std::vector<SourceKey>& keys);
  // Keeps the keys for `target_id`; a key already kept (for it or, rarely, another) stays as it
  // was. Returns how many were new.
  std::size_t keep_keys(std::string_view resource_type, const std::vector<SourceKey>& keys,
                        const std::string& target_id, const std::string& now);

  void insert_organisation(const ExternalOrganisationRow& row, const std::string& now);
  void insert_practitioner(const ExternalPractitionerRow& row, const std::string& now);
  std::optional<ExternalPractitionerRow> practitioner(const std::string& id);
  void insert_encounter(const ImportedEncounterRow& row, const std::string& now);
  // The inpatient episode an imported encounter also became, if it did.
  std::optional<std::string> episode_of_encounter(const std::string& encounter_id);
  void insert_condition(const PersonConditionRow& row, const std::string& now);

  void insert_episode(const ImportedEpisodeRow& row, const std::string& now);
  void insert_contact(const ImportedContactRow& row, const std::string& now);
  // Adds the code after the episode's other diagnoses (the next rank).
  void add_episode_diagnosis(const std::string& episode_id, const std::string& icd10_code);

  // Where imported people and stays go: the county's municipalities (kommunkod, in order), the
  // active units of a kind (by HSA-id), and a person's health centre (an open listing).
  std::vector<std::string> municipality_codes();
  std::vector<PlacementUnit> units(std::string_view kind, bool without_psychiatric_care);
  std::optional<std::string> listing_unit(const std::string& person_id);

 private:
  Transaction& tx_;
};

}  // namespace nara::store
