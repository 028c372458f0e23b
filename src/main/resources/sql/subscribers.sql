-- Named statements for readers and bookmarks (see store.NamedSql). Bound parameters only.

-- name: insert-subscriber
INSERT INTO subscriber (email, email_key, status, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?)

-- name: find-by-email-key
SELECT id, email, status, created_at, status_reason, status_changed_at FROM subscriber WHERE email_key = ?

-- name: has-bookmark
SELECT 1 FROM bookmark WHERE subscriber_id = ? AND tool_slug = ?

-- name: insert-bookmark
INSERT INTO bookmark (subscriber_id, tool_slug, created_at) VALUES (?, ?, ?)

-- name: bookmarks-of-id-range
SELECT b.subscriber_id, b.tool_slug, t.name
  FROM bookmark b
  JOIN tool t ON t.slug = b.tool_slug
 WHERE b.subscriber_id BETWEEN ? AND ?
 ORDER BY b.subscriber_id, t.name

-- name: subscribers-by-id-range
SELECT id, email, status, created_at, status_reason, status_changed_at FROM subscriber WHERE id BETWEEN ? AND ? ORDER BY id

-- name: subscribers-after
SELECT id, email, status, created_at, status_reason, status_changed_at FROM subscriber WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY

-- name: subscribers-with-status-after
-- One page of a long list, in id order, from where the last page ended.
SELECT id, email, status, created_at, status_reason, status_changed_at FROM subscriber WHERE status = ? AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY

-- name: by-id
SELECT id, email, status, created_at, status_reason, status_changed_at FROM subscriber WHERE id = ?

-- name: unsubscribe
-- params: when, when, reason (how the reader left: one-click, page, api, operator), id
UPDATE subscriber SET status = 'unsubscribed', unsubscribed_at = ?, status_changed_at = ?, status_reason = ?
 WHERE id = ? AND status IN ('active', 'pending')

-- name: confirm
UPDATE subscriber SET status = 'active', confirmed_at = ?, status_changed_at = ?, status_reason = NULL
 WHERE id = ? AND status = 'pending'

-- name: confirm-with-welcome
-- The reader's own confirmation: active, and due a welcome email (sent by the WelcomeQueue).
UPDATE subscriber SET status = 'active', confirmed_at = ?, status_changed_at = ?, status_reason = NULL, welcome_due = TRUE
 WHERE id = ? AND status = 'pending'

-- name: resubscribe
-- Only soon after the unsubscribe ("changed your mind?"); later, an old link goes through double opt-in.
-- A reader who complained is never mailed again, whatever link they keep.
UPDATE subscriber SET status = 'active', confirmed_at = ?, status_changed_at = ?, unsubscribed_at = NULL, status_reason = NULL
 WHERE id = ? AND status = 'unsubscribed' AND unsubscribed_at > ? AND COALESCE(status_reason, '') <> 'complaint'

-- name: bounce
-- params: when, reason (relay: refused during the send; hard-bounce, soft-bounces: a report), id
UPDATE subscriber SET status = 'bounced', status_changed_at = ?, status_reason = ? WHERE id = ? AND status = 'active'

-- name: complaint
-- The reader reported a digest as spam: unsubscribed for good, from any status (RFC 5965 reports come late).
UPDATE subscriber SET status = 'unsubscribed', unsubscribed_at = COALESCE(unsubscribed_at, ?), status_changed_at = ?,
       status_reason = 'complaint'
 WHERE id = ? AND COALESCE(status_reason, '') <> 'complaint'

-- name: reinstate
-- The operator vouches for a bounced address: active again.
UPDATE subscriber SET status = 'active', status_changed_at = ?, status_reason = 'reinstated' WHERE id = ? AND status = 'bounced'

-- name: soft-bounces-since
SELECT COUNT(*) FROM event WHERE subscriber_id = ? AND kind = 'soft-bounce' AND created_at > ?

-- name: back-to-pending
UPDATE subscriber SET status = 'pending', status_changed_at = ?, status_reason = NULL
 WHERE id = ? AND status = 'unsubscribed' AND COALESCE(status_reason, '') <> 'complaint'

-- name: claim-confirmation
-- At most one confirmation mail per address per subscribe.resend-minutes, whoever asks how often:
-- the mail is queued here and sent by the ConfirmationQueue.
UPDATE subscriber SET confirmation_sent_at = ?, confirmation_due = TRUE
 WHERE id = ? AND (confirmation_sent_at IS NULL OR confirmation_sent_at < ?)

-- name: due-confirmations
SELECT id FROM subscriber WHERE confirmation_due = TRUE FETCH FIRST 20 ROWS ONLY

-- name: take-confirmation
-- Taken before it is sent, so two processes never both send it.
UPDATE subscriber SET confirmation_due = FALSE WHERE id = ? AND confirmation_due = TRUE

-- name: requeue-confirmation
-- The relay failed: due again, for the next round.
UPDATE subscriber SET confirmation_due = TRUE WHERE id = ? AND status = 'pending'

-- name: due-welcomes
SELECT id FROM subscriber WHERE welcome_due = TRUE FETCH FIRST 20 ROWS ONLY

-- name: take-welcome
-- Taken before it is sent, so two processes never both send it.
UPDATE subscriber SET welcome_due = FALSE WHERE id = ? AND welcome_due = TRUE

-- name: requeue-welcome
-- The relay failed: due again, for the next round, unless the reader left meanwhile.
UPDATE subscriber SET welcome_due = TRUE WHERE id = ? AND status = 'active'

-- name: delete-bookmark
DELETE FROM bookmark WHERE subscriber_id = ? AND tool_slug = ?

-- name: tool-by-id
SELECT slug, name FROM tool WHERE id = ?

-- name: tool-by-slug
SELECT slug, name FROM tool WHERE slug = ?

-- name: preferences-of-id-range
SELECT subscriber_id, categories, bookmarked_only, paused_until, alerts FROM preference WHERE subscriber_id BETWEEN ? AND ?

-- name: delete-preferences
DELETE FROM preference WHERE subscriber_id = ?

-- name: insert-preferences
INSERT INTO preference (subscriber_id, categories, bookmarked_only, paused_until, alerts, updated_at) VALUES (?, ?, ?, ?, ?, ?)

-- name: erase
-- The reader's own row; their bookmarks and preferences go with it (ON DELETE CASCADE). Run by
-- SubscriptionService.erase after their events and ledger rows were anonymised.
DELETE FROM subscriber WHERE id = ?

-- name: lock-subscriber
-- Changes to what belongs to one reader (their preferences) queue up behind this lock.
SELECT id FROM subscriber WHERE id = ? FOR UPDATE
