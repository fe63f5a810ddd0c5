-- Drafts an LLM (or the guidance search alone) proposed for an enquiry. A
-- citizen's new mail makes older drafts stale.
CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    enquiry_id BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    requested_by TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    sources    TEXT NOT NULL DEFAULT '[]',
    model      TEXT NOT NULL DEFAULT '',
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'ready', 'failed', 'discarded')),
    stale      BOOLEAN NOT NULL DEFAULT 0,
    error      TEXT NOT NULL DEFAULT '',
    slack_ts   TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX drafts_enquiry ON drafts (enquiry_id, id);
