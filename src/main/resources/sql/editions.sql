-- Named statements of editions (see store.NamedSql). Bound parameters only; portable to PostgreSQL.

-- name: find-edition
SELECT id, week, status, subject, comparisons, more_count, audience, status_reason, created_at, started_at, finished_at
  FROM edition WHERE week = ?

-- name: edition-by-id
SELECT id, week, status, subject, comparisons, more_count, audience, status_reason, created_at, started_at, finished_at
  FROM edition WHERE id = ?

-- name: all-editions
SELECT id, week, status, subject, comparisons, more_count, audience, status_reason, created_at, started_at, finished_at
  FROM edition ORDER BY week DESC

-- name: insert-edition
INSERT INTO edition (week, status, subject, comparisons, more_count, created_at) VALUES (?, ?, ?, ?, ?, ?)

-- name: insert-edition-comparison
INSERT INTO edition_comparison (edition_id, position, comparison_slug) VALUES (?, ?, ?)

-- name: edition-comparisons
SELECT comparison_slug FROM edition_comparison WHERE edition_id = ? ORDER BY position

-- name: change-edition-status
-- From the status the caller saw, and only from it: whoever changed it meanwhile wins.
UPDATE edition SET status = ?, status_reason = ? WHERE id = ? AND status = ?

-- name: insert-skipped-edition
INSERT INTO edition (week, status, subject, comparisons, more_count, status_reason, created_at)
VALUES (?, 'skipped', ?, 0, 0, ?, ?)
