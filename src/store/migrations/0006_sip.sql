-- Issue 5: SIP (HSL 16:4, SoL 2025:400 10:8–9) with its version history and meetings, the
-- county's responsibility catalogue (ansvarsfördelning), requests between units and named
-- contacts (fast vårdkontakt, fast omsorgskontakt).

-- Each version is immutable once published; a plan keeps the version it was made under. The
-- service types and their rules are one JSON document (`content`), read whole by the service.
CREATE TABLE responsibility_catalogue_versions (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL UNIQUE,
  title TEXT NOT NULL,
  valid_from TEXT NOT NULL,                -- YYYY-MM-DD, inclusive
  valid_to TEXT,                           -- YYYY-MM-DD, inclusive; NULL until replaced
  source TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0,         -- 1: made up for the demo county
  content TEXT NOT NULL,
  created_by TEXT REFERENCES users (id),
  created_at TEXT NOT NULL
);

-- The plan's content (participants, needs, interventions, measures by others, goals, follow-ups,
-- consent) is one JSON document, so a version is one row and history is exact.
CREATE TABLE coordinated_plans (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  state TEXT NOT NULL CHECK (state IN ('draft', 'active', 'under_follow_up', 'closed')),
  initiated_by_unit_id TEXT NOT NULL REFERENCES units (id),
  catalogue_version_id TEXT REFERENCES responsibility_catalogue_versions (id),
  episode_id TEXT REFERENCES inpatient_episodes (id),
  content TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX coordinated_plans_by_person ON coordinated_plans (person_id, created_at);

-- Every version of every plan: who changed what, when.
CREATE TABLE coordinated_plan_versions (
  plan_id TEXT NOT NULL REFERENCES coordinated_plans (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  state TEXT NOT NULL,
  content TEXT NOT NULL,
  change TEXT NOT NULL,                    -- create | edit | an event | meeting_outcome …
  changed_fields TEXT NOT NULL,            -- comma-separated top-level fields that differ
  changed_by TEXT REFERENCES users (id),
  changed_by_name TEXT NOT NULL,
  unit_id TEXT REFERENCES units (id),
  changed_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, version)
);

CREATE TABLE sip_meetings (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES coordinated_plans (id) ON DELETE CASCADE,
  starts_at TEXT NOT NULL,
  place TEXT,
  video_link TEXT,
  state TEXT NOT NULL CHECK (state IN ('invited', 'held', 'cancelled')),
  invited_by TEXT NOT NULL REFERENCES users (id),
  invited_at TEXT NOT NULL,
  outcome TEXT,
  held_at TEXT,
  CHECK (place IS NOT NULL OR video_link IS NOT NULL)
);
CREATE INDEX sip_meetings_by_plan ON sip_meetings (plan_id, starts_at);

CREATE TABLE sip_meeting_replies (
  meeting_id TEXT NOT NULL REFERENCES sip_meetings (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL,            -- the participant's id in the plan's content
  reply TEXT NOT NULL CHECK (reply IN ('accepted', 'declined', 'tentative')),
  comment TEXT,
  replied_by TEXT REFERENCES users (id),
  replied_at TEXT NOT NULL,
  PRIMARY KEY (meeting_id, participant_id)
);

-- Requests between units (begäran om insats) with receipts and answers.
CREATE TABLE care_requests (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  type TEXT NOT NULL,
  from_unit_id TEXT NOT NULL REFERENCES units (id),
  to_unit_id TEXT NOT NULL REFERENCES units (id),
  plan_id TEXT REFERENCES coordinated_plans (id),
  description TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('sent', 'received', 'accepted', 'declined', 'done', 'cancelled')),
  sent_by TEXT NOT NULL REFERENCES users (id),
  sent_at TEXT NOT NULL,
  due_at TEXT,
  received_at TEXT,
  accepted_at TEXT,
  declined_at TEXT,
  decline_reason TEXT,
  done_at TEXT,
  cancelled_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (state <> 'declined' OR decline_reason IS NOT NULL)
);
CREATE INDEX care_requests_inbox ON care_requests (to_unit_id, state, sent_at);
CREATE INDEX care_requests_outbox ON care_requests (from_unit_id, state, sent_at);

-- Each step of a request, with who took it: the receipts.
CREATE TABLE care_request_events (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES care_requests (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,                    -- order within the request (instants may tie)
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  reason TEXT
);
CREATE UNIQUE INDEX care_request_events_by_request ON care_request_events (request_id, seq);

-- Fast vårdkontakt (region; 2017:612 2 kap. 5 §) and fast omsorgskontakt (municipality).
CREATE TABLE named_contacts (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  kind TEXT NOT NULL CHECK (kind IN ('fast_vardkontakt', 'fast_omsorgskontakt')),
  user_id TEXT NOT NULL REFERENCES users (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  source TEXT NOT NULL CHECK (source IN ('manual', 'episode')),
  source_id TEXT,
  created_by TEXT REFERENCES users (id),
  created_at TEXT NOT NULL
);
CREATE INDEX named_contacts_by_person ON named_contacts (person_id, valid_to);
