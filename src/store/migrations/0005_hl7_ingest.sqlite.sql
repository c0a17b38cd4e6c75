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

-- The integration role (a hospital system's account that sends HL7 v2 ADT). SQLite cannot alter a
-- CHECK constraint; widening one changes no stored row, so the table's schema text is edited in
-- place — the procedure SQLite documents for this (sqlite.org/lang_altertable.html, "making other
-- kinds of table schema changes"). The runner bumps schema_version after every SQLite migration,
-- so every open connection reloads the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''county_administrator'', ''citizen'')',
    '''county_administrator'', ''citizen'', ''integration'')')
  WHERE type = 'table' AND name = 'assignments';
PRAGMA writable_schema = OFF;
