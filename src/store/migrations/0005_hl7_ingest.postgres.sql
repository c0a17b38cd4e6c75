-- HL7 v2 ADT in (issue 4): each accepted message once per sender and control id (MSH-10), so a
-- resent message is acknowledged again without a second effect, and the sender's own patient
-- identifiers for persons Nära registered with a reservnummer.
CREATE TABLE hl7_messages (
  sender TEXT NOT NULL,          -- MSH-3^MSH-4
  control_id TEXT NOT NULL,      -- MSH-10
  trigger_event TEXT NOT NULL,   -- A01, A03 …
  episode_id TEXT,
  ack_code TEXT NOT NULL,
  ack_text TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (sender, control_id)
);

-- Found by what made them: a discharge ends the relations its admission made, and an episode's
-- notices are read with it. Without these, both were scans that grew with every episode.
CREATE INDEX care_relations_by_source ON care_relations (source_id);
CREATE INDEX notices_by_episode ON notices (episode_id, sent_at);

CREATE TABLE person_external_ids (
  system TEXT NOT NULL,          -- sender and assigning authority of PID-3
  value TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES persons (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (system, value)
);

-- The integration role (a hospital system's account that sends HL7 v2 ADT).
ALTER TABLE assignments DROP CONSTRAINT assignments_role_check;
ALTER TABLE assignments ADD CONSTRAINT assignments_role_check CHECK (role IN ('ward_nurse',
  'physician', 'district_nurse', 'home_health_care_nurse', 'home_care_staff', 'sip_coordinator',
  'unit_manager', 'log_reviewer', 'county_administrator', 'citizen', 'integration'));
