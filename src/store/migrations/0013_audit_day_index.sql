-- Each day's first and last entry of the audit log (days of `at`, UTC). A log review asks for a
-- care provider's accesses in a period; the provider lookup is keyed by sequence number, so
-- without this it read every entry the provider ever had and filtered them by time. The range
-- is taken from the entries themselves, so it holds even where `at` is not in sequence order
-- (a clock set back). Filled with the lookup tables (AuditRepository::index_pending); entries
-- after indexed_seq are found by scanning the log's tail, as for the lookups.
CREATE TABLE audit_day_index (
  day TEXT PRIMARY KEY,
  first_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL
);

INSERT INTO audit_day_index (day, first_seq, last_seq)
SELECT substr(e.at, 1, 10), MIN(e.seq), MAX(e.seq)
FROM audit_entries e, audit_chain_head h
WHERE h.id = 1 AND e.seq <= h.indexed_seq
GROUP BY substr(e.at, 1, 10);
