-- Named statements of readers' ship-or-skip votes (see store.NamedSql). Bound parameters only.

-- name: lock-reader
-- Serialises one reader's votes (a double click posts twice at once), and finds them still a
-- subscriber: one who left (unsubscribed, bounced, complained) or was erased votes no more.
SELECT id FROM subscriber WHERE id = ? AND status = 'active' FOR UPDATE

-- name: choice
SELECT choice FROM vote WHERE subscriber_id = ? AND tool_slug = ?

-- name: insert-vote
INSERT INTO vote (subscriber_id, tool_slug, choice, edition_week, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)

-- name: change-vote
UPDATE vote SET choice = ?, edition_week = ?, updated_at = ? WHERE subscriber_id = ? AND tool_slug = ?

-- name: ballot
SELECT t.slug, t.name, t.tagline, v.choice
  FROM tool t LEFT JOIN vote v ON v.tool_slug = t.slug AND v.subscriber_id = ?
 WHERE t.id = ?

-- name: tallies
SELECT v.tool_slug, t.name,
       SUM(CASE WHEN v.choice = 'ship' THEN 1 ELSE 0 END),
       SUM(CASE WHEN v.choice = 'skip' THEN 1 ELSE 0 END)
  FROM vote v JOIN tool t ON t.slug = v.tool_slug
 GROUP BY v.tool_slug, t.name
 ORDER BY COUNT(*) DESC, v.tool_slug

-- name: tally-of-tool
SELECT SUM(CASE WHEN choice = 'ship' THEN 1 ELSE 0 END), SUM(CASE WHEN choice = 'skip' THEN 1 ELSE 0 END)
  FROM vote WHERE tool_slug = ?

-- name: votes-of-reader
SELECT tool_slug, choice, edition_week, created_at, updated_at FROM vote WHERE subscriber_id = ? ORDER BY tool_slug
