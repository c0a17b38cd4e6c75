-- Core registry: principals (huvudmän), care providers, units, staff, assignments, persons,
-- sessions. Portable SQL for SQLite and PostgreSQL: ids are text, instants are ISO 8601 UTC text
-- (sortable), flags are integers 0/1.

CREATE TABLE principals (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('region', 'municipality')),
  name TEXT NOT NULL,
  organisation_number TEXT NOT NULL UNIQUE,
  area_code TEXT NOT NULL UNIQUE,            -- länskod (region) or kommunkod (municipality)
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE care_providers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hsa_id TEXT NOT NULL UNIQUE,
  organisation_number TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- One provider may be owned by several principals (the Norrtälje model's joint organisation).
CREATE TABLE care_provider_owners (
  care_provider_id TEXT NOT NULL REFERENCES care_providers (id) ON DELETE CASCADE,
  principal_id TEXT NOT NULL REFERENCES principals (id),
  PRIMARY KEY (care_provider_id, principal_id)
);
CREATE INDEX care_provider_owners_principal ON care_provider_owners (principal_id);

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  care_provider_id TEXT NOT NULL REFERENCES care_providers (id),
  parent_unit_id TEXT REFERENCES units (id),
  hsa_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('hospital', 'hospital_ward', 'health_centre',
    'home_health_care', 'home_care', 'residential_care', 'administration')),
  municipality_code TEXT NOT NULL,
  locality TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX units_provider ON units (care_provider_id, name, id);
CREATE INDEX units_name ON units (name, id);

CREATE TABLE persons (
  id TEXT PRIMARY KEY,
  identifier TEXT NOT NULL UNIQUE,          -- canonical 12 characters, no separator
  identifier_kind TEXT NOT NULL CHECK (identifier_kind IN ('personnummer', 'samordningsnummer',
    'national_reservnummer', 'local_reservnummer')),
  identifier_system TEXT NOT NULL,          -- OID of the identifier's issuer
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  search_key TEXT NOT NULL,                 -- lower-case "family given" for name search
  birth_date TEXT,
  legal_sex TEXT CHECK (legal_sex IN ('female', 'male')),
  municipality_code TEXT,                   -- folkbokföringskommun
  street_address TEXT,
  postal_code TEXT,
  locality TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  protected_identity INTEGER NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),
  deceased_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX persons_by_name ON persons (family_name, given_name, id);
CREATE INDEX persons_by_municipality ON persons (municipality_code, family_name, given_name, id);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,            -- lower-case
  display_name TEXT NOT NULL,
  hsa_id TEXT UNIQUE,                       -- staff HSA-id; NULL for citizens
  person_id TEXT UNIQUE REFERENCES persons (id),  -- the citizen's own person record
  password_hash TEXT NOT NULL,              -- argon2id encoded string (libsodium)
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE assignments (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  unit_id TEXT REFERENCES units (id),
  role TEXT NOT NULL CHECK (role IN ('ward_nurse', 'physician', 'district_nurse',
    'home_health_care_nurse', 'home_care_staff', 'sip_coordinator', 'unit_manager',
    'log_reviewer', 'county_administrator', 'citizen')),
  title TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((role = 'citizen' AND unit_id IS NULL) OR (role <> 'citizen' AND unit_id IS NOT NULL))
);
CREATE UNIQUE INDEX assignments_unique ON assignments (user_id, unit_id, role);
CREATE INDEX assignments_by_unit ON assignments (unit_id);

-- Sessions live in the database so app nodes stay stateless. Only a hash of the token is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  assignment_id TEXT REFERENCES assignments (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  absolute_expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed sign-ins per account name (whether or not the account exists: no enumeration).
CREATE TABLE login_throttle (
  username TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_failure_at TEXT NOT NULL,
  locked_until TEXT
);
