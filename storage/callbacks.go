package storage

import (
	"context"
	"fmt"
	"time"
)

// Callback is a call-back booked on a call enquiry.
type Callback struct {
	ID         int64      `db:"id"`
	EnquiryID  int64      `db:"enquiry_id"`
	DueAt      time.Time  `db:"due_at"`
	Holder     string     `db:"holder"`
	BookedBy   string     `db:"booked_by"`
	State      string     `db:"state"`  // booked, done or cancelled
	Notify     string     `db:"notify"` // "", mail or sms
	RemindedAt *time.Time `db:"reminded_at"`
	NotifiedAt *time.Time `db:"notified_at"`
	// ConfirmingAt is when the confirmation mail was handed to the mail
	// server, or an attempt was cut off doing so.
	ConfirmingAt *time.Time `db:"confirming_at"`
	CreatedAt    time.Time  `db:"created_at"`
}

const callbackColumns = `id, enquiry_id, due_at, holder, booked_by, state, notify, reminded_at, notified_at, confirming_at, created_at`

// BookCallback cancels the enquiry's booked call-back, if any, and books c.
func (tx *Tx) BookCallback(ctx context.Context, c *Callback) error {
	if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE callbacks SET state = 'cancelled' WHERE enquiry_id = ? AND state = 'booked'`), c.EnquiryID); err != nil {
		return fmt.Errorf("cancel call-backs of enquiry %d: %w", c.EnquiryID, err)
	}
	c.State, c.CreatedAt = "booked", tx.Now()
	err := tx.GetContext(ctx, &c.ID, tx.Rebind(`INSERT INTO callbacks (enquiry_id, due_at, holder, booked_by, state, notify, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), c.EnquiryID, utc(c.DueAt), c.Holder, c.BookedBy, c.State, c.Notify, c.CreatedAt)
	if err != nil {
		return fmt.Errorf("book call-back on enquiry %d: %w", c.EnquiryID, err)
	}
	return nil
}

// CallbacksDone marks the enquiry's booked call-back done (an attempt was
// logged).
func (tx *Tx) CallbacksDone(ctx context.Context, enquiryID int64) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE callbacks SET state = 'done' WHERE enquiry_id = ? AND state = 'booked'`), enquiryID)
	return wrapErr(err, "call-backs of enquiry %d done", enquiryID)
}

// GetCallback reads one call-back.
func (db *DB) GetCallback(ctx context.Context, id int64) (*Callback, error) {
	var c Callback
	err := db.GetContext(ctx, &c, db.Rebind(`SELECT `+callbackColumns+` FROM callbacks WHERE id = ?`), id)
	if isNoRows(err) {
		return nil, notFound("not_found_callback", id)
	} else if err != nil {
		return nil, fmt.Errorf("call-back %d: %w", id, err)
	}
	return &c, nil
}

// ClaimCallbackStep records that the reminder (step "reminded") or the
// confirmation ("notified") of a booked call-back was made, or that its
// confirmation mail is being handed to the mail server ("confirming");
// false when that was recorded already or the call-back is no longer
// booked. Of two workers only one wins.
func (db *DB) ClaimCallbackStep(ctx context.Context, id int64, step string) (bool, error) {
	col, err := stepColumn(step)
	if err != nil {
		return false, err
	}
	res, err := db.ExecContext(ctx, db.Rebind(`UPDATE callbacks SET `+col+` = ? WHERE id = ? AND state = 'booked' AND `+col+` IS NULL`), utc(db.Now()), id)
	if err != nil {
		return false, fmt.Errorf("claim %s of call-back %d: %w", step, id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReleaseCallbackStep undoes ClaimCallbackStep after the step failed, so
// that a retry makes it.
func (db *DB) ReleaseCallbackStep(ctx context.Context, id int64, step string) error {
	col, err := stepColumn(step)
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, db.Rebind(`UPDATE callbacks SET `+col+` = NULL WHERE id = ?`), id)
	return wrapErr(err, "release %s of call-back %d", step, id)
}

func stepColumn(step string) (string, error) {
	switch step {
	case "confirming":
		return "confirming_at", nil
	case "reminded":
		return "reminded_at", nil
	case "notified":
		return "notified_at", nil
	}
	return "", fmt.Errorf("unknown call-back step %q", step)
}

// OverdueCallback is a booked call-back whose time has passed without an
// attempt logged, for the digest.
type OverdueCallback struct {
	EnquiryID int64     `db:"enquiry_id"`
	DueAt     time.Time `db:"due_at"`
	Holder    string    `db:"holder"`
}

// OverdueCallbacks lists the booked call-backs due before now, oldest first.
func (db *DB) OverdueCallbacks(ctx context.Context, now time.Time, limit int) ([]OverdueCallback, error) {
	var out []OverdueCallback
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT enquiry_id, due_at, holder FROM callbacks
		WHERE state = 'booked' AND due_at < ? ORDER BY due_at, id LIMIT ?`), utc(now), limit)
	for i := range out {
		out[i].DueAt = out[i].DueAt.UTC()
	}
	return out, wrapErr(err, "overdue call-backs")
}
