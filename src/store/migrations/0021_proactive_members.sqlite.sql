-- Issue 19 point 7: the proactive list of a county health centre read as a page of facts instead
-- of assessed from the county's stays on every request. `proactive_members` keeps, per unit that
-- has opened its list, the facts of each person in its care who can meet a criterion (stays of
-- the last 12 months with their ward and care provider, SÄBO, home care hours, the gaps), made by
-- the same reads as before (store/proactive_population.cpp). No names or personnummer are kept
-- here; the list reads those for the rows it shows.
--
-- Freshness: triggers on every table the facts come from append the changed person, once per unit
-- of theirs that keeps a list, to `proactive_changes`; a list read first makes those persons anew
-- and deletes exactly the change rows it saw (a change committed meanwhile stays for the next
-- read). A unit's facts are also made anew when the local date changes (12-month windows, the
-- last month's hours, ages), and blocks, consents and the care relation itself are checked at
-- every read, as a record read would. Until some unit keeps a list (a new county being seeded),
-- the triggers do nothing.

CREATE TABLE proactive_unit_states (
  unit_id TEXT PRIMARY KEY REFERENCES units (id),
  as_of_date TEXT NOT NULL,                  -- local date the facts were made for; '' until made
  made_at TEXT NOT NULL
);

CREATE TABLE proactive_members (
  unit_id TEXT NOT NULL REFERENCES units (id),
  person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
  birth_date TEXT,
  facts TEXT NOT NULL,                       -- JSON, see store/proactive_members.cpp
  PRIMARY KEY (unit_id, person_id)
);

CREATE TABLE proactive_changes (
  id INTEGER PRIMARY KEY,
  unit_id TEXT NOT NULL,
  person_id TEXT NOT NULL
);
CREATE INDEX proactive_changes_by_unit ON proactive_changes (unit_id, id);
CREATE TRIGGER proactive_episode_inserted AFTER INSERT ON inpatient_episodes
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (NEW.person_id);
END;
CREATE TRIGGER proactive_episode_updated AFTER UPDATE OF person_id, ward_unit_id, state, admitted_at, discharged_at, admission_kind ON inpatient_episodes
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER proactive_episode_deleted AFTER DELETE ON inpatient_episodes
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id);
END;
CREATE TRIGGER proactive_hours_inserted AFTER INSERT ON home_care_hours
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (NEW.person_id);
END;
CREATE TRIGGER proactive_hours_updated AFTER UPDATE ON home_care_hours
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER proactive_hours_deleted AFTER DELETE ON home_care_hours
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id);
END;
CREATE TRIGGER proactive_named_contact_inserted AFTER INSERT ON named_contacts
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (NEW.person_id);
END;
CREATE TRIGGER proactive_named_contact_updated AFTER UPDATE OF person_id, kind, valid_from, valid_to ON named_contacts
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER proactive_named_contact_deleted AFTER DELETE ON named_contacts
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id);
END;
CREATE TRIGGER proactive_plan_inserted AFTER INSERT ON coordinated_plans
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (NEW.person_id);
END;
CREATE TRIGGER proactive_plan_updated AFTER UPDATE OF person_id, kind, state ON coordinated_plans
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER proactive_plan_deleted AFTER DELETE ON coordinated_plans
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id);
END;
CREATE TRIGGER proactive_diagnosis_inserted AFTER INSERT ON episode_diagnoses
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM inpatient_episodes e
    JOIN care_relations c ON c.person_id = e.person_id JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE e.id IN (NEW.episode_id);
END;
CREATE TRIGGER proactive_diagnosis_updated AFTER UPDATE ON episode_diagnoses
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM inpatient_episodes e
    JOIN care_relations c ON c.person_id = e.person_id JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE e.id IN (OLD.episode_id, NEW.episode_id);
END;
CREATE TRIGGER proactive_diagnosis_deleted AFTER DELETE ON episode_diagnoses
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM inpatient_episodes e
    JOIN care_relations c ON c.person_id = e.person_id JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE e.id IN (OLD.episode_id);
END;
CREATE TRIGGER proactive_person_updated AFTER UPDATE OF birth_date, deceased_on ON persons
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (NEW.id);
END;
CREATE TRIGGER proactive_relation_inserted AFTER INSERT ON care_relations
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (NEW.person_id);
END;
CREATE TRIGGER proactive_relation_updated AFTER UPDATE ON care_relations
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id, NEW.person_id);
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT OLD.unit_id, OLD.person_id WHERE EXISTS (SELECT 1 FROM proactive_unit_states s WHERE s.unit_id = OLD.unit_id);
END;
CREATE TRIGGER proactive_relation_deleted AFTER DELETE ON care_relations
  WHEN EXISTS (SELECT 1 FROM proactive_unit_states) BEGIN
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT c.unit_id, c.person_id FROM care_relations c
    JOIN proactive_unit_states s ON s.unit_id = c.unit_id WHERE c.person_id IN (OLD.person_id);
  INSERT INTO proactive_changes (unit_id, person_id)
    SELECT OLD.unit_id, OLD.person_id WHERE EXISTS (SELECT 1 FROM proactive_unit_states s WHERE s.unit_id = OLD.unit_id);
END;
