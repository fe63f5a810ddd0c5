-- Satisfaction ratings of replies, the key their links are signed with, and
-- questions the team lead marked as gaps in the sorting guidance.

-- The key that signs rating links: one row, made by the first replica that
-- needs it, so every replica signs and checks alike.
CREATE TABLE csat_keys (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    secret     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- One row per reply sent with rating links. The token's id is random and
-- only its SHA-256 is kept, so the table gives no working link away. rating
-- is NULL until the citizen clicks; nonce_hash is the one form the latest
-- page carries (spent when the form is posted).
CREATE TABLE csat_ratings (
    token_hash   TEXT PRIMARY KEY,
    message_id   BIGINT NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
    enquiry_id   BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
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
