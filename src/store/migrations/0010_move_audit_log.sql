-- Moves the audit log into the compact tables of migration 0009 (see there), the same on both
-- engines; the actor keys are computed as the writer computes them (AuditRepository).
INSERT INTO audit_actors (id, actor_key, user_id, user_hsa_id, assignment_id, role, unit_id,
  unit_hsa_id)
SELECT ROW_NUMBER() OVER (ORDER BY actor_key), actor_key, user_id, user_hsa_id, assignment_id, role,
  unit_id, unit_hsa_id
FROM (SELECT DISTINCT
  COALESCE(LENGTH(user_id) || ':' || user_id, '-') || '|' ||
  COALESCE(LENGTH(user_hsa_id) || ':' || user_hsa_id, '-') || '|' ||
  COALESCE(LENGTH(assignment_id) || ':' || assignment_id, '-') || '|' ||
  COALESCE(LENGTH(role) || ':' || role, '-') || '|' ||
  COALESCE(LENGTH(unit_id) || ':' || unit_id, '-') || '|' ||
  COALESCE(LENGTH(unit_hsa_id) || ':' || unit_hsa_id, '-') AS actor_key,
  user_id, user_hsa_id, assignment_id, role, unit_id, unit_hsa_id
FROM audit_log) actors;

INSERT INTO audit_entries (seq, at, actor_id, care_provider_id, person_id, action, object_type,
  object_id, outcome, purpose, flagged, without_relation, request_id, hash)
SELECT l.seq, l.at, a.id, l.care_provider_id, l.person_id, l.action, l.object_type, l.object_id,
  l.outcome, l.purpose, l.flagged, l.without_relation, l.request_id, l.hash
FROM audit_log l JOIN audit_actors a ON a.actor_key =
  COALESCE(LENGTH(l.user_id) || ':' || l.user_id, '-') || '|' ||
  COALESCE(LENGTH(l.user_hsa_id) || ':' || l.user_hsa_id, '-') || '|' ||
  COALESCE(LENGTH(l.assignment_id) || ':' || l.assignment_id, '-') || '|' ||
  COALESCE(LENGTH(l.role) || ':' || l.role, '-') || '|' ||
  COALESCE(LENGTH(l.unit_id) || ':' || l.unit_id, '-') || '|' ||
  COALESCE(LENGTH(l.unit_hsa_id) || ':' || l.unit_hsa_id, '-')
ORDER BY l.seq;

-- log_reviews referred to audit_log (seq). SQLite changes a foreign key only by rebuilding the
-- table, so both engines rebuild it.
CREATE TABLE log_reviews_new (
  id TEXT PRIMARY KEY,
  audit_seq BIGINT NOT NULL REFERENCES audit_entries (seq),
  care_provider_id TEXT NOT NULL REFERENCES care_providers (id),
  reviewer_user_id TEXT NOT NULL REFERENCES users (id),
  outcome TEXT NOT NULL CHECK (outcome IN ('justified', 'unjustified', 'needs_follow_up')),
  note TEXT,
  reviewed_at TEXT NOT NULL
);
INSERT INTO log_reviews_new SELECT id, audit_seq, care_provider_id, reviewer_user_id, outcome, note,
  reviewed_at FROM log_reviews;
DROP TABLE log_reviews;
ALTER TABLE log_reviews_new RENAME TO log_reviews;
CREATE UNIQUE INDEX log_reviews_once ON log_reviews (audit_seq, care_provider_id);

DROP TABLE audit_log;

CREATE VIEW audit_log AS
SELECT e.seq, e.at, a.user_id, a.user_hsa_id, a.assignment_id, a.role, a.unit_id, a.unit_hsa_id,
  e.care_provider_id, e.person_id, e.action, e.object_type, e.object_id, e.outcome, e.purpose,
  e.flagged, e.without_relation, e.request_id, e.hash
FROM audit_entries e JOIN audit_actors a ON a.id = e.actor_id;
