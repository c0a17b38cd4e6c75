-- The audit log's lookups by person and by care provider as tables filled in bulk, instead of
-- indexes on audit_entries written with every entry (issue 3, point 9; docs/access.md). The log's
-- keys always grow at an index's right edge, and SQLite rebalances the rightmost leaf together
-- with its two left siblings whenever it fills, so a group commit of 18 entries rewrote three
-- leaves and a parent of each index: 8 of its 14 WAL pages. With many persons each entry also
-- lands on its own random leaf of the person index. Now the writer only appends entries; every
-- few thousand entries, or when it is idle, one transaction copies the new entries' keys here and
-- moves audit_chain_head.indexed_seq, so each page of these tables is written once per batch.
-- Readers look up entries up to indexed_seq here and scan the few after it (rowids above
-- indexed_seq); migration 0012 fills the tables from the existing log.
-- On SQLite the tables are WITHOUT ROWID: the key is the table, nothing else is written.
CREATE TABLE audit_person_index (
  person_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (person_id, seq)
) WITHOUT ROWID;

CREATE TABLE audit_provider_index (
  care_provider_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (care_provider_id, seq)
) WITHOUT ROWID;

ALTER TABLE audit_chain_head ADD COLUMN indexed_seq INTEGER NOT NULL DEFAULT 0;
