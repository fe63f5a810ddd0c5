package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// Send states of an outbound message.
const (
	SendPending = "pending" // recorded, not handed to SMTP yet
	SendSending = "sending" // handed to SMTP; the outcome is not committed
	SendSent    = "sent"
	SendFailed  = "failed" // given up; shown in the thread with a retry button
)

// slackUnsent keeps an unsent reply out of UnpostedMessages: the thread shows
// a reply once it has left, not before.
const slackUnsent = "unsent"

// Reply is an outbound message with its sending state.
type Reply struct {
	affaldsbot.Message
	SendState string `db:"send_state"`
	SendError string `db:"send_error"`
	Attempts  int    `db:"send_attempts"`
}

// InsertReply stores an outbound message in the pending state.
func (tx *Tx) InsertReply(ctx context.Context, m *affaldsbot.Message) error {
	m.CreatedAt = tx.Now()
	err := tx.GetContext(ctx, &m.ID, tx.Rebind(`INSERT INTO messages
		(enquiry_id, kind, message_id, in_reply_to, refs, from_addr, to_addr, subject, body, author,
		 send_state, slack_ts, received_at, created_at)
		VALUES (?, 'outbound', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		m.EnquiryID, m.MessageID, m.InReplyTo, m.References, m.FromAddr, m.ToAddr, m.Subject, m.Body, m.Author,
		SendPending, slackUnsent, utc(m.ReceivedAt), m.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert reply: %w", err)
	}
	m.Kind = affaldsbot.MessageOutbound
	return nil
}

// GetReply reads an outbound message with its sending state.
func (db *DB) GetReply(ctx context.Context, id int64) (*Reply, error) {
	var r Reply
	err := db.GetContext(ctx, &r, db.Rebind(`SELECT `+messageColumns+`, send_state, send_error, send_attempts
		FROM messages WHERE id = ? AND kind = 'outbound'`), id)
	if isNoRows(err) {
		return nil, notFound("not_found_reply", id)
	} else if err != nil {
		return nil, fmt.Errorf("get reply %d: %w", id, err)
	}
	return &r, nil
}

// BeginSend records, before the reply is handed to SMTP, that it is being
// sent; ok is false when it is not pending (sent, failed or sending already).
func (db *DB) BeginSend(ctx context.Context, id int64) (ok bool, err error) {
	res, err := db.ExecContext(ctx, db.Rebind(`UPDATE messages SET send_state = ?, send_attempts = send_attempts + 1
		WHERE id = ? AND send_state = ?`), SendSending, id, SendPending)
	if err != nil {
		return false, fmt.Errorf("begin sending reply %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetSendState moves a reply that is not sent to state, with the reason.
func (db *DB) SetSendState(ctx context.Context, id int64, state, reason string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`UPDATE messages SET send_state = ?, send_error = ? WHERE id = ? AND send_state <> ?`),
		state, reason, id, SendSent)
	if err != nil {
		return fmt.Errorf("set reply %d %s: %w", id, state, err)
	}
	return nil
}

// FailReply gives up on a reply that is not sent, keeping its text and the
// reason.
func (tx *Tx) FailReply(ctx context.Context, id int64, reason string) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE messages SET send_state = ?, send_error = ? WHERE id = ? AND send_state <> ?`),
		SendFailed, reason, id, SendSent)
	if err != nil {
		return fmt.Errorf("fail reply %d: %w", id, err)
	}
	return nil
}

// RetryReply makes a failed reply pending again; ok is false when it was not
// failed.
func (tx *Tx) RetryReply(ctx context.Context, id int64) (ok bool, err error) {
	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE messages SET send_state = ?, send_error = '', send_attempts = 0 WHERE id = ? AND send_state = ?`),
		SendPending, id, SendFailed)
	if err != nil {
		return false, fmt.Errorf("retry reply %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// MarkReplySent records that SMTP accepted the reply; the thread then shows it.
func (tx *Tx) MarkReplySent(ctx context.Context, id int64, at time.Time) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE messages SET send_state = ?, send_error = '', sent_at = ?,
		slack_ts = CASE WHEN slack_ts = ? THEN '' ELSE slack_ts END WHERE id = ?`), SendSent, utc(at), slackUnsent, id)
	if err != nil {
		return fmt.Errorf("mark reply %d sent: %w", id, err)
	}
	return nil
}
