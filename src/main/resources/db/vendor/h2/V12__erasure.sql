-- A reader may have their data erased (README, "Your data: export and erasure"): their events and
-- ledger rows stay, for the counts, but lose who they were. V3 and V4 left these foreign keys
-- unnamed; H2 named them from the table and the order of its constraints, the same in every
-- database these migrations made (PostgreSQL's V12 drops its own names).

-- An event of an erased reader keeps its kind, source, edition and time, with no reader.
ALTER TABLE event DROP CONSTRAINT CONSTRAINT_3F4;
ALTER TABLE event ALTER COLUMN subscriber_id DROP NOT NULL;
CREATE INDEX event_subscriber ON event (subscriber_id);
ALTER TABLE event ADD CONSTRAINT event_subscriber_fk FOREIGN KEY (subscriber_id) REFERENCES subscriber (id) ON DELETE SET NULL;

-- A ledger row of an erased reader is re-keyed to a negative number nobody else carries, so it
-- still counts in its edition's figures: no reader has that id, hence no key to subscriber.
ALTER TABLE delivery DROP CONSTRAINT CONSTRAINT_5F;

-- The addresses erased, as keyed one-way hashes (HMAC-SHA256 with the site's key, hex): an import
-- or the operator never adds them back; only the reader's own new sign-up does.
CREATE TABLE suppression (
    address_hash VARCHAR(64) PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Run in the process that holds the database file, for a command that reaches it through `serve`
-- (AUTO_SERVER): rewrite the file until an erased address is no longer in it, and look (store.H2FileScrub).
CREATE ALIAS verdicts_scrub_later FOR 'com.verdictdigest.store.H2FileScrub.later';
CREATE ALIAS verdicts_file_holds FOR 'com.verdictdigest.store.H2FileScrub.holds';
