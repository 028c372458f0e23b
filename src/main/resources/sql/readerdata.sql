-- Named statements of a reader's data (see store.NamedSql): the copy they download, what erasing
-- them does to the rows that outlive them, and the suppression list. Bound parameters only.

-- name: export-reader
SELECT email, status, status_reason, created_at, confirmed_at, unsubscribed_at, status_changed_at FROM subscriber WHERE id = ?

-- name: export-preferences
SELECT categories, bookmarked_only, paused_until, alerts, updated_at FROM preference WHERE subscriber_id = ?

-- name: export-bookmarks
SELECT b.tool_slug, t.name, b.created_at FROM bookmark b JOIN tool t ON t.slug = b.tool_slug WHERE b.subscriber_id = ? ORDER BY b.created_at, b.tool_slug

-- name: export-events
SELECT kind, source, edition_week, tool_slug, created_at FROM event WHERE subscriber_id = ? ORDER BY id

-- name: export-editions
SELECT e.week, e.subject, d.status, d.skip_reason, d.attempts, d.updated_at
  FROM delivery d JOIN edition e ON e.id = d.edition_id
 WHERE d.subscriber_id = ?
 ORDER BY e.week

-- name: anonymise-events
-- params: anonymous id (the one the ledger rows get), reader id.
UPDATE event SET subscriber_id = NULL, erased_reader = ? WHERE subscriber_id = ?

-- name: anonymise-deliveries
-- params: anonymous id, reader id. The row keeps its edition and outcome, so the edition's figures
-- stay true; the relay's error (which may quote the address) goes. A copy not yet sent is skipped;
-- one being handed to the relay this moment counts as sent, in doubt (its sender can no longer
-- record it: the row is no longer under the reader's id).
UPDATE delivery SET subscriber_id = ?, last_error = NULL,
       status = CASE WHEN status IN ('pending', 'claimed') THEN 'skipped' WHEN status = 'sending' THEN 'sent' ELSE status END,
       skip_reason = CASE WHEN status IN ('pending', 'claimed') THEN 'erased' ELSE skip_reason END,
       in_doubt = CASE WHEN status = 'sending' THEN TRUE ELSE in_doubt END
 WHERE subscriber_id = ?

-- name: reports-naming
-- Reports read from the return path that quote the address (lower-cased), in any of their texts.
SELECT id, sender, subject, summary, message FROM report
 WHERE POSITION(? IN LOWER(COALESCE(sender, ''))) > 0 OR POSITION(? IN LOWER(COALESCE(subject, ''))) > 0
    OR POSITION(? IN LOWER(summary)) > 0 OR POSITION(? IN LOWER(COALESCE(message, ''))) > 0

-- name: rewrite-report
UPDATE report SET sender = ?, subject = ?, summary = ?, message = ? WHERE id = ?

-- name: suppressed
SELECT complained FROM suppression WHERE address_hash = ?

-- name: suppress
INSERT INTO suppression (address_hash, created_at, complained) SELECT ?, ?, ?
 WHERE NOT EXISTS (SELECT 1 FROM suppression WHERE address_hash = ?)

-- name: unsuppress
DELETE FROM suppression WHERE address_hash = ?

-- name: export-votes
SELECT v.tool_slug, t.name, v.choice, v.edition_week, v.created_at, v.updated_at
  FROM vote v JOIN tool t ON t.slug = v.tool_slug WHERE v.subscriber_id = ? ORDER BY v.created_at, v.tool_slug

-- name: export-alerts
SELECT alert_day, changes, status, created_at, finished_at FROM reader_alert WHERE subscriber_id = ? ORDER BY alert_day
