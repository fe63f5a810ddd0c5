-- The daily digest is posted once a day whoever runs it: the replica that
-- inserts the day's row posts it. A deadline warning is posted once per
-- enquiry: the one that sets deadline_warned_at posts it.
CREATE TABLE digests (
    day       TEXT PRIMARY KEY,
    posted_at TIMESTAMP NOT NULL
);
ALTER TABLE enquiries ADD COLUMN deadline_warned_at TIMESTAMP;
