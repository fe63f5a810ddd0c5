-- Call-back bookkeeping: how many attempts found nobody, and which
-- first-response window the holder has been reminded of (at most one nudge a
-- window, even with several replicas).
ALTER TABLE calls ADD COLUMN no_answers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN nudged_window INTEGER NOT NULL DEFAULT 0;
