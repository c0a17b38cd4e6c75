-- Issue 19 point 7: what the follow-up of a county reads on every request, made cheap.
--
-- The admission notices of the period are read for the health centre each stay's clocks belong
-- to. With (kind, sent_at) alone every one of them was fetched from the notices table by rowid
-- (0.1 s at 250 000 inhabitants); this index holds the columns read, and replaces that one.
DROP INDEX notices_by_kind_sent;
CREATE INDEX notices_by_kind_sent_episode ON notices (kind, sent_at, episode_id, to_unit_id);

-- Relations are counted for persons old enough (named_contact_share): each of the period's
-- 370 000 relations is joined to its person's birth date, which SQLite read from the persons
-- table, a lookup all over its 70 MB each. With the birth date in a unique index of the id the
-- join reads that index alone (0.30 s -> 0.22 s at 250 000). PostgreSQL hashes the persons once
-- and has no use for it.
CREATE UNIQUE INDEX persons_id_birth ON persons (id, birth_date, municipality_code);

-- Whether the continuity rollup (0020) is stale was asked as the contacts' newest recorded_at and
-- count: a scan of the county's two million contacts (0.2 s) before every follow-up. Now every
-- change to the contacts counts one up here, in the writer's transaction, and the rollup keeps
-- the count it was made at.
CREATE TABLE follow_up_sources (
  name TEXT PRIMARY KEY,                     -- the source table
  changes BIGINT NOT NULL                    -- changes made to it so far
);
INSERT INTO follow_up_sources (name, changes) VALUES ('care_contacts', 0);

CREATE TRIGGER care_contacts_inserted AFTER INSERT ON care_contacts BEGIN
  UPDATE follow_up_sources SET changes = changes + 1 WHERE name = 'care_contacts';
END;
CREATE TRIGGER care_contacts_updated AFTER UPDATE ON care_contacts BEGIN
  UPDATE follow_up_sources SET changes = changes + 1 WHERE name = 'care_contacts';
END;
CREATE TRIGGER care_contacts_deleted AFTER DELETE ON care_contacts BEGIN
  UPDATE follow_up_sources SET changes = changes + 1 WHERE name = 'care_contacts';
END;
