-- The kind of a coordinated plan: a SIP (HSL 16:4, SoL 10:8) or the samordnad vårdplan at
-- discharge to öppen psykiatrisk tvångsvård (LPT 7 a §) or öppen rättspsykiatrisk vård
-- (LRV 12 a §). The content document says it too; the column lets an episode's plan be found in
-- SQL (one open plan per stay, the ward's worklist). A plan's kind never changes.
ALTER TABLE coordinated_plans ADD COLUMN kind TEXT NOT NULL DEFAULT 'sip'
  CHECK (kind IN ('sip', 'lpt', 'lrv'));
CREATE INDEX coordinated_plans_by_episode ON coordinated_plans (episode_id, kind, state);
-- Plans written before the column (by this release's code, which serialises the kind first).
UPDATE coordinated_plans SET kind = 'lpt' WHERE content LIKE '{"kind":"lpt"%';
UPDATE coordinated_plans SET kind = 'lrv' WHERE content LIKE '{"kind":"lrv"%';
