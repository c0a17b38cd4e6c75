-- Issue 7: joint home-visit plans of region and municipalities. A plan is the checked solver
-- result as one JSON document (per caregiver the visits with times, the continuity score), the
-- units whose staff take part (only they may read it) and the persons in it (for the audit log
-- and for finding a person's data).
CREATE TABLE visit_plans (
  id TEXT PRIMARY KEY,
  plan_date TEXT NOT NULL,                 -- YYYY-MM-DD, the planned day
  title TEXT NOT NULL,
  feasible INTEGER NOT NULL,               -- 1: the independent checker found no violation
  caregivers INTEGER NOT NULL,             -- with at least one visit
  visits INTEGER NOT NULL,                 -- scheduled caregiver visits
  content TEXT NOT NULL,
  created_by TEXT REFERENCES users (id),   -- NULL when seeded
  created_at TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0          -- 1: the demo county's made-up day
);
CREATE INDEX visit_plans_by_date ON visit_plans (plan_date, created_at);

CREATE TABLE visit_plan_units (
  plan_id TEXT NOT NULL REFERENCES visit_plans (id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units (id),
  PRIMARY KEY (plan_id, unit_id)
);
CREATE INDEX visit_plan_units_by_unit ON visit_plan_units (unit_id);

CREATE TABLE visit_plan_persons (
  plan_id TEXT NOT NULL REFERENCES visit_plans (id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES persons (id),
  PRIMARY KEY (plan_id, person_id)
);
CREATE INDEX visit_plan_persons_by_person ON visit_plan_persons (person_id);
