-- Discharge to öppen psykiatrisk tvångsvård (LPT) or öppen rättspsykiatrisk vård (LRV): the
-- samordnad vårdplan of LPT 7 a § / LRV 12 a § takes the place of SIP (Lag 2017:612 4 kap. 1 §;
-- domain-rules §1.2 row 9). Part of the needs assessment; NULL: no compulsory outpatient care.
ALTER TABLE inpatient_episodes ADD COLUMN needs_outpatient_compulsory_care TEXT
  CHECK (needs_outpatient_compulsory_care IN ('lpt', 'lrv'));
