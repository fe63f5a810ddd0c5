-- Microsoft Teams: the Bot Connector cannot read a channel back, so the bot
-- keeps what it posted there: each activity under its thread (the root
-- card's activity id; '' for a root card itself) and, for a post it must be
-- able to find again after a crash or restart, the key of what it shows
-- ("root:42", "message:7", "rating:3"). Erasing a thread deletes its
-- activities in Teams and their rows here. Ids and keys only, no text.
CREATE TABLE teams_posts (
    root_id     TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    post_key    TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (root_id, activity_id)
);
CREATE UNIQUE INDEX teams_posts_key ON teams_posts (root_id, post_key) WHERE post_key <> '';
CREATE INDEX teams_posts_activity ON teams_posts (activity_id);
