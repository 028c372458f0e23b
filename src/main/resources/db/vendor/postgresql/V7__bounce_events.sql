-- A bounce is an event like any other change of a reader's status, recorded by the relay.
-- PostgreSQL named V4's checks table_column_check; the new ones are named, as on H2.

ALTER TABLE event DROP CONSTRAINT event_kind_check;
ALTER TABLE event DROP CONSTRAINT event_source_check;
ALTER TABLE event ADD CONSTRAINT event_kind CHECK (kind IN ('subscribe', 'confirm', 'unsubscribe', 'resubscribe', 'bookmark', 'unbookmark', 'bounce'));
ALTER TABLE event ADD CONSTRAINT event_source CHECK (source IN ('one-click', 'page', 'api', 'operator', 'form', 'relay'));
