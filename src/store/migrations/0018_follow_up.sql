-- Issue 19: follow-up against målbild 2030 and proactive care (domain-rules §1.6, §4). The facts
-- the indicators and the risk scores need that the discharge chain did not keep yet, and the
-- proactive list's recorded actions.

-- Akut or planerad inskrivning (HL7 v2 PV1-4: E/U acute, R/C/… planned); NULL: not told. Tells
-- unplanned readmissions apart (Socialstyrelsen 2014, domain-rules §4.3) and is LACE's "A".
ALTER TABLE inpatient_episodes ADD COLUMN admission_kind TEXT
  CHECK (admission_kind IN ('acute', 'planned'));
CREATE INDEX episodes_by_discharge ON inpatient_episodes (discharged_at);

-- The stay's diagnoses (ICD-10-SE, HL7 v2 DG1-3), in the order given; rank 1 is the main one.
-- The comorbidity proxy of the readmission risk and the "≥ 3 diagnoses in ≥ 3 groups" of the
-- mest sjuka äldre are counted from these (domain-rules §4.1).
CREATE TABLE episode_diagnoses (
  episode_id TEXT NOT NULL REFERENCES inpatient_episodes (id) ON DELETE CASCADE,
  rank INTEGER NOT NULL CHECK (rank >= 1),
  icd10_code TEXT NOT NULL,
  PRIMARY KEY (episode_id, rank)
);

-- Contacts held with a person: home visits, visits at the unit, phone and video. The continuity
-- indicators (COC, UPC; domain-rules §4.3) count them per caregiver. `caregiver_key` names the
-- member of staff (their user id, or the home-visit plan's caregiver id when staff are not
-- users); `profession` lets continuity be followed per profession (SKR Primärvårdskvalitet).
CREATE TABLE care_contacts (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  caregiver_key TEXT NOT NULL,
  profession TEXT NOT NULL CHECK (profession IN ('physician', 'nurse', 'home_care', 'therapist',
    'other')),
  kind TEXT NOT NULL CHECK (kind IN ('home_visit', 'visit', 'phone', 'video')),
  at TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('api', 'visit_plan', 'import', 'demo')),
  source_id TEXT,
  recorded_by TEXT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX care_contacts_by_unit ON care_contacts (unit_id, at);
CREATE INDEX care_contacts_by_person ON care_contacts (person_id, at);

-- Hemtjänst granted per person and month, in hours (the "≥ 25 timmar hemtjänst/månad" of the
-- mest sjuka äldre, domain-rules §4.1). Municipalities report it; absent: not known.
CREATE TABLE home_care_hours (
  person_id TEXT NOT NULL REFERENCES persons (id),
  month TEXT NOT NULL,                     -- YYYY-MM
  unit_id TEXT NOT NULL REFERENCES units (id),
  hours DOUBLE PRECISION NOT NULL CHECK (hours >= 0),
  PRIMARY KEY (person_id, month, unit_id)
);

-- What a health centre or a municipality decided for a person on its proactive list (Proaktiv
-- lista): offer a SIP, appoint a named contact, plan a home visit, or assessed with no action until
-- `next_review_on`. The risk and the reasons shown when it was decided are kept with it, so a
-- reviewer sees what the decision was made on. Counted by the indicators.
CREATE TABLE proactive_actions (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  kind TEXT NOT NULL CHECK (kind IN ('offer_sip', 'appoint_named_contact', 'plan_home_visit',
    'assessed_no_action')),
  note TEXT,
  next_review_on TEXT,                     -- YYYY-MM-DD; required for assessed_no_action
  risk_score INTEGER,
  reasons TEXT NOT NULL,                   -- JSON: the reasons shown with the person
  recorded_by TEXT NOT NULL REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  CHECK (kind <> 'assessed_no_action' OR next_review_on IS NOT NULL)
);
CREATE INDEX proactive_actions_by_unit ON proactive_actions (unit_id, recorded_at);
CREATE INDEX proactive_actions_by_person ON proactive_actions (person_id, recorded_at);

-- The inhabitants per municipality and age, counted by birth month for each month followed up
-- (the denominator "per 1 000 invånare 65+"), read without touching the rest of the row.
CREATE INDEX persons_by_municipality_birth ON persons (municipality_code, birth_date, deceased_on);
