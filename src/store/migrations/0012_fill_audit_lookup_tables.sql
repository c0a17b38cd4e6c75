-- Fills the lookup tables of migration 0011 from the existing log and drops the indexes they
-- replace; every entry written so far is indexed.
INSERT INTO audit_person_index (person_id, seq)
SELECT person_id, seq FROM audit_entries WHERE person_id IS NOT NULL;

INSERT INTO audit_provider_index (care_provider_id, seq)
SELECT care_provider_id, seq FROM audit_entries WHERE care_provider_id IS NOT NULL;

UPDATE audit_chain_head SET indexed_seq = seq;

DROP INDEX audit_entries_by_person;
DROP INDEX audit_entries_by_provider;
