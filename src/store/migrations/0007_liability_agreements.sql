-- Kommunens betalningsansvar as data (Lag 2017:612 5 kap.; issue 4 point 3): Socialstyrelsen's
-- amounts per vårddygn by year (5:6), the region's local agreements (4 kap. 5 §) with their
-- validity periods, and per episode the 5:5 exception and the placing municipality (5:2).

-- 5:6: the amount per vårddygn absent a local agreement. Years not found yet are missing on
-- purpose: the report names them as problems instead of pricing them at zero.
CREATE TABLE statutory_liability_amounts (
  year INTEGER PRIMARY KEY,
  amount_per_day INTEGER NOT NULL CHECK (amount_per_day > 0),
  source TEXT NOT NULL,
  confidence TEXT NOT NULL              -- V: verified against the text, S: secondary source
);
INSERT INTO statutory_liability_amounts (year, amount_per_day, source, confidence) VALUES
  (2019, 7800, 'HSLF-FS 2018:67, https://lagen.nu/hslf-fs/2018:67', 'V'),
  (2020, 8200, 'GITS/VästKom quoting Socialstyrelsen; Stockholm psykiatristöd routine', 'S'),
  (2022, 9300, 'Vårdsamverkan Skåne, https://xn--vrdsamverkanskne-dobn.se/2021/12/14/belopp-for-vard-av-utskrivningsklara-patienter/', 'S'),
  (2023, 10500, 'HSLF-FS 2022:60 (secondary source)', 'S');

-- A local agreement. Nullable terms are the statute's (5:4). Never edited in place once made:
-- it is ended (valid_to) or replaced by a new row (replaces_id), so a month already billed keeps
-- the agreement valid then.
CREATE TABLE liability_agreements (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  municipality_code TEXT,                 -- kommunkod; NULL: every municipality of the region
  valid_from TEXT NOT NULL,               -- YYYY-MM-DD, Stockholm calendar, inclusive
  valid_to TEXT,                          -- inclusive; NULL: until further notice
  offset_days INTEGER,
  noon_rule INTEGER CHECK (noon_rule IN (0, 1)),
  count_day0 INTEGER CHECK (count_day0 IN (0, 1)),
  count_discharge_day INTEGER CHECK (count_discharge_day IN (0, 1)),
  model TEXT NOT NULL CHECK (model IN ('per_episode', 'monthly_average')),
  average_threshold_days INTEGER,
  source TEXT,                            -- the decision or document the agreement is
  replaces_id TEXT REFERENCES liability_agreements (id),
  created_by TEXT REFERENCES users (id),
  created_at TEXT NOT NULL,
  ended_by TEXT REFERENCES users (id),
  ended_at TEXT
);
CREATE INDEX liability_agreements_by_municipality ON liability_agreements (municipality_code, valid_from);

CREATE TABLE liability_agreement_amounts (
  agreement_id TEXT NOT NULL REFERENCES liability_agreements (id),
  year INTEGER NOT NULL,
  amount_per_day INTEGER NOT NULL CHECK (amount_per_day > 0),
  PRIMARY KEY (agreement_id, year)
);

-- 5:5: the region's outpatient care did not have its insatser in place, or it was not clarified
-- whether it had, for these local dates (inclusive).
CREATE TABLE episode_region_not_ready (
  id TEXT PRIMARY KEY,
  episode_id TEXT NOT NULL REFERENCES inpatient_episodes (id) ON DELETE CASCADE,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_by TEXT REFERENCES users (id),
  unit_id TEXT REFERENCES units (id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX episode_region_not_ready_by_episode ON episode_region_not_ready (episode_id, from_date);

-- 5:2: the municipality that placed the person in särskilt boende in another municipality pays.
-- Recorded per episode: liability is settled per episode, and the placement in force during that
-- stay is what counts; Nära holds no register of SoL placement decisions over time.
CREATE TABLE episode_placing_municipality (
  episode_id TEXT PRIMARY KEY REFERENCES inpatient_episodes (id) ON DELETE CASCADE,
  municipality_code TEXT NOT NULL,
  decision_reference TEXT,
  recorded_by TEXT REFERENCES users (id),
  unit_id TEXT REFERENCES units (id),
  recorded_at TEXT NOT NULL
);
