-- The audit log's lookups by person and by care provider as tables filled in bulk; see the SQLite
-- version of this migration for why. The same tables on both engines keep one reader and writer.
CREATE TABLE audit_person_index (
  person_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (person_id, seq)
);

CREATE TABLE audit_provider_index (
  care_provider_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (care_provider_id, seq)
);

ALTER TABLE audit_chain_head ADD COLUMN indexed_seq BIGINT NOT NULL DEFAULT 0;
