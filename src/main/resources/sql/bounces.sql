-- Named statements of the reports that come back (see store.NamedSql). Bound parameters only.

-- name: seen
SELECT 1 FROM report WHERE fingerprint = ?

-- name: insert-report
INSERT INTO report (fingerprint, received_at, origin, kind, sender, subject, summary, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)

-- name: sent-copy
-- Whether this reader's copy of this edition went out (or may have: in doubt): a report quoting its Message-ID is about a real delivery.
SELECT 1 FROM delivery d JOIN edition e ON e.id = d.edition_id
 WHERE e.week = ? AND d.subscriber_id = ? AND d.status IN ('sent', 'sending')

-- name: last-edition-sent-since
-- The latest edition this reader was sent, if within the window: what a report naming only their address may be about.
SELECT e.week FROM delivery d JOIN edition e ON e.id = d.edition_id
 WHERE d.subscriber_id = ? AND d.status = 'sent' AND d.updated_at > ?
 ORDER BY d.updated_at DESC FETCH FIRST 1 ROWS ONLY

-- name: unrecognized
-- The list, without the kept messages (up to 64 KiB each): one is read by its id.
SELECT id, received_at, origin, sender, subject, NULL FROM report WHERE kind = 'unrecognized' ORDER BY id DESC FETCH FIRST ? ROWS ONLY

-- name: unrecognized-by-id
SELECT id, received_at, origin, sender, subject, message FROM report WHERE kind = 'unrecognized' AND id = ?

-- name: counts-by-kind
SELECT kind, COUNT(*) FROM report GROUP BY kind
