-- Issue 19 point 7: what the follow-up of a county reads on every request, made cheap.
--
-- The admission notices of the period are read for the health centre each stay's clocks belong
-- to. With (kind, sent_at) alone every one of them was fetched from the notices table; this
-- index holds the columns read, and replaces that one.
DROP INDEX notices_by_kind_sent;
CREATE INDEX notices_by_kind_sent_episode ON notices (kind, sent_at, episode_id, to_unit_id);

-- Whether the continuity rollup (0020) is stale was asked as the contacts' newest recorded_at and
-- count: a scan of the county's two million contacts before every follow-up. Now every
-- transaction that changes the contacts counts one up here, and the rollup keeps the count it was
-- made at. Once per transaction, not per row or statement: seeding a county writes the contacts
-- in thousands of statements of one transaction, and as many versions of this row would each have
-- been walked past by the next update. Writers of contacts wait for each other's commit on this
-- row, as they would on any counter.
CREATE TABLE follow_up_sources (
  name TEXT PRIMARY KEY,                     -- the source table
  changes BIGINT NOT NULL                    -- transactions that changed it so far
);
INSERT INTO follow_up_sources (name, changes) VALUES ('care_contacts', 0);

CREATE FUNCTION follow_up_source_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  noted TEXT := 'nara.follow_up_changed_' || TG_TABLE_NAME;
BEGIN
  -- A transaction-local setting remembers that this transaction already counted.
  IF current_setting(noted, true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE follow_up_sources SET changes = changes + 1 WHERE name = TG_TABLE_NAME;
    PERFORM set_config(noted, txid_current()::text, true);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER care_contacts_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON care_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION follow_up_source_changed();
