package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/affaldsbot/affaldsbot"
)

const messageColumns = `id, enquiry_id, kind, message_id, in_reply_to, refs, from_addr, to_addr, subject, body,
	quoted, author, reason, content_hash, sent_at, received_at, created_at`

// MailOrigin says where an inbound mail was read: its mailbox and IMAP UID.
type MailOrigin struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
}

// InsertMessage stores m and its attachments. With a non-empty dedupeKey a
// second insert of the same key stores nothing and returns inserted=false.
func (tx *Tx) InsertMessage(ctx context.Context, m *affaldsbot.Message, atts []affaldsbot.Attachment, dedupeKey string, origin MailOrigin) (inserted bool, err error) {
	m.CreatedAt = tx.Now()
	var key any
	if dedupeKey != "" {
		key = dedupeKey
	}
	var ids []int64
	err = tx.SelectContext(ctx, &ids, tx.Rebind(`INSERT INTO messages
		(enquiry_id, kind, dedupe_key, message_id, in_reply_to, refs, from_addr, to_addr, subject, body, quoted,
		 author, reason, raw, content_hash, mailbox, uid_validity, uid, sent_at, received_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`),
		m.EnquiryID, m.Kind, key, m.MessageID, m.InReplyTo, m.References, m.FromAddr, m.ToAddr, m.Subject, m.Body,
		m.Quoted, m.Author, m.Reason, m.Raw, m.ContentHash, origin.Mailbox, origin.UIDValidity, origin.UID,
		utcPtr(m.SentAt), utc(m.ReceivedAt), m.CreatedAt)
	if err != nil {
		return false, fmt.Errorf("insert %s message: %w", m.Kind, err)
	}
	if len(ids) == 0 {
		return false, nil
	}
	m.ID = ids[0]
	return true, tx.insertAttachments(ctx, m.ID, atts)
}

func (tx *Tx) insertAttachments(ctx context.Context, messageID int64, atts []affaldsbot.Attachment) error {
	for i := range atts {
		a := &atts[i]
		a.MessageID = messageID
		err := tx.GetContext(ctx, &a.ID, tx.Rebind(`INSERT INTO attachments (message_id, filename, content_type, size, sha256, data, truncated)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), messageID, a.Filename, a.ContentType, a.Size, a.SHA256, a.Data, a.Truncated)
		if err != nil {
			return fmt.Errorf("insert attachment %q: %w", a.Filename, err)
		}
	}
	return nil
}

// SeenMail reports whether a mail is stored already: one with the same
// dedupe key, or one stored under an earlier key form (legacyKey) whose raw
// bytes are the same.
func (tx *Tx) SeenMail(ctx context.Context, dedupeKey, legacyKey, contentHash string) (bool, error) {
	var rows []struct {
		Key  string `db:"dedupe_key"`
		Hash string `db:"content_hash"`
	}
	err := tx.SelectContext(ctx, &rows, tx.Rebind(`SELECT dedupe_key, content_hash FROM messages WHERE dedupe_key IN (?, ?)`),
		dedupeKey, legacyKey)
	if err != nil {
		return false, fmt.Errorf("seen mail: %w", err)
	}
	for _, r := range rows {
		if r.Key == dedupeKey || r.Hash == contentHash {
			return true, nil
		}
	}
	return false, nil
}

// SeenMails is SeenMail for many keys in one query: the keys stored already.
func (tx *Tx) SeenMails(ctx context.Context, dedupeKeys []string) (map[string]bool, error) {
	seen := map[string]bool{}
	if len(dedupeKeys) == 0 {
		return seen, nil
	}
	args := make([]any, len(dedupeKeys))
	for i, k := range dedupeKeys {
		args[i] = k
	}
	var found []string
	q := `SELECT dedupe_key FROM messages WHERE dedupe_key IN (` + placeholders(len(args)) + `)`
	if err := tx.SelectContext(ctx, &found, tx.Rebind(q), args...); err != nil {
		return nil, fmt.Errorf("seen mails: %w", err)
	}
	for _, k := range found {
		seen[k] = true
	}
	return seen, nil
}

// EnquiryByMessageIDs finds the enquiry that holds any of the given
// Message-IDs (ours or the citizen's): how a reply finds its conversation.
func (tx *Tx) EnquiryByMessageIDs(ctx context.Context, ids []string) (int64, bool, error) {
	ids = nonEmpty(ids)
	if len(ids) == 0 {
		return 0, false, nil
	}
	q := `SELECT enquiry_id FROM messages WHERE enquiry_id IS NOT NULL AND message_id IN (?` +
		strings.Repeat(", ?", len(ids)-1) + `) ORDER BY id DESC LIMIT 1`
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	var out []int64
	if err := tx.SelectContext(ctx, &out, tx.Rebind(q), args...); err != nil {
		return 0, false, fmt.Errorf("find enquiry by message-id: %w", err)
	}
	if len(out) == 0 {
		return 0, false, nil
	}
	return out[0], true, nil
}

// Messages returns an enquiry's conversation in order, without raw bytes.
func (db *DB) Messages(ctx context.Context, enquiryID int64) ([]*affaldsbot.Message, error) {
	var out []*affaldsbot.Message
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT `+messageColumns+` FROM messages WHERE enquiry_id = ? ORDER BY id`), enquiryID)
	if err != nil {
		return nil, fmt.Errorf("messages of enquiry %d: %w", enquiryID, err)
	}
	return out, nil
}

// GetMessage reads one message, without raw bytes.
func (db *DB) GetMessage(ctx context.Context, id int64) (*affaldsbot.Message, error) {
	var m affaldsbot.Message
	err := db.GetContext(ctx, &m, db.Rebind(`SELECT `+messageColumns+` FROM messages WHERE id = ?`), id)
	if isNoRows(err) {
		return nil, notFound("not_found_message", id)
	} else if err != nil {
		return nil, fmt.Errorf("get message %d: %w", id, err)
	}
	return &m, nil
}

// Attachments returns a message's attachments with their data.
func (db *DB) Attachments(ctx context.Context, messageID int64) ([]affaldsbot.Attachment, error) {
	var out []affaldsbot.Attachment
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT id, message_id, filename, content_type, size, sha256, data, truncated
		FROM attachments WHERE message_id = ? ORDER BY id`), messageID)
	if err != nil {
		return nil, fmt.Errorf("attachments of message %d: %w", messageID, err)
	}
	return out, nil
}

// SetMessageSlackTS records where a message was posted in its thread.
func (db *DB) SetMessageSlackTS(ctx context.Context, messageID int64, ts string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`UPDATE messages SET slack_ts = ? WHERE id = ?`), ts, messageID)
	if err != nil {
		return fmt.Errorf("set slack ts of message %d: %w", messageID, err)
	}
	return nil
}

// SlackPending is the slack_ts of a message whose thread post has begun but
// is not confirmed.
const SlackPending = "pending"

// MarkMessagePending records, before posting, that a message is about to be
// posted in its thread.
func (db *DB) MarkMessagePending(ctx context.Context, messageID int64) error {
	_, err := db.ExecContext(ctx, db.Rebind(`UPDATE messages SET slack_ts = ? WHERE id = ? AND slack_ts = ''`), SlackPending, messageID)
	if err != nil {
		return fmt.Errorf("mark message %d pending: %w", messageID, err)
	}
	return nil
}

// UnpostedMessages returns an enquiry's conversation items not yet confirmed
// in its Slack thread, oldest first, with their slack_ts ("" or pending).
func (db *DB) UnpostedMessages(ctx context.Context, enquiryID int64) ([]UnpostedMessage, error) {
	var out []UnpostedMessage
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT `+messageColumns+`, slack_ts FROM messages
		WHERE enquiry_id = ? AND slack_ts IN ('', ?) AND kind <> 'ignored' ORDER BY id`), enquiryID, SlackPending)
	if err != nil {
		return nil, fmt.Errorf("unposted messages of enquiry %d: %w", enquiryID, err)
	}
	return out, nil
}

// UnpostedMessage is a message with its Slack posting state.
type UnpostedMessage struct {
	affaldsbot.Message
	SlackTS string `db:"slack_ts"`
}

// MessageSlackTS returns where a message was posted, "" if not yet.
func (db *DB) MessageSlackTS(ctx context.Context, messageID int64) (string, error) {
	var ts string
	err := db.GetContext(ctx, &ts, db.Rebind(`SELECT slack_ts FROM messages WHERE id = ?`), messageID)
	if isNoRows(err) {
		return "", notFound("not_found_message", messageID)
	}
	return ts, err
}

func nonEmpty(in []string) []string {
	out := in[:0:0]
	for _, s := range in {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// FirstText returns the start of the first inbound text of an enquiry, for the
// root message's preview.
func (db *DB) FirstText(ctx context.Context, enquiryID int64) (string, error) {
	var out []string
	q := `SELECT substr(body, 1, 2000) FROM messages WHERE enquiry_id = ? AND kind = 'inbound' ORDER BY id LIMIT 1`
	if err := db.SelectContext(ctx, &out, db.Rebind(q), enquiryID); err != nil {
		return "", fmt.Errorf("first text of enquiry %d: %w", enquiryID, err)
	}
	if len(out) == 0 {
		return "", nil
	}
	return out[0], nil
}
