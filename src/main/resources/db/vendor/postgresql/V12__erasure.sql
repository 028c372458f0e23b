-- A reader may have their data erased (README, "Your data: export and erasure"): their events and
-- ledger rows stay, for the counts, but lose who they were. PostgreSQL named V3's and V4's foreign
-- keys table_column_fkey.

-- An event of an erased reader keeps its kind, source, edition and time, with no reader.
ALTER TABLE event DROP CONSTRAINT event_subscriber_id_fkey;
ALTER TABLE event ALTER COLUMN subscriber_id DROP NOT NULL;
CREATE INDEX event_subscriber ON event (subscriber_id);
ALTER TABLE event ADD CONSTRAINT event_subscriber_fk FOREIGN KEY (subscriber_id) REFERENCES subscriber (id) ON DELETE SET NULL;

-- A ledger row of an erased reader is re-keyed to a negative number nobody else carries, so it
-- still counts in its edition's figures: no reader has that id, hence no key to subscriber.
ALTER TABLE delivery DROP CONSTRAINT delivery_subscriber_id_fkey;

-- The addresses erased, as keyed one-way hashes (HMAC-SHA256 with the site's key, hex): an import
-- or the operator never adds them back; only the reader's own new sign-up does.
CREATE TABLE suppression (
    address_hash VARCHAR(64) PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
