-- Every new or changed rating of a reply, to be shown once in the enquiry's
-- thread: slack_ts is '' until the post is made, 'pending' while it is being
-- made (a retry looks for it in the thread first), then the post's ts. The
-- comment is not copied here; the post reads it from csat_ratings.
CREATE TABLE csat_notices (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    enquiry_id BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    previous   INTEGER NOT NULL DEFAULT 0,
    commented  BOOLEAN NOT NULL DEFAULT 0,
    at         TIMESTAMP NOT NULL,
    slack_ts   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX csat_notices_enquiry ON csat_notices (enquiry_id);

-- The weekly insights report, sent to each team lead once per ISO week
-- ("2026-W49") whoever runs it: the replica that inserts the row sends it.
CREATE TABLE insights_reports (
    week      TEXT NOT NULL,
    lead_id   TEXT NOT NULL,
    posted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (week, lead_id)
);
