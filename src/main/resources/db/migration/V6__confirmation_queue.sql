-- Confirmation mails go out from a queue, not inside the sign-up request: every sign-up answers in
-- the same time (nobody can tell an address that is already subscribed), and a stalled relay holds
-- no request. A reader is due a confirmation mail until a sender takes it.
ALTER TABLE subscriber ADD COLUMN confirmation_due BOOLEAN DEFAULT FALSE NOT NULL;
