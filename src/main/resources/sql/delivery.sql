-- Named statements of the delivery ledger and the senders' leases (see store.NamedSql). Bound parameters only;
-- portable to PostgreSQL (FOR UPDATE SKIP LOCKED works on H2 2.x and PostgreSQL).

-- name: lock-edition
SELECT status, audience FROM edition WHERE id = ? FOR UPDATE

-- name: start-edition
UPDATE edition SET status = 'sending', status_reason = NULL, started_at = COALESCE(started_at, ?) WHERE id = ?

-- name: finish-edition
-- Sent only when nobody is left to send to, whichever process gets here last.
UPDATE edition SET status = 'sent', status_reason = NULL, finished_at = ? WHERE id = ? AND status = 'sending'
   AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.edition_id = edition.id AND d.status IN ('pending', 'claimed', 'sending'))

-- name: set-audience
UPDATE edition SET audience = ? WHERE id = ?

-- name: fix-audience
INSERT INTO delivery (edition_id, subscriber_id, status, updated_at)
SELECT ?, s.id, 'pending', ? FROM subscriber s WHERE s.status = 'active'

-- name: pending-batch
-- No ORDER BY: with one, H2 reads and sorts every pending row on each claim (quadratic over an
-- edition); without, it walks the delivery_work index and stops after the batch.
SELECT subscriber_id FROM delivery
 WHERE edition_id = ? AND status = 'pending'
 FETCH FIRST 50 ROWS ONLY
   FOR UPDATE SKIP LOCKED

-- name: claim
UPDATE delivery SET status = 'claimed', claimed_by = ?, updated_at = ?
 WHERE edition_id = ? AND subscriber_id = ? AND status = 'pending'

-- name: start-sending
-- Only a reader who is still active is sent to (an unsubscribe takes effect up to the last moment),
-- and only while the edition is sending (a pause or cancel takes effect before the next message).
UPDATE delivery SET status = 'sending', attempts = attempts + 1, updated_at = ?
 WHERE edition_id = ? AND subscriber_id = ? AND status = 'claimed'
   AND EXISTS (SELECT 1 FROM subscriber s WHERE s.id = delivery.subscriber_id AND s.status = 'active')
   AND EXISTS (SELECT 1 FROM edition e WHERE e.id = delivery.edition_id AND e.status = 'sending')

-- name: mark-skipped
-- The reader left before their turn (not: the edition was paused, which leaves them claimed for release).
UPDATE delivery SET status = 'skipped', skip_reason = 'left', updated_at = ?
 WHERE edition_id = ? AND subscriber_id = ? AND status = 'claimed'
   AND EXISTS (SELECT 1 FROM edition e WHERE e.id = delivery.edition_id AND e.status = 'sending')

-- name: mark-skipped-by-choice
-- The reader's preferences leave them nothing in this edition (or they paused it); one who left
-- meanwhile is recorded as having left.
UPDATE delivery SET status = 'skipped', updated_at = ?,
       skip_reason = CASE WHEN EXISTS (SELECT 1 FROM subscriber s WHERE s.id = delivery.subscriber_id AND s.status = 'active')
                          THEN ? ELSE 'left' END
 WHERE edition_id = ? AND subscriber_id = ? AND status = 'claimed'
   AND EXISTS (SELECT 1 FROM edition e WHERE e.id = delivery.edition_id AND e.status = 'sending')

-- name: skip-reasons
SELECT skip_reason, COUNT(*) FROM delivery WHERE edition_id = ? AND status = 'skipped' GROUP BY skip_reason

-- Outcomes are written only by the process that holds the send: a process whose work was taken
-- back (it was thought dead) can never overwrite what another process recorded.

-- name: mark-sent
UPDATE delivery SET status = 'sent', last_error = NULL, updated_at = ?
 WHERE edition_id = ? AND subscriber_id = ? AND status = 'sending' AND claimed_by = ?

-- name: mark-failed
UPDATE delivery SET status = 'failed', last_error = ?, updated_at = ?
 WHERE edition_id = ? AND subscriber_id = ? AND status = 'sending' AND claimed_by = ?

-- name: release
-- A temporary failure: back to the queue for a later attempt.
UPDATE delivery SET status = 'pending', claimed_by = NULL, last_error = ?, updated_at = ?
 WHERE edition_id = ? AND subscriber_id = ? AND status = 'sending' AND claimed_by = ?

-- name: release-unstarted
-- Claimed by this process but never started (a pause or shutdown): plainly back to the queue.
UPDATE delivery SET status = 'pending', claimed_by = NULL, updated_at = ?
 WHERE edition_id = ? AND claimed_by = ? AND status = 'claimed'

-- name: recover-claimed
UPDATE delivery SET status = 'pending', claimed_by = NULL, updated_at = ?
 WHERE edition_id = ? AND status = 'claimed'
   AND claimed_by NOT IN (SELECT id FROM sender_process WHERE heartbeat_at > ?)

-- name: recover-sending
-- The send started and was never recorded: in doubt. It goes again, with the same Message-ID.
UPDATE delivery SET status = 'pending', claimed_by = NULL, in_doubt = TRUE, updated_at = ?
 WHERE edition_id = ? AND status = 'sending'
   AND claimed_by NOT IN (SELECT id FROM sender_process WHERE heartbeat_at > ?)

-- A dead process's send journal puts back what the database lost with it (see SendJournal). It
-- touches only records nobody else holds: pending ones, or ones that process still holds.

-- name: replay-sent
UPDATE delivery SET status = 'sent', claimed_by = ?, last_error = NULL, updated_at = ?
 WHERE edition_id = ? AND subscriber_id = ?
   AND (status = 'pending' OR (status IN ('claimed', 'sending') AND claimed_by = ?))

-- name: replay-started
UPDATE delivery SET status = 'pending', claimed_by = NULL, in_doubt = TRUE, updated_at = ?
 WHERE edition_id = ? AND subscriber_id = ?
   AND (status = 'pending' OR (status IN ('claimed', 'sending') AND claimed_by = ?))

-- name: recover-process-claimed
UPDATE delivery SET status = 'pending', claimed_by = NULL, updated_at = ? WHERE claimed_by = ? AND status = 'claimed'

-- name: recover-process-sending
UPDATE delivery SET status = 'pending', claimed_by = NULL, in_doubt = TRUE, updated_at = ?
 WHERE claimed_by = ? AND status = 'sending'

-- name: delivery-counts
SELECT status, COUNT(*), SUM(CASE WHEN in_doubt THEN 1 ELSE 0 END) FROM delivery WHERE edition_id = ? GROUP BY status

-- name: database-now
SELECT CURRENT_TIMESTAMP

-- name: register-process
INSERT INTO sender_process (id, started_at, heartbeat_at) VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)

-- name: heartbeat
UPDATE sender_process SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?

-- name: unregister-process
DELETE FROM sender_process WHERE id = ?

-- name: forget-dead-processes
DELETE FROM sender_process WHERE heartbeat_at < ?
