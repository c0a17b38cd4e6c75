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
-- every read, as a record read would.

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
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id TEXT NOT NULL,
  person_id TEXT NOT NULL
);
CREATE INDEX proactive_changes_by_unit ON proactive_changes (unit_id, id);

CREATE FUNCTION proactive_mark(changed TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO proactive_changes (unit_id, person_id)
  SELECT c.unit_id, c.person_id FROM care_relations c
  JOIN proactive_unit_states s ON s.unit_id = c.unit_id
  WHERE c.person_id = changed AND EXISTS (SELECT 1 FROM proactive_unit_states)
$$;

-- Tables whose rows carry person_id.
CREATE FUNCTION proactive_person_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM proactive_mark(OLD.person_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.person_id IS DISTINCT FROM OLD.person_id) THEN
    PERFORM proactive_mark(NEW.person_id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION proactive_diagnosis_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM proactive_mark(e.person_id) FROM inpatient_episodes e WHERE e.id = OLD.episode_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM proactive_mark(e.person_id) FROM inpatient_episodes e WHERE e.id = NEW.episode_id;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION proactive_persons_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM proactive_mark(NEW.id);
  RETURN NULL;
END $$;

-- A relation's own unit is named even when the relation no longer points at it.
CREATE FUNCTION proactive_relation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM proactive_mark(OLD.person_id);
    INSERT INTO proactive_changes (unit_id, person_id) SELECT OLD.unit_id, OLD.person_id
      WHERE EXISTS (SELECT 1 FROM proactive_unit_states s WHERE s.unit_id = OLD.unit_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM proactive_mark(NEW.person_id); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER proactive_episode_changed AFTER INSERT OR DELETE OR UPDATE OF person_id, ward_unit_id, state, admitted_at, discharged_at, admission_kind ON inpatient_episodes FOR EACH ROW EXECUTE FUNCTION proactive_person_row_changed();
CREATE TRIGGER proactive_hours_changed AFTER INSERT OR UPDATE OR DELETE ON home_care_hours FOR EACH ROW EXECUTE FUNCTION proactive_person_row_changed();
CREATE TRIGGER proactive_named_contact_changed AFTER INSERT OR DELETE OR UPDATE OF person_id, kind, valid_from, valid_to ON named_contacts FOR EACH ROW EXECUTE FUNCTION proactive_person_row_changed();
CREATE TRIGGER proactive_plan_changed AFTER INSERT OR DELETE OR UPDATE OF person_id, kind, state ON coordinated_plans FOR EACH ROW EXECUTE FUNCTION proactive_person_row_changed();
CREATE TRIGGER proactive_diagnosis_changed AFTER INSERT OR UPDATE OR DELETE ON episode_diagnoses FOR EACH ROW EXECUTE FUNCTION proactive_diagnosis_changed();
CREATE TRIGGER proactive_person_changed AFTER UPDATE OF birth_date, deceased_on ON persons FOR EACH ROW EXECUTE FUNCTION proactive_persons_changed();
CREATE TRIGGER proactive_relation_changed AFTER INSERT OR UPDATE OR DELETE ON care_relations FOR EACH ROW EXECUTE FUNCTION proactive_relation_changed();
