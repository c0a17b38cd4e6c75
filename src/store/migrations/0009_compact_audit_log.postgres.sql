-- The audit log in a compact form (issue 3, point 9: audit writes must keep reads fast). Every
-- entry repeated its actor's six identity fields (~170 bytes) and the previous entry's hash (64);
-- the writer's cost per entry follows its bytes (WAL pages written and synced). Migration 0009
-- creates the tables (their keys and indexes differ by engine), 0010 moves the log into them:
--   audit_actors   each distinct actor once, append-only: who, in which assignment and unit;
--   audit_entries  the entries, pointing at their actor; the previous hash is the previous
--                  entry's hash, so it is not stored again;
--   audit_log      a view with the old columns, so readers and the review queries are unchanged.
-- Hashes are unchanged: an entry's hash still covers every field and the previous hash.
-- actor_key is the length-prefixed text of the six fields (NULL as '-'), the writer's lookup key.
CREATE TABLE audit_actors (
  id BIGINT PRIMARY KEY,
  actor_key TEXT NOT NULL UNIQUE,
  user_id TEXT,
  user_hsa_id TEXT,
  assignment_id TEXT,
  role TEXT,
  unit_id TEXT,
  unit_hsa_id TEXT
);

CREATE TABLE audit_entries (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id BIGINT NOT NULL REFERENCES audit_actors (id),
  care_provider_id TEXT,
  person_id TEXT,
  action TEXT NOT NULL CHECK (action IN ('read', 'create', 'update', 'export', 'print', 'block', 'unblock',
    'consent', 'emergency_access', 'denied', 'review')),
  object_type TEXT NOT NULL,
  object_id TEXT,
  outcome TEXT NOT NULL,
  purpose TEXT,
  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  without_relation INTEGER NOT NULL DEFAULT 0 CHECK (without_relation IN (0, 1)),
  request_id TEXT,
  hash TEXT NOT NULL
);

CREATE INDEX audit_entries_by_person ON audit_entries (person_id, seq);
CREATE INDEX audit_entries_by_provider ON audit_entries (care_provider_id, seq);
