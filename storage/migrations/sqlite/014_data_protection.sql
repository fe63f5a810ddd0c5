-- Data protection: what an erasure must reach beyond the enquiry's own rows.
--
-- app_home_items: the enquiries each user's App Home showed when it was last
-- published, so an erasure publishes again every home that showed one.
CREATE TABLE app_home_items (
    user_id    TEXT NOT NULL,
    enquiry_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, enquiry_id)
);
CREATE INDEX app_home_items_enquiry ON app_home_items (enquiry_id);

-- slack_erase_failures: each bot message or file in an erased enquiry's
-- thread that Slack would not delete, with Slack's reason; the team lead
-- sees them in the App Home until a later attempt deletes them.
CREATE TABLE slack_erase_failures (
    enquiry_id BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    item       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 1,
    at         TIMESTAMP NOT NULL,
    PRIMARY KEY (enquiry_id, item)
);

-- storage_tasks: one-off maintenance the program does when it next scrubs
-- the database. A file written before secure_delete was turned on keeps old
-- copies of rows in its free space; the first scrub rewrites it (VACUUM).
CREATE TABLE storage_tasks (
    name TEXT PRIMARY KEY
);
INSERT INTO storage_tasks (name) VALUES ('vacuum');
