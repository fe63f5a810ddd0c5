-- Satisfaction ratings of replies, the key their links are signed with, and
-- questions the team lead marked as gaps in the sorting guidance.

-- The key that signs rating links: one row, made by the first replica that
-- needs it, so every replica signs and checks alike.
CREATE TABLE csat_keys (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    secret     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- One row per reply with rating links. Only the SHA-256 of the token's id
-- is kept, so the table gives no working link away. rating is NULL until
-- the citizen clicks; nonce_hash is the one form the latest page carries
-- (spent when the form is posted). The enquiry's receipt time, topic and
-- channel and whether the reply left are kept here too (triggers below
-- keep them current), so the statistics count ratings from one index.
CREATE TABLE csat_ratings (
    token_hash   TEXT PRIMARY KEY,
    message_id   BIGINT NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
    enquiry_id   BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    received_at  TIMESTAMP NOT NULL,
    topic        TEXT NOT NULL,
    channel      TEXT NOT NULL,
    sent         BOOLEAN NOT NULL DEFAULT 0,
    lang         TEXT NOT NULL DEFAULT 'da' CHECK (lang IN ('da', 'en')),
    rating       INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment      TEXT NOT NULL DEFAULT '',
    nonce_hash   TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    rated_at     TIMESTAMP,
    changed_at   TIMESTAMP,
    commented_at TIMESTAMP
);
CREATE INDEX csat_ratings_enquiry ON csat_ratings (enquiry_id);
CREATE INDEX csat_ratings_period ON csat_ratings (received_at, topic, channel, sent, rating);

-- An erased enquiry keeps its rating for the statistics, never its comment.
CREATE TRIGGER csat_comment_erased AFTER UPDATE OF erased_at ON enquiries
WHEN NEW.erased_at IS NOT NULL
BEGIN
    UPDATE csat_ratings SET comment = '' WHERE enquiry_id = NEW.id AND comment <> '';
END;

-- A recurring question the sorting guidance does not answer well, marked by
-- the team lead, with the enquiries that asked it.
CREATE TABLE guidance_gaps (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    question    TEXT NOT NULL,
    enquiry_ids TEXT NOT NULL DEFAULT '',
    marked_by   TEXT NOT NULL,
    marked_at   TIMESTAMP NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX guidance_gaps_marked_at ON guidance_gaps (marked_at);

-- The statistics' copies of the enquiry's topic and the reply's state.
CREATE TRIGGER csat_topic AFTER UPDATE OF topic ON enquiries
WHEN NEW.topic IS NOT OLD.topic
BEGIN
    UPDATE csat_ratings SET topic = NEW.topic WHERE enquiry_id = NEW.id;
END;
CREATE TRIGGER csat_sent AFTER UPDATE OF send_state ON messages
WHEN NEW.send_state = 'sent'
BEGIN
    UPDATE csat_ratings SET sent = 1 WHERE message_id = NEW.id;
END;

-- The rating links of sent replies counted per UTC day, topic and channel,
-- kept in step with csat_ratings by the triggers below: a year's statistics
-- sum the days instead of counting every rating (SPEC §5).
CREATE TABLE csat_days (
    day       TEXT NOT NULL,
    topic     TEXT NOT NULL,
    channel   TEXT NOT NULL,
    responses INTEGER NOT NULL,
    rated     INTEGER NOT NULL,
    satisfied INTEGER NOT NULL,
    PRIMARY KEY (day, topic, channel)
);

CREATE TRIGGER csat_days_insert AFTER INSERT ON csat_ratings
WHEN NEW.sent
BEGIN
    INSERT INTO csat_days (day, topic, channel, responses, rated, satisfied)
    VALUES (CASE WHEN NEW.received_at LIKE '%+00:00' THEN substr(NEW.received_at, 1, 10) ELSE date(NEW.received_at) END,
        NEW.topic, NEW.channel, 1, NEW.rating IS NOT NULL, COALESCE(NEW.rating >= 4, 0))
    ON CONFLICT (day, topic, channel) DO UPDATE SET responses = responses + 1,
        rated = rated + excluded.rated, satisfied = satisfied + excluded.satisfied;
END;

CREATE TRIGGER csat_days_delete AFTER DELETE ON csat_ratings
WHEN OLD.sent
BEGIN
    UPDATE csat_days SET responses = responses - 1, rated = rated - (OLD.rating IS NOT NULL),
        satisfied = satisfied - COALESCE(OLD.rating >= 4, 0)
    WHERE day = CASE WHEN OLD.received_at LIKE '%+00:00' THEN substr(OLD.received_at, 1, 10) ELSE date(OLD.received_at) END
      AND topic = OLD.topic AND channel = OLD.channel;
END;

CREATE TRIGGER csat_days_update_old AFTER UPDATE OF sent, rating, topic, channel, received_at ON csat_ratings
WHEN OLD.sent
BEGIN
    UPDATE csat_days SET responses = responses - 1, rated = rated - (OLD.rating IS NOT NULL),
        satisfied = satisfied - COALESCE(OLD.rating >= 4, 0)
    WHERE day = CASE WHEN OLD.received_at LIKE '%+00:00' THEN substr(OLD.received_at, 1, 10) ELSE date(OLD.received_at) END
      AND topic = OLD.topic AND channel = OLD.channel;
END;

CREATE TRIGGER csat_days_update_new AFTER UPDATE OF sent, rating, topic, channel, received_at ON csat_ratings
WHEN NEW.sent
BEGIN
    INSERT INTO csat_days (day, topic, channel, responses, rated, satisfied)
    VALUES (CASE WHEN NEW.received_at LIKE '%+00:00' THEN substr(NEW.received_at, 1, 10) ELSE date(NEW.received_at) END,
        NEW.topic, NEW.channel, 1, NEW.rating IS NOT NULL, COALESCE(NEW.rating >= 4, 0))
    ON CONFLICT (day, topic, channel) DO UPDATE SET responses = responses + 1,
        rated = rated + excluded.rated, satisfied = satisfied + excluded.satisfied;
END;
