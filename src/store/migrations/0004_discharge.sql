-- The discharge chain (Lag 2017:612): inpatient episodes, their ready periods and event history,
-- notices between units with acknowledgement, and the outbox every notice is written to.
CREATE TABLE inpatient_episodes (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id),
  ward_unit_id TEXT NOT NULL REFERENCES units (id),
  external_visit_id TEXT UNIQUE,           -- the hospital system's visit number (PV1-19)
  state TEXT NOT NULL,
  admitted_at TEXT NOT NULL,
  needs_assessed_at TEXT,
  needs_social_services INTEGER NOT NULL DEFAULT 0,
  needs_municipal_health_care INTEGER NOT NULL DEFAULT 0,
  needs_region_outpatient INTEGER NOT NULL DEFAULT 0,
  admission_notice_sent_at TEXT,
  planned_discharge TEXT,
  first_acknowledged_at TEXT,
  named_contact_appointed_at TEXT,
  named_contact_user_id TEXT REFERENCES users (id),
  sip_invitation_sent_at TEXT,
  information_transferred_at TEXT,
  discharged_at TEXT,
  ended_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX episodes_by_ward ON inpatient_episodes (ward_unit_id, state);
CREATE INDEX episodes_by_person ON inpatient_episodes (person_id, admitted_at);

CREATE TABLE episode_ready_periods (
  episode_id TEXT NOT NULL REFERENCES inpatient_episodes (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  sent_at TEXT NOT NULL,
  withdrawn_at TEXT,
  PRIMARY KEY (episode_id, seq)
);

CREATE TABLE episode_events (
  id TEXT PRIMARY KEY,
  episode_id TEXT NOT NULL REFERENCES inpatient_episodes (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  user_id TEXT REFERENCES users (id),
  source TEXT NOT NULL,                    -- api | hl7v2
  recorded_at TEXT NOT NULL
);
CREATE INDEX episode_events_by_episode ON episode_events (episode_id, at);

CREATE TABLE notices (
  id TEXT PRIMARY KEY,
  episode_id TEXT NOT NULL REFERENCES inpatient_episodes (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('admission_notice', 'planned_discharge_changed', 'ready_for_discharge',
    'ready_withdrawn', 'sip_invitation', 'discharged')),
  from_unit_id TEXT NOT NULL REFERENCES units (id),
  to_unit_id TEXT NOT NULL REFERENCES units (id),
  sent_at TEXT NOT NULL,
  read_at TEXT,
  acknowledged_at TEXT,
  acknowledged_by TEXT REFERENCES users (id)
);
CREATE INDEX notices_inbox ON notices (to_unit_id, acknowledged_at, sent_at);

-- Written in the same transaction as the change it announces; delivered later by a worker.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  topic TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX outbox_pending ON outbox (delivered_at, created_at);
