-- How many times a reply was handed to SMTP, so a reply that keeps failing is
-- shown to the advisers instead of being retried for ever.
ALTER TABLE messages ADD COLUMN send_attempts INTEGER NOT NULL DEFAULT 0;
