package storage

import (
	"context"
	"fmt"
	"time"
)

// Filing states.
const (
	FilingPending = "pending"
	FilingSending = "sending"
	FilingSent    = "sent"
	FilingFailed  = "failed"
)

// Filing is one delivery of an enquiry's conversation to the
// case-management system's intake address.
type Filing struct {
	ID          int64      `db:"id"`
	EnquiryID   int64      `db:"enquiry_id"`
	MessageID   string     `db:"message_id"`
	ToAddr      string     `db:"to_addr"`
	RequestedBy string     `db:"requested_by"`
	State       string     `db:"state"`
	Attempts    int        `db:"attempts"`
	Error       string     `db:"error"`
	CreatedAt   time.Time  `db:"created_at"`
	SentAt      *time.Time `db:"sent_at"`
}

const filingColumns = `id, enquiry_id, message_id, to_addr, requested_by, state, attempts, error, created_at, sent_at`

// InsertFiling records a filing to send, with its Message-ID fixed now.
func (tx *Tx) InsertFiling(ctx context.Context, f *Filing) error {
	f.State, f.CreatedAt = FilingPending, tx.Now()
	err := tx.GetContext(ctx, &f.ID, tx.Rebind(`INSERT INTO filings (enquiry_id, message_id, to_addr, requested_by, state, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`), f.EnquiryID, f.MessageID, f.ToAddr, f.RequestedBy, f.State, f.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert filing of enquiry %d: %w", f.EnquiryID, err)
	}
	return nil
}

// OpenFiling reports whether the enquiry has a filing pending or being sent.
func (tx *Tx) OpenFiling(ctx context.Context, enquiryID int64) (bool, error) {
	var n int
	err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM filings WHERE enquiry_id = ? AND state IN (?, ?)`),
		enquiryID, FilingPending, FilingSending)
	if err != nil {
		return false, fmt.Errorf("open filing of enquiry %d: %w", enquiryID, err)
	}
	return n > 0, nil
}

// GetFiling reads one filing.
func (db *DB) GetFiling(ctx context.Context, id int64) (*Filing, error) {
	var f Filing
	err := db.GetContext(ctx, &f, db.Rebind(`SELECT `+filingColumns+` FROM filings WHERE id = ?`), id)
	if isNoRows(err) {
		return nil, notFound("not_found_filing", id)
	} else if err != nil {
		return nil, fmt.Errorf("get filing %d: %w", id, err)
	}
	return &f, nil
}

// BeginFiling moves a pending filing to sending and counts the attempt;
// false means another attempt has it or it is done.
func (db *DB) BeginFiling(ctx context.Context, id int64) (bool, error) {
	return db.beginSending(ctx, "filings", "filing", id)
}

// beginSending moves a pending row of an outgoing mail's table (filings,
// forwards) to sending and counts the attempt; false means another attempt
// has it or it is done. table is one of the package's own names, never
// input.
func (db *DB) beginSending(ctx context.Context, table, what string, id int64) (bool, error) {
	res, err := db.ExecContext(ctx, db.Rebind(`UPDATE `+table+` SET state = ?, attempts = attempts + 1 WHERE id = ? AND state = ?`),
		FilingSending, id, FilingPending)
	if err != nil {
		return false, fmt.Errorf("begin %s %d: %w", what, id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetFilingState moves a filing that is not sent to state, with the reason.
func (db *DB) SetFilingState(ctx context.Context, id int64, state, reason string) error {
	return db.setSendState(ctx, "filings", "filing", id, state, reason)
}

// setSendState moves a row of an outgoing mail's table that is not sent to
// state, with the reason.
func (db *DB) setSendState(ctx context.Context, table, what string, id int64, state, reason string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`UPDATE `+table+` SET state = ?, error = ? WHERE id = ? AND state <> ?`),
		state, reason, id, FilingSent)
	if err != nil {
		return fmt.Errorf("set %s %d %s: %w", what, id, state, err)
	}
	return nil
}

// MarkFilingSent records that the intake address accepted the filing.
func (tx *Tx) MarkFilingSent(ctx context.Context, f *Filing, at time.Time) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE filings SET state = ?, error = '', sent_at = ? WHERE id = ?`), FilingSent, utc(at), f.ID)
	if err != nil {
		return fmt.Errorf("mark filing %d sent: %w", f.ID, err)
	}
	tx.changedShown(f.EnquiryID)
	return nil
}

// LastFiled returns when the enquiry was last filed; nil when never.
func (db *DB) LastFiled(ctx context.Context, enquiryID int64) (*time.Time, error) {
	var out []time.Time
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT sent_at FROM filings WHERE enquiry_id = ? AND state = ?
		ORDER BY sent_at DESC LIMIT 1`), enquiryID, FilingSent)
	if err != nil {
		return nil, fmt.Errorf("last filing of enquiry %d: %w", enquiryID, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	t := out[0].UTC()
	return &t, nil
}

// ClosedUnfiled returns up to limit closed enquiries closed since `since`
// that have no filing made after they were closed, oldest first.
func (db *DB) ClosedUnfiled(ctx context.Context, since time.Time, limit int) ([]int64, error) {
	var ids []int64
	err := db.SelectContext(ctx, &ids, db.Rebind(`SELECT e.id FROM enquiries e WHERE e.status = 'closed'
		AND e.closed_at >= ? AND e.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM filings f
		WHERE f.enquiry_id = e.id AND f.created_at >= e.closed_at) ORDER BY e.closed_at, e.id LIMIT ?`), utc(since), limit)
	if err != nil {
		return nil, fmt.Errorf("closed enquiries to file: %w", err)
	}
	return ids, nil
}

// RawMail returns the raw bytes of a message; nil when none are kept.
func (db *DB) RawMail(ctx context.Context, messageID int64) ([]byte, error) {
	var out [][]byte
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT raw FROM messages WHERE id = ?`), messageID)
	if err != nil {
		return nil, fmt.Errorf("raw mail of message %d: %w", messageID, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out[0], nil
}
