#include "store/fhir_import_repository.hpp"

namespace nara::store {

namespace {

Value opt_flag(const std::optional<bool>& flag) {
  return flag ? Value{std::int64_t{*flag ? 1 : 0}} : Value{nullptr};
}

}  // namespace

std::optional<std::string> FhirImportRepository::find(std::string_view resource_type,
                                                      const std::vector<SourceKey>& keys) {
  for (const auto& key : keys) {
    const auto rs = tx_.query(
        "SELECT target_id FROM fhir_import_keys WHERE resource_type = ? AND system = ? AND "
        "value = ?",
        std::string(resource_type), key.system, key.value);
    if (!rs.empty()) return rs.row(0).text(0);
  }
  return std::nullopt;
}

std::size_t FhirImportRepository::keep_keys(std::string_view resource_type,
                                            const std::vector<SourceKey>& keys,
                                            const std::string& target_id, const std::string& now) {
  std::size_t added = 0;
  for (const auto& key : keys) {
    added += static_cast<std::size_t>(
        tx_.query("INSERT INTO fhir_import_keys (resource_type, system, value, target_id, "
                  "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  std::string(resource_type), key.system, key.value, target_id, now)
            .affected_rows);
  }
  return added;
}

void FhirImportRepository::insert_organisation(const ExternalOrganisationRow& row,
                                               const std::string& now) {
  tx_.query(
      "INSERT INTO external_organisations (id, name, type_code, active, created_at) VALUES (?, ?, "
      "?, ?, ?)",
      row.id, optional_value(row.name), optional_value(row.type_code), opt_flag(row.active), now);
}

void FhirImportRepository::insert_practitioner(const ExternalPractitionerRow& row,
                                               const std::string& now) {
  tx_.query(
      "INSERT INTO external_practitioners (id, caregiver_key, given_name, family_name, "
      "profession, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      row.id, row.caregiver_key, row.given_name, row.family_name, row.profession, now);
}

std::optional<ExternalPractitionerRow> FhirImportRepository::practitioner(const std::string& id) {
  const auto rs = tx_.query(
      "SELECT id, caregiver_key, COALESCE(given_name, ''), COALESCE(family_name, ''), "
      "profession FROM external_practitioners WHERE id = ?",
      id);
  if (rs.empty()) return std::nullopt;
  const Row r = rs.row(0);
  return ExternalPractitionerRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)};
}

void FhirImportRepository::insert_encounter(const ImportedEncounterRow& row,
                                            const std::string& now) {
  tx_.query(
      "INSERT INTO imported_encounters (id, person_id, class_code, status, type_system, "
      "type_code, type_display, started_at, ended_at, practitioner_id, organisation_id, "
      "episode_id, care_contact_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      row.id, row.person_id, row.class_code, row.status, optional_value(row.type_system),
      optional_value(row.type_code), optional_value(row.type_display), row.started_at,
      optional_value(row.ended_at), optional_value(row.practitioner_id),
      optional_value(row.organisation_id), optional_value(row.episode_id),
      optional_value(row.care_contact_id), now);
}

std::optional<std::string> FhirImportRepository::episode_of_encounter(
    const std::string& encounter_id) {
  const auto rs =
      tx_.query("SELECT episode_id FROM imported_encounters WHERE id = ?", encounter_id);
  if (rs.empty() || rs.row(0).is_null(0)) return std::nullopt;
  return rs.row(0).text(0);
}

void FhirImportRepository::insert_condition(const PersonConditionRow& row, const std::string& now) {
  tx_.query(
      "INSERT INTO person_conditions (id, person_id, code_system, code, display, icd10_code, "
      "clinical_status, verification_status, onset, abatement, recorded_date, encounter_id, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      row.id, row.person_id, row.code_system, row.code, optional_value(row.display),
      optional_value(row.icd10_code), optional_value(row.clinical_status),
      optional_value(row.verification_status), optional_value(row.onset),
      optional_value(row.abatement), optional_value(row.recorded_date),
      optional_value(row.encounter_id), now);
}

void FhirImportRepository::insert_episode(const ImportedEpisodeRow& row, const std::string& now) {
  tx_.query(
      "INSERT INTO inpatient_episodes (id, person_id, ward_unit_id, state, admitted_at, "
      "discharged_at, origin, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
      "'fhir_import', 1, ?, ?)",
      row.id, row.person_id, row.ward_unit_id,
      std::string(row.discharged_at ? "discharged" : "admitted"), row.admitted_at,
      optional_value(row.discharged_at), now, now);
}

void FhirImportRepository::insert_contact(const ImportedContactRow& row, const std::string& now) {
  tx_.query(
      "INSERT INTO care_contacts (id, person_id, unit_id, caregiver_key, profession, kind, at, "
      "source, source_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, "
      "?)",
      row.id, row.person_id, row.unit_id, row.caregiver_key, row.profession, row.kind, row.at,
      row.source_id, optional_value(row.recorded_by), now);
}

void FhirImportRepository::add_episode_diagnosis(const std::string& episode_id,
                                                 const std::string& icd10_code) {
  tx_.query(
      "INSERT INTO episode_diagnoses (episode_id, rank, icd10_code) SELECT ?, COALESCE(MAX(rank), "
      "0) + 1, ? FROM episode_diagnoses WHERE episode_id = ?",
      episode_id, icd10_code, episode_id);
}

std::vector<std::string> FhirImportRepository::municipality_codes() {
  const auto rs =
      tx_.query("SELECT area_code FROM principals WHERE kind = 'municipality' ORDER BY area_code");
  std::vector<std::string> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) out.push_back(rs.row(i).text(0));
  return out;
}

std::vector<PlacementUnit> FhirImportRepository::units(std::string_view kind,
                                                       bool without_psychiatric_care) {
  const auto rs = tx_.query(
      std::string("SELECT id, hsa_id, municipality_code FROM units WHERE kind = ? AND active = 1") +
          (without_psychiatric_care ? " AND psychiatric_care = 0" : "") + " ORDER BY hsa_id",
      std::string(kind));
  std::vector<PlacementUnit> out;
  out.reserve(rs.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const Row r = rs.row(i);
    out.push_back(PlacementUnit{r.text(0), r.text(1), r.text(2)});
  }
  return out;
}

std::optional<std::string> FhirImportRepository::listing_unit(const std::string& person_id) {
  const auto rs = tx_.query(
      "SELECT unit_id FROM care_relations WHERE person_id = ? AND origin = 'listing' AND ended_at "
      "IS NULL ORDER BY started_at, id LIMIT 1",
      person_id);
  if (rs.empty()) return std::nullopt;
  return rs.row(0).text(0);
}

}  // namespace nara::store
