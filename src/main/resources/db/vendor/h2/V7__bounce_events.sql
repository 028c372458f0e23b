-- A bounce is an event like any other change of a reader's status, recorded by the relay.
-- V4 left the checks on kind and source unnamed, and H2 named them itself, so the two columns are
-- rebuilt; the new checks are named, so later kinds can replace them by name.

DROP INDEX event_edition;
ALTER TABLE event ADD COLUMN kind_v7 VARCHAR(20);
ALTER TABLE event ADD COLUMN source_v7 VARCHAR(20);
UPDATE event SET kind_v7 = kind, source_v7 = source;
ALTER TABLE event DROP COLUMN kind;
ALTER TABLE event DROP COLUMN source;
ALTER TABLE event ALTER COLUMN kind_v7 RENAME TO kind;
ALTER TABLE event ALTER COLUMN source_v7 RENAME TO source;
ALTER TABLE event ALTER COLUMN kind SET NOT NULL;
ALTER TABLE event ALTER COLUMN source SET NOT NULL;
ALTER TABLE event ADD CONSTRAINT event_kind CHECK (kind IN ('subscribe', 'confirm', 'unsubscribe', 'resubscribe', 'bookmark', 'unbookmark', 'bounce'));
ALTER TABLE event ADD CONSTRAINT event_source CHECK (source IN ('one-click', 'page', 'api', 'operator', 'form', 'relay'));
CREATE INDEX event_edition ON event (edition_week, kind);
