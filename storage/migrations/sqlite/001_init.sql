-- Enquiries, their conversation, events and the references that tie them to
-- Slack and the mailbox. Times are UTC.
CREATE TABLE enquiries (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    channel           TEXT NOT NULL CHECK (channel IN ('mail', 'phone')),
    status            TEXT NOT NULL CHECK (status IN ('new', 'claimed', 'answered', 'closed')),
    topic             TEXT NOT NULL DEFAULT 'andet',
    subject           TEXT NOT NULL DEFAULT '',
    citizen_name      TEXT NOT NULL DEFAULT '',
    citizen_email     TEXT NOT NULL DEFAULT '',
    citizen_phone     TEXT NOT NULL DEFAULT '',
    mailbox           TEXT NOT NULL DEFAULT '',
    holder            TEXT NOT NULL DEFAULT '',
    received_at       TIMESTAMP NOT NULL,
    deadline_at       TIMESTAMP,
    first_response_at TIMESTAMP,
    closed_at         TIMESTAMP,
    erased_at         TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX enquiries_received_at ON enquiries (received_at);
CREATE INDEX enquiries_open ON enquiries (status, received_at) WHERE status <> 'closed';
CREATE INDEX enquiries_citizen_email ON enquiries (lower(citizen_email), received_at) WHERE citizen_email <> '';
CREATE INDEX enquiries_citizen_phone ON enquiries (citizen_phone, received_at) WHERE citizen_phone <> '';
CREATE INDEX enquiries_holder ON enquiries (holder, status) WHERE holder <> '';

CREATE TABLE messages (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    enquiry_id   BIGINT REFERENCES enquiries (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('inbound', 'outbound', 'note', 'call_log', 'ignored')),
    dedupe_key   TEXT UNIQUE,
    message_id   TEXT NOT NULL DEFAULT '',
    in_reply_to  TEXT NOT NULL DEFAULT '',
    refs         TEXT NOT NULL DEFAULT '',
    from_addr    TEXT NOT NULL DEFAULT '',
    to_addr      TEXT NOT NULL DEFAULT '',
    subject      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    quoted       TEXT NOT NULL DEFAULT '',
    author       TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    raw          BLOB,
    content_hash TEXT NOT NULL DEFAULT '',
    mailbox      TEXT NOT NULL DEFAULT '',
    uid_validity BIGINT NOT NULL DEFAULT 0,
    uid          BIGINT NOT NULL DEFAULT 0,
    send_state   TEXT NOT NULL DEFAULT '',
    send_error   TEXT NOT NULL DEFAULT '',
    slack_ts     TEXT NOT NULL DEFAULT '',
    sent_at      TIMESTAMP,
    received_at  TIMESTAMP NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX messages_enquiry ON messages (enquiry_id, id);
CREATE INDEX messages_message_id ON messages (message_id) WHERE message_id <> '';
CREATE INDEX messages_content_hash ON messages (content_hash) WHERE content_hash <> '';

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id   BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB,
    truncated    BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX attachments_message ON attachments (message_id);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    enquiry_id BIGINT NOT NULL REFERENCES enquiries (id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TIMESTAMP NOT NULL,
    payload    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_enquiry ON events (enquiry_id, at);
CREATE INDEX events_type_at ON events (type, at);

CREATE TABLE calls (
    enquiry_id     BIGINT PRIMARY KEY REFERENCES enquiries (id) ON DELETE CASCADE,
    call_id        TEXT NOT NULL UNIQUE,
    queue          TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    transferred_by TEXT NOT NULL DEFAULT '',
    transferred_at TIMESTAMP NOT NULL,
    answered_at    TIMESTAMP,
    ended_at       TIMESTAMP,
    handled_seconds BIGINT,
    attempts       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE slack_refs (
    enquiry_id BIGINT PRIMARY KEY REFERENCES enquiries (id) ON DELETE CASCADE,
    channel    TEXT NOT NULL,
    root_ts    TEXT NOT NULL,
    posted_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX slack_refs_root ON slack_refs (channel, root_ts) WHERE root_ts <> '';

CREATE TABLE mail_cursors (
    mailbox      TEXT PRIMARY KEY,
    uid_validity BIGINT NOT NULL,
    last_uid     BIGINT NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TIMESTAMP NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
