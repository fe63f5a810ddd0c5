package storage

import (
	"context"
	"fmt"
	"time"
)

// Call is the telephony record of a phone enquiry: what the contact centre
// reported and how the call-backs went.
type Call struct {
	EnquiryID      int64      `db:"enquiry_id"`
	CallID         string     `db:"call_id"`
	Queue          string     `db:"queue"`
	Note           string     `db:"note"`
	TransferredBy  string     `db:"transferred_by"`
	TransferredAt  time.Time  `db:"transferred_at"`
	AnsweredAt     *time.Time `db:"answered_at"`
	EndedAt        *time.Time `db:"ended_at"`
	HandledSeconds *int64     `db:"handled_seconds"`
	Attempts       int        `db:"attempts"`
	NoAnswers      int        `db:"no_answers"`
	NudgedWindow   int        `db:"nudged_window"`
}

const callColumns = `enquiry_id, call_id, queue, note, transferred_by, transferred_at, answered_at, ended_at,
	handled_seconds, attempts, no_answers, nudged_window`

// CallNote returns the contact centre's note and who transferred a call.
func (db *DB) CallNote(ctx context.Context, enquiryID int64) (note, transferredBy string, err error) {
	var rows []struct {
		Note          string `db:"note"`
		TransferredBy string `db:"transferred_by"`
	}
	err = db.SelectContext(ctx, &rows, db.Rebind(`SELECT note, transferred_by FROM calls WHERE enquiry_id = ?`), enquiryID)
	if err != nil {
		return "", "", fmt.Errorf("call of enquiry %d: %w", enquiryID, err)
	}
	if len(rows) == 0 {
		return "", "", nil
	}
	return rows[0].Note, rows[0].TransferredBy, nil
}

// InsertCall stores c unless a call with its call_id exists (a duplicate,
// perhaps sent at the same moment): then it stores nothing and returns false.
func (tx *Tx) InsertCall(ctx context.Context, c *Call) (inserted bool, err error) {
	var ids []int64
	err = tx.SelectContext(ctx, &ids, tx.Rebind(`INSERT INTO calls (`+callColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING RETURNING enquiry_id`),
		c.EnquiryID, c.CallID, c.Queue, c.Note, c.TransferredBy, utc(c.TransferredAt), utcPtr(c.AnsweredAt),
		utcPtr(c.EndedAt), c.HandledSeconds, c.Attempts, c.NoAnswers, c.NudgedWindow)
	if err != nil {
		return false, fmt.Errorf("insert call %q: %w", c.CallID, err)
	}
	return len(ids) > 0, nil
}

// LockCall reads the call with this call_id and holds it for the
// transaction; ok is false when there is none.
func (tx *Tx) LockCall(ctx context.Context, callID string) (c *Call, ok bool, err error) {
	return tx.lockCall(ctx, `call_id = ?`, callID)
}

// LockCallOf reads the call of an enquiry and holds it for the transaction.
func (tx *Tx) LockCallOf(ctx context.Context, enquiryID int64) (*Call, error) {
	c, ok, err := tx.lockCall(ctx, `enquiry_id = ?`, enquiryID)
	if err == nil && !ok {
		err = notFound("not_found_call", enquiryID)
	}
	return c, err
}

func (tx *Tx) lockCall(ctx context.Context, where string, arg any) (*Call, bool, error) {
	var rows []*Call
	q := `SELECT ` + callColumns + ` FROM calls WHERE ` + where + tx.db.forUpdate()
	if err := tx.SelectContext(ctx, &rows, tx.Rebind(q), arg); err != nil {
		return nil, false, fmt.Errorf("lock call %v: %w", arg, err)
	}
	if len(rows) == 0 {
		return nil, false, nil
	}
	return rows[0], true, nil
}

// SaveCall writes the call's times and call-back counts.
func (tx *Tx) SaveCall(ctx context.Context, c *Call) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE calls SET answered_at = ?, ended_at = ?, handled_seconds = ?,
		attempts = ?, no_answers = ? WHERE enquiry_id = ?`),
		utcPtr(c.AnsweredAt), utcPtr(c.EndedAt), c.HandledSeconds, c.Attempts, c.NoAnswers, c.EnquiryID)
	if err != nil {
		return fmt.Errorf("save call of enquiry %d: %w", c.EnquiryID, err)
	}
	tx.changedShown(c.EnquiryID)
	return nil
}

// GetCall reads the call of an enquiry.
func (db *DB) GetCall(ctx context.Context, enquiryID int64) (*Call, error) {
	var c Call
	err := db.GetContext(ctx, &c, db.Rebind(`SELECT `+callColumns+` FROM calls WHERE enquiry_id = ?`), enquiryID)
	if isNoRows(err) {
		return nil, notFound("not_found_call", enquiryID)
	} else if err != nil {
		return nil, fmt.Errorf("get call of enquiry %d: %w", enquiryID, err)
	}
	return &c, nil
}

// CallByCallID reads a call by the contact centre's call_id.
func (db *DB) CallByCallID(ctx context.Context, callID string) (*Call, error) {
	var c Call
	err := db.GetContext(ctx, &c, db.Rebind(`SELECT `+callColumns+` FROM calls WHERE call_id = ?`), callID)
	if isNoRows(err) {
		return nil, notFound("not_found_call", callID)
	} else if err != nil {
		return nil, fmt.Errorf("get call %q: %w", callID, err)
	}
	return &c, nil
}
