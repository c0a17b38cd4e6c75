-- Lawful access (PDL 2008:355, Lag 2022:913) and the audit log (HSLF-FS 2016:40 4 kap.).

-- Vårdrelation: a unit takes part in the person's care (PDL 4:1). Created by the events that
-- make it (admission, accepted request, listing, decisions, SIP) and ended with them.
CREATE TABLE care_relations (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  origin TEXT NOT NULL CHECK (origin IN ('admission', 'accepted_request', 'listing', 'home_care_decision',
    'home_health_care_decision', 'sip_participation', 'manual')),
  reason TEXT,                              -- required for manual relations
  source_id TEXT,                           -- the episode, request, decision or plan that made it
  started_at TEXT NOT NULL,
  ended_at TEXT,
  created_by TEXT REFERENCES users (id),
  CHECK (origin <> 'manual' OR reason IS NOT NULL)
);
CREATE INDEX care_relations_by_unit ON care_relations (unit_id, person_id, ended_at);
CREATE INDEX care_relations_by_person ON care_relations (person_id, ended_at);

-- Samtycke (2022:913 3:1): the person consents to a provider taking part of other providers' data.
CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  care_provider_id TEXT NOT NULL REFERENCES care_providers (id),  -- who may now read others' data
  scope TEXT NOT NULL CHECK (scope IN ('shared_documentation', 'sip')),
  given_by TEXT NOT NULL CHECK (given_by IN ('person', 'legal_representative')),
  given_at TEXT NOT NULL,
  valid_until TEXT,
  withdrawn_at TEXT,
  recorded_by TEXT REFERENCES users (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX consents_by_person ON consents (person_id, care_provider_id);

-- Spärr: within a provider, another unit's data (PDL 4:4); across providers, all of the blocking
-- provider's data (2022:913 2:3). Lifted only at the person's request.
CREATE TABLE blocks (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  care_provider_id TEXT NOT NULL REFERENCES care_providers (id),  -- whose data are blocked
  unit_id TEXT REFERENCES units (id),      -- within-provider block of one unit's data; NULL: all
  kind TEXT NOT NULL CHECK (kind IN ('within_provider', 'across_providers')),
  reason TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users (id),
  lifted_at TEXT,
  lifted_by TEXT REFERENCES users (id)
);
CREATE INDEX blocks_by_person ON blocks (person_id, lifted_at);

-- Nödåtkomst (2022:913 3:5–3:6, PDL 4:5 p.2): stated reason, limited in time, reviewed later.
CREATE TABLE emergency_accesses (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  assignment_id TEXT NOT NULL REFERENCES assignments (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  reason TEXT NOT NULL,
  started_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX emergency_by_person ON emergency_accesses (person_id, unit_id, expires_at);

-- The audit log: append-only and hash-chained. seq is assigned by the writer under the chain
-- head's lock, so the chain has one order on both engines.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  user_id TEXT,
  user_hsa_id TEXT,
  assignment_id TEXT,
  role TEXT,
  unit_id TEXT,
  unit_hsa_id TEXT,
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
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_person ON audit_log (person_id, seq);
CREATE INDEX audit_by_provider ON audit_log (care_provider_id, seq);

CREATE TABLE audit_chain_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Loggkontroll: a reviewer's documented outcome for one entry (HSLF-FS 2016:40 4:9 p.5–6).
CREATE TABLE log_reviews (
  id TEXT PRIMARY KEY,
  audit_seq BIGINT NOT NULL REFERENCES audit_log (seq),
  care_provider_id TEXT NOT NULL REFERENCES care_providers (id),
  reviewer_user_id TEXT NOT NULL REFERENCES users (id),
  outcome TEXT NOT NULL CHECK (outcome IN ('justified', 'unjustified', 'needs_follow_up')),
  note TEXT,
  reviewed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX log_reviews_once ON log_reviews (audit_seq, care_provider_id);
