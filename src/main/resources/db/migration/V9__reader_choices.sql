-- Readers choose what they get: their preferences, why a copy was not sent to them, and the events
-- of the choices they make by link (preferences, ship-or-skip votes, erasure).

-- V7 named this check so that new kinds replace it by name.
ALTER TABLE event DROP CONSTRAINT event_kind;
ALTER TABLE event ADD CONSTRAINT event_kind CHECK (kind IN ('subscribe', 'confirm', 'unsubscribe', 'resubscribe', 'bookmark',
    'unbookmark', 'bounce', 'soft-bounce', 'complaint', 'preferences', 'vote', 'erase'));

-- A reader without a row has the defaults: every category, every week, no alerts.
CREATE TABLE preference (
    subscriber_id   BIGINT PRIMARY KEY REFERENCES subscriber (id) ON DELETE CASCADE,
    -- the catalog categories followed, one per line, or NULL for all of them
    categories      VARCHAR(4000),
    -- mailed only in weeks with a comparison of a tool they bookmarked
    bookmarked_only BOOLEAN NOT NULL DEFAULT FALSE,
    -- no digest before this moment
    paused_until    TIMESTAMP WITH TIME ZONE,
    -- a short email of its own when a bookmarked tool gets a new or changed verdict
    alerts          BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Why a copy was skipped: the reader left before their turn, paused, or had nothing in this edition.
ALTER TABLE delivery ADD COLUMN skip_reason VARCHAR(20);
