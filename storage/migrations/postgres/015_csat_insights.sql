-- Satisfaction ratings of replies, the key their links are signed with, and
-- questions the team lead marked as gaps in the sorting guidance.

-- The key that signs rating links: one row, made by the first replica that
-- needs it, so every replica signs and checks alike.
CREATE TABLE csat_keys (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    secret     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
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
    received_at  TIMESTAMPTZ NOT NULL,
    topic        TEXT NOT NULL,
    channel      TEXT NOT NULL,
    sent         BOOLEAN NOT NULL DEFAULT FALSE,
    lang         TEXT NOT NULL DEFAULT 'da' CHECK (lang IN ('da', 'en')),
    rating       INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment      TEXT NOT NULL DEFAULT '',
    nonce_hash   TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    rated_at     TIMESTAMPTZ,
    changed_at   TIMESTAMPTZ,
    commented_at TIMESTAMPTZ
);
CREATE INDEX csat_ratings_enquiry ON csat_ratings (enquiry_id);
CREATE INDEX csat_ratings_period ON csat_ratings (received_at, topic, channel, sent, rating);

-- An erased enquiry keeps its rating for the statistics, never its comment.
CREATE FUNCTION csat_comment_erased() RETURNS trigger AS $$
BEGIN
    UPDATE csat_ratings SET comment = '' WHERE enquiry_id = NEW.id AND comment <> '';
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER csat_comment_erased AFTER UPDATE OF erased_at ON enquiries
FOR EACH ROW WHEN (NEW.erased_at IS NOT NULL) EXECUTE FUNCTION csat_comment_erased();

-- A recurring question the sorting guidance does not answer well, marked by
-- the team lead, with the enquiries that asked it.
CREATE TABLE guidance_gaps (
    id          BIGSERIAL PRIMARY KEY,
    question    TEXT NOT NULL,
    enquiry_ids TEXT NOT NULL DEFAULT '',
    marked_by   TEXT NOT NULL,
    marked_at   TIMESTAMPTZ NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX guidance_gaps_marked_at ON guidance_gaps (marked_at);

-- The statistics' copies of the enquiry's topic and the reply's state.
CREATE FUNCTION csat_topic() RETURNS trigger AS $$
BEGIN
    UPDATE csat_ratings SET topic = NEW.topic WHERE enquiry_id = NEW.id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER csat_topic AFTER UPDATE OF topic ON enquiries
FOR EACH ROW WHEN (NEW.topic IS DISTINCT FROM OLD.topic) EXECUTE FUNCTION csat_topic();
CREATE FUNCTION csat_sent() RETURNS trigger AS $$
BEGIN
    UPDATE csat_ratings SET sent = TRUE WHERE message_id = NEW.id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER csat_sent AFTER UPDATE OF send_state ON messages
FOR EACH ROW WHEN (NEW.send_state = 'sent') EXECUTE FUNCTION csat_sent();

-- The rating links of sent replies counted per UTC day, topic and channel,
-- kept in step with csat_ratings by the trigger below: a year's statistics
-- sum the days instead of counting every rating (SPEC §5).
CREATE TABLE csat_days (
    day       DATE NOT NULL,
    topic     TEXT NOT NULL,
    channel   TEXT NOT NULL,
    responses BIGINT NOT NULL,
    rated     BIGINT NOT NULL,
    satisfied BIGINT NOT NULL,
    PRIMARY KEY (day, topic, channel)
);

CREATE FUNCTION csat_days_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.sent THEN
        UPDATE csat_days SET responses = responses - 1,
            rated = rated - (CASE WHEN OLD.rating IS NULL THEN 0 ELSE 1 END),
            satisfied = satisfied - (CASE WHEN OLD.rating >= 4 THEN 1 ELSE 0 END)
        WHERE day = (OLD.received_at AT TIME ZONE 'UTC')::date AND topic = OLD.topic AND channel = OLD.channel;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.sent THEN
        INSERT INTO csat_days (day, topic, channel, responses, rated, satisfied)
        VALUES ((NEW.received_at AT TIME ZONE 'UTC')::date, NEW.topic, NEW.channel, 1,
            CASE WHEN NEW.rating IS NULL THEN 0 ELSE 1 END, CASE WHEN NEW.rating >= 4 THEN 1 ELSE 0 END)
        ON CONFLICT (day, topic, channel) DO UPDATE SET responses = csat_days.responses + 1,
            rated = csat_days.rated + excluded.rated, satisfied = csat_days.satisfied + excluded.satisfied;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER csat_days_insert AFTER INSERT ON csat_ratings FOR EACH ROW
WHEN (NEW.sent) EXECUTE FUNCTION csat_days_count();
CREATE TRIGGER csat_days_delete AFTER DELETE ON csat_ratings FOR EACH ROW
WHEN (OLD.sent) EXECUTE FUNCTION csat_days_count();
CREATE TRIGGER csat_days_update AFTER UPDATE OF sent, rating, topic, channel, received_at ON csat_ratings FOR EACH ROW
EXECUTE FUNCTION csat_days_count();
