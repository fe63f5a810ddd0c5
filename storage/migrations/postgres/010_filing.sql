-- Filing: the whole conversation of an enquiry sent as one mail to the
-- case-management system's intake address (JOURNAL_ADDR). The Message-ID is
-- fixed before sending so a retry can look for it in the Sent folder instead
-- of filing twice.
CREATE TABLE filings (
    id           BIGSERIAL PRIMARY KEY,
    enquiry_id   BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    message_id   TEXT NOT NULL UNIQUE,
    to_addr      TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    error        TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    sent_at      TIMESTAMPTZ
);
CREATE INDEX filings_enquiry ON filings (enquiry_id, id);
