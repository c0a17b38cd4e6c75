-- Issue 20 point 3: FHIR R4 import (`nara import fhir`, POST /fhir/R4; docs/fhir.md, "Import").
-- Persons go to `persons`, inpatient stays to `inpatient_episodes`, visits to `care_contacts`;
-- what Nära had no place for gets its own table here.

-- Every key an imported resource was known by in its source: each identifier (system, value) and
-- the bundle entry's fullUrl (system urn:ietf:rfc:3986, e.g. a urn:uuid). A resource with a key
-- here is found instead of created, so importing the same bundle again changes nothing, and a
-- later bundle may refer to it by its urn:uuid. `target_id` is the row the resource became:
-- persons, external_organisations, external_practitioners, imported_encounters or
-- person_conditions, by `resource_type`.
CREATE TABLE fhir_import_keys (
  resource_type TEXT NOT NULL CHECK (resource_type IN ('Patient', 'Organization', 'Practitioner',
    'Encounter', 'Condition')),
  system TEXT NOT NULL,
  value TEXT NOT NULL,
  target_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (resource_type, system, value)
);
CREATE INDEX fhir_import_keys_by_target ON fhir_import_keys (target_id);

-- Organisations and practitioners outside Nära that imported encounters name (Synthea's American
-- providers and physicians). They are not Nära units or users: nobody signs in as them, and no
-- access to anyone's data follows from them.
CREATE TABLE external_organisations (
  id TEXT PRIMARY KEY,
  name TEXT,                               -- R4 org-1: a name or an identifier
  type_code TEXT,                          -- Organization.type, its first code (e.g. prov)
  active INTEGER CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL
);

CREATE TABLE external_practitioners (
  id TEXT PRIMARY KEY,
  caregiver_key TEXT NOT NULL,             -- "system|value" of its first identifier (care_contacts)
  given_name TEXT,
  family_name TEXT,
  profession TEXT NOT NULL CHECK (profession IN ('physician', 'nurse', 'other')),
  created_at TEXT NOT NULL
);

-- Every imported Encounter as the source told it. An inpatient one (class IMP) is also an
-- inpatient episode; an ambulatory, virtual or home one with a known practitioner is also a care
-- contact at the person's health centre; the others (EMER …) are kept here only.
CREATE TABLE imported_encounters (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  class_code TEXT NOT NULL,                -- v3 ActCode: IMP, AMB, EMER, VR, HH …
  status TEXT NOT NULL,
  type_system TEXT,
  type_code TEXT,
  type_display TEXT,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  practitioner_id TEXT REFERENCES external_practitioners (id),
  organisation_id TEXT REFERENCES external_organisations (id),
  episode_id TEXT REFERENCES inpatient_episodes (id),
  care_contact_id TEXT REFERENCES care_contacts (id),
  created_at TEXT NOT NULL
);
CREATE INDEX imported_encounters_by_person ON imported_encounters (person_id, started_at);

-- A person's conditions (diagnoses, problems) from an import: the code as sent, and its ICD-10
-- code when one of its codings is ICD-10 (Synthea's are SNOMED CT only). Onset, abatement and
-- the recorded date are FHIR dateTimes: a full one as a stored instant, a partial one ("1987",
-- "1987-05", "1987-05-12") as sent.
CREATE TABLE person_conditions (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  code_system TEXT NOT NULL,
  code TEXT NOT NULL,
  display TEXT,
  icd10_code TEXT,
  clinical_status TEXT,
  verification_status TEXT,
  onset TEXT,
  abatement TEXT,
  recorded_date TEXT,
  encounter_id TEXT REFERENCES imported_encounters (id),
  created_at TEXT NOT NULL
);
CREATE INDEX person_conditions_by_person ON person_conditions (person_id);

-- Where an inpatient episode came from: Nära's own discharge chain (the API, HL7 v2, the demo), or
-- a FHIR import of a stay that is history, which the discharge chain's indicators leave out.
ALTER TABLE inpatient_episodes ADD COLUMN origin TEXT NOT NULL DEFAULT 'nara'
  CHECK (origin IN ('nara', 'fhir_import'));
