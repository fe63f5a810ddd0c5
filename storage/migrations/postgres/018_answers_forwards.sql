-- Standard answers edited by the team lead, and their use; forwarding of
-- enquiries to another authority.

-- A standard answer as the team lead last saved it in Slack. A row overrides
-- the answer of the same name in ANSWERS_DIR (or the built-in set); a retired
-- row hides it. Every replica reads the same rows, so all offer the same set.
CREATE TABLE standard_answers (
    name       TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    body_en    TEXT NOT NULL DEFAULT '',
    retired    BOOLEAN NOT NULL DEFAULT FALSE,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- One row per reply that began from a standard answer, written in the
-- reply's own transaction.
CREATE TABLE standard_answer_uses (
    message_id BIGINT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    enquiry_id BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    used_by    TEXT NOT NULL,
    used_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX standard_answer_uses_enquiry ON standard_answer_uses (enquiry_id);

-- An enquiry sent on to another authority (forvaltningsloven § 7): the
-- citizen's mails and the adviser's note go to the destination's address,
-- once; the Message-ID is fixed before sending so a retry looks for it in the
-- Sent folder instead of sending twice. notice_id is the reply that tells
-- the citizen where the enquiry went (NULL: no address to tell them at).
CREATE TABLE forwards (
    id           BIGSERIAL PRIMARY KEY,
    enquiry_id   BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    destination  TEXT NOT NULL,
    to_addr      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    message_id   TEXT NOT NULL UNIQUE,
    notice_id    BIGINT REFERENCES messages (id) ON DELETE SET NULL,
    requested_by TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    error        TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    sent_at      TIMESTAMPTZ
);
CREATE INDEX forwards_enquiry ON forwards (enquiry_id, id);

-- An erased enquiry keeps where it was forwarded, never the adviser's note.
CREATE FUNCTION forwards_note_erased() RETURNS trigger AS $$
BEGIN
    UPDATE forwards SET note = '' WHERE enquiry_id = NEW.id AND note <> '';
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER forwards_note_erased AFTER UPDATE OF erased_at ON enquiries
FOR EACH ROW WHEN (NEW.erased_at IS NOT NULL) EXECUTE FUNCTION forwards_note_erased();
