-- Named statements of reader events (see store.NamedSql). Bound parameters only.

-- name: insert-event
INSERT INTO event (subscriber_id, kind, source, edition_week, tool_slug, created_at) VALUES (?, ?, ?, ?, ?, ?)

-- name: insert-anonymous-event
-- An event that names no reader: an erasure, counted, of nobody.
INSERT INTO event (kind, source, created_at) VALUES (?, ?, ?)

-- name: events
SELECT e.id, s.email, e.kind, e.source, e.edition_week, e.tool_slug, e.created_at
  FROM event e LEFT JOIN subscriber s ON s.id = e.subscriber_id
 ORDER BY e.id

-- name: events-of-edition
SELECT e.id, s.email, e.kind, e.source, e.edition_week, e.tool_slug, e.created_at
  FROM event e LEFT JOIN subscriber s ON s.id = e.subscriber_id
 WHERE e.edition_week = ?
 ORDER BY e.id

-- name: counts-per-edition
SELECT edition_week, kind, COUNT(*) FROM event WHERE edition_week IS NOT NULL GROUP BY edition_week, kind ORDER BY edition_week, kind

-- name: readers-per-edition
-- Per edition and kind, how many readers: a reader whose copy soft-bounced twice counts once, erased
-- or not (an erased reader's events share the key erased_reader).
SELECT edition_week, kind, COUNT(DISTINCT COALESCE(subscriber_id, erased_reader))
  FROM event WHERE edition_week IS NOT NULL GROUP BY edition_week, kind ORDER BY edition_week, kind
