-- Issue 19 point 7: continuity of care (COC, UPC) kept as sums per unit and month, made from the
-- contacts by the indicator domain itself (domain::indicators::ContinuityTally), so a follow-up of
-- a county does not read its millions of contacts each time. `follow_up_rollups` says which
-- contacts a rollup was made from (the latest recorded_at, and how many), so a stale one is made
-- anew before it is read.
CREATE TABLE continuity_unit_months (
  unit_id TEXT NOT NULL REFERENCES units (id),
  month TEXT NOT NULL,                      -- YYYY-MM, the last month of the window
  coc_sum DOUBLE PRECISION NOT NULL,
  coc_persons INTEGER NOT NULL,
  upc_sum DOUBLE PRECISION NOT NULL,
  upc_persons INTEGER NOT NULL,
  PRIMARY KEY (unit_id, month)
);

CREATE TABLE follow_up_rollups (
  name TEXT PRIMARY KEY,
  source_watermark TEXT NOT NULL,            -- e.g. "<max recorded_at>|<rows>" of the source
  computed_at TEXT NOT NULL
);

-- The follow-up reads ready periods and admission notices by when they were sent.
CREATE INDEX episode_ready_periods_by_sent ON episode_ready_periods (sent_at);
CREATE INDEX notices_by_kind_sent ON notices (kind, sent_at);
