-- Skyddade personuppgifter (OSL 22 kap. 1 §): the address of a person with protected identity is
-- shown only to the person and to assignments the county administrator has specially authorised
-- (särskild behörighet), e.g. the home health care nurses who visit them. Everyone else sees that
-- the address is protected, not where it is.
ALTER TABLE assignments ADD COLUMN protected_address_access INTEGER NOT NULL DEFAULT 0
  CHECK (protected_address_access IN (0, 1));
