-- Named statements of the store itself (see store.NamedSql).

-- name: checkpoint
-- H2 only: writes every commit to the database file now.
CHECKPOINT
