-- Erasure, continued. An erased reader's events keep a key of their own (the negative id their
-- ledger rows carry, which no reader has), so that one erased reader's events still count as one
-- reader in an edition's figures. And the suppression list remembers whether the erased reader had
-- reported our mail as spam: such an address gets nothing again, not even a confirmation mail.
ALTER TABLE event ADD COLUMN erased_reader BIGINT;
ALTER TABLE suppression ADD COLUMN complained BOOLEAN DEFAULT FALSE NOT NULL;
