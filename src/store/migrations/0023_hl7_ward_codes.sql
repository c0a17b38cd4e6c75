-- Issue 20 point 5: HL7 v2 as hospitals send it (docs/discharge.md, "HL7 v2 ADT in").

-- The hospitals' own ward codes: PV1-3.1 point of care, read with the facility whose code it is
-- (PV1-3.4, else MSH-4 sending facility), mapped to a Nära hospital ward by the county
-- administrator. An HSA-id in PV1-3.1 needs no row here.
CREATE TABLE hl7_ward_codes (
  id TEXT PRIMARY KEY,
  facility TEXT NOT NULL,
  point_of_care TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  note TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (facility, point_of_care)
);
CREATE INDEX hl7_ward_codes_by_unit ON hl7_ward_codes (unit_id);

-- Messages refused because a code was not in the table (AE, ERR-3 103), and the later messages
-- for the same visit that could not be applied without them (ERR-3 204), kept so the
-- administrator can process them again once the code is mapped, or discard them. `message` is
-- the text as received; it is emptied once the message is processed or discarded. The sender's
-- account is kept so a re-run acts, and is logged, as the sender.
CREATE TABLE hl7_held_messages (
  id TEXT PRIMARY KEY,
  sender TEXT NOT NULL,                 -- MSH-3^MSH-4, as hl7_messages
  control_id TEXT NOT NULL,             -- MSH-10
  trigger_event TEXT NOT NULL,
  facility TEXT NOT NULL,
  point_of_care TEXT NOT NULL,
  visit_number TEXT NOT NULL,           -- PV1-19
  message TEXT NOT NULL,
  sender_user_id TEXT,
  sender_name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'processed', 'discarded')),
  received_at TEXT NOT NULL,
  last_attempt_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  ack_code TEXT NOT NULL,
  error_code INTEGER NOT NULL,
  reason TEXT NOT NULL,
  episode_id TEXT,
  processed_at TEXT,
  processed_by TEXT,
  UNIQUE (sender, control_id)
);
CREATE INDEX hl7_held_messages_open ON hl7_held_messages (state, received_at);
CREATE INDEX hl7_held_messages_by_visit ON hl7_held_messages (sender, visit_number, state);
