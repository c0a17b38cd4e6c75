-- List entries (docs/access.md): one chained entry for a list shown (a worklist, a ward board, a
-- visit plan) that names every person listed, instead of one entry per person. The persons are a
-- column of the entry, a JSON array of their ids (sorted, without repeats), NULL for an ordinary
-- entry: the writer's group commit then writes one row per list whatever its length. A 500-person
-- list is ~20 kB of text (overflow pages on SQLite, TOAST on PostgreSQL): 29 kB of WAL on SQLite
-- and 22 kB on PostgreSQL, against 37 and 118 kB for 500 rows of a (seq, person) table of its own
-- and 169 and 225 kB for 500 entries (docs/access.md).
-- Readers find a list entry by person through audit_person_index, which AuditRepository's
-- index_pending fills with one row per person listed (json_each on SQLite,
-- json_array_elements_text on PostgreSQL); until then they expand the lists in the log's tail.
-- The hash covers the list; an entry without one hashes as before.
ALTER TABLE audit_entries ADD COLUMN listed_person_ids TEXT;

DROP VIEW audit_log;

CREATE VIEW audit_log AS
SELECT e.seq, e.at, a.user_id, a.user_hsa_id, a.assignment_id, a.role, a.unit_id, a.unit_hsa_id,
  e.care_provider_id, e.person_id, e.action, e.object_type, e.object_id, e.outcome, e.purpose,
  e.flagged, e.without_relation, e.request_id, e.hash, e.listed_person_ids
FROM audit_entries e JOIN audit_actors a ON a.id = e.actor_id;
