-- Retention of the audit log (HSLF-FS 2016:40 4:9 p.7: at least five years). When old entries are
-- removed, a checkpoint keeps the hash of the last removed entry so the rest still verifies.
CREATE TABLE audit_checkpoints (
  seq BIGINT PRIMARY KEY,
  hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  removed_before TEXT NOT NULL
);
