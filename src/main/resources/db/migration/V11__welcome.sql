-- A reader who confirms their subscription is due a welcome email, set in the confirmation's own
-- transaction and sent from a queue (as the confirmation mail of V6): the confirm page never waits
-- for the relay. The operator's own additions are never due one.
ALTER TABLE subscriber ADD COLUMN welcome_due BOOLEAN DEFAULT FALSE NOT NULL;
-- The queue looks for due welcomes every second: an index spares it a scan of every reader.
CREATE INDEX subscriber_welcome_due ON subscriber (welcome_due);
