-- Named statements of the store itself (see store.NamedSql).

-- name: checkpoint
-- H2 only: writes every commit to the database file now.
CHECKPOINT

-- name: scrub-file-later
-- H2 only: the functions of V12 (store.H2FileScrub), run by the process that holds the file.
CALL verdicts_scrub_later(?)

-- name: file-holds
CALL verdicts_file_holds(?)
