-- Named statements of the bookmark alerts (see store.NamedSql). Bound parameters only.
-- A reader's changes: on a tool they bookmarked, made after the bookmark, within the window, and
-- after the last change of any alert of theirs (sent, failed or in doubt: never told twice).

-- name: due-readers
-- Active readers with alerts on and a change to tell, with no alert in the last 24 hours nor today.
SELECT s.id, s.email
  FROM subscriber s
  JOIN preference p ON p.subscriber_id = s.id
 WHERE s.status = 'active' AND p.alerts = TRUE AND s.id > ?
   AND EXISTS (SELECT 1
                 FROM bookmark b
                 JOIN verdict_change c ON c.tool_slug = b.tool_slug
                WHERE b.subscriber_id = s.id AND c.created_at > b.created_at AND c.created_at > ?
                  AND c.id > COALESCE((SELECT MAX(a.through_change) FROM reader_alert a WHERE a.subscriber_id = s.id), 0))
   AND NOT EXISTS (SELECT 1 FROM reader_alert a WHERE a.subscriber_id = s.id AND (a.created_at > ? OR a.alert_day = ?))
 ORDER BY s.id
 FETCH FIRST ? ROWS ONLY

-- name: changes-for-reader
SELECT c.id, c.kind, t.name, cmp.title, cmp.canonical_url, c.old_verdict, c.new_verdict
  FROM verdict_change c
  JOIN bookmark b ON b.tool_slug = c.tool_slug AND b.subscriber_id = ?
  JOIN tool t ON t.slug = c.tool_slug
  JOIN comparison cmp ON cmp.slug = c.comparison_slug
 WHERE c.created_at > b.created_at AND c.created_at > ?
   AND c.id > COALESCE((SELECT MAX(a.through_change) FROM reader_alert a WHERE a.subscriber_id = ?), 0)
 ORDER BY c.id

-- name: lock-reader
-- Claims of one reader's alert queue up here, so the checks of the claim below see every earlier claim
-- (two processes, or a pass that began before midnight and one after, may both have found the reader due).
SELECT id FROM subscriber WHERE id = ? AND status = 'active' FOR UPDATE

-- name: claim
-- Recorded before the message goes out; only for a reader still active, with no alert in the last
-- 24 hours and none that told any of these changes. The key (reader, day) refuses a second one.
INSERT INTO reader_alert (subscriber_id, alert_day, through_change, changes, status, created_at)
SELECT s.id, ?, ?, ?, 'sending', ? FROM subscriber s
 WHERE s.id = ? AND s.status = 'active'
   AND NOT EXISTS (SELECT 1 FROM reader_alert a WHERE a.subscriber_id = s.id AND (a.created_at > ? OR a.through_change >= ?))

-- name: sent
UPDATE reader_alert SET status = 'sent', finished_at = ? WHERE subscriber_id = ? AND alert_day = ? AND status = 'sending'

-- name: failed
UPDATE reader_alert SET status = 'failed', last_error = ?, finished_at = ?
 WHERE subscriber_id = ? AND alert_day = ? AND status = 'sending'

-- name: release
-- Nothing was handed to the relay: the alert is as if never claimed.
DELETE FROM reader_alert WHERE subscriber_id = ? AND alert_day = ? AND status = 'sending'

-- name: in-doubt
-- Alerts left sending by a process that died: recorded as failed, never sent again.
UPDATE reader_alert SET status = 'failed', last_error = ?, finished_at = ? WHERE status = 'sending' AND created_at < ?
