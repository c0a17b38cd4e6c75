-- Sluten psykiatrisk vård (Lag 2017:612; domain-rules §1.3, §1.5). A ward marked here gives
-- psychiatric heldygnsvård: its discharges count payment liability by the transitional rule of
-- 2018 (30 days, prop. 2017/18:12) and by a local agreement's own timing for psychiatric care
-- (e.g. Region Stockholm's 5 kalenderdagar), where the agreement has one.
ALTER TABLE units ADD COLUMN psychiatric_care INTEGER NOT NULL DEFAULT 0
  CHECK (psychiatric_care IN (0, 1));
-- Days after the underrättelse for psychiatric inpatient care; NULL: as for somatic care from
-- 2019 (5 kap. 4 §), the 2018 transitional rule for notices sent in 2018.
ALTER TABLE liability_agreements ADD COLUMN psychiatric_offset_days INTEGER
  CHECK (psychiatric_offset_days BETWEEN 0 AND 60);
