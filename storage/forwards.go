package storage

import (
	"context"
	"fmt"
	"time"
)

// Forward is one enquiry sent on to another authority: its mails and the
// adviser's note to the destination's address, once (states as a filing's).
type Forward struct {
	ID          int64      `db:"id"`
	EnquiryID   int64      `db:"enquiry_id"`
	Destination string     `db:"destination"` // the destination's name as configured
	ToAddr      string     `db:"to_addr"`
	Note        string     `db:"note"`
	MessageID   string     `db:"message_id"`
	NoticeID    *int64     `db:"notice_id"` // the reply telling the citizen; nil: none
	RequestedBy string     `db:"requested_by"`
	State       string     `db:"state"`
	Attempts    int        `db:"attempts"`
	Error       string     `db:"error"`
	CreatedAt   time.Time  `db:"created_at"`
	SentAt      *time.Time `db:"sent_at"`
}

const forwardColumns = `id, enquiry_id, destination, to_addr, note, message_id, notice_id, requested_by, state, attempts, error, created_at, sent_at`

// InsertForward records a forward to send, with its Message-ID fixed now.
func (tx *Tx) InsertForward(ctx context.Context, f *Forward) error {
	f.State, f.CreatedAt = FilingPending, tx.Now()
	err := tx.GetContext(ctx, &f.ID, tx.Rebind(`INSERT INTO forwards
		(enquiry_id, destination, to_addr, note, message_id, notice_id, requested_by, state, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		f.EnquiryID, f.Destination, f.ToAddr, f.Note, f.MessageID, f.NoticeID, f.RequestedBy, f.State, f.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert forward of enquiry %d: %w", f.EnquiryID, err)
	}
	return nil
}

// GetForward reads one forward.
func (db *DB) GetForward(ctx context.Context, id int64) (*Forward, error) {
	var f Forward
	err := db.GetContext(ctx, &f, db.Rebind(`SELECT `+forwardColumns+` FROM forwards WHERE id = ?`), id)
	if isNoRows(err) {
		return nil, notFound("not_found_forward", id)
	} else if err != nil {
		return nil, fmt.Errorf("get forward %d: %w", id, err)
	}
	return &f, nil
}

// LastForward returns the enquiry's latest forward; nil when it has none.
func (db *DB) LastForward(ctx context.Context, enquiryID int64) (*Forward, error) {
	var out []Forward
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT `+forwardColumns+` FROM forwards WHERE enquiry_id = ?
		ORDER BY id DESC LIMIT 1`), enquiryID)
	if err != nil {
		return nil, fmt.Errorf("last forward of enquiry %d: %w", enquiryID, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return &out[0], nil
}

// BeginForward moves a pending forward to sending and counts the attempt;
// false means another attempt has it or it is done.
func (db *DB) BeginForward(ctx context.Context, id int64) (bool, error) {
	return db.beginSending(ctx, "forwards", "forward", id)
}

// SetForwardState moves a forward that is not sent to state, with the reason.
func (db *DB) SetForwardState(ctx context.Context, id int64, state, reason string) error {
	return db.setSendState(ctx, "forwards", "forward", id, state, reason)
}

// MarkForwardSent records that the destination's server accepted the forward.
func (db *DB) MarkForwardSent(ctx context.Context, id int64) error {
	_, err := db.ExecContext(ctx, db.Rebind(`UPDATE forwards SET state = ?, error = '', sent_at = ? WHERE id = ?`),
		FilingSent, utc(db.Now()), id)
	if err != nil {
		return fmt.Errorf("mark forward %d sent: %w", id, err)
	}
	return nil
}

// ForwardTally counts the forwards of the enquiries received in [from, to),
// by destination.
func (db *DB) ForwardTally(ctx context.Context, from, to time.Time) (map[string]int, error) {
	var rows []struct {
		Destination string `db:"destination"`
		N           int    `db:"n"`
	}
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT f.destination, COUNT(*) AS n FROM forwards f
		JOIN enquiries e ON e.id = f.enquiry_id WHERE e.received_at >= ? AND e.received_at < ? GROUP BY f.destination`), utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("forwards by destination: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Destination] = r.N
	}
	return out, nil
}

// enquiryForwards returns an enquiry's forwards, oldest first.
func (db *DB) enquiryForwards(ctx context.Context, enquiryID int64) ([]Forward, error) {
	out := []Forward{}
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT `+forwardColumns+` FROM forwards WHERE enquiry_id = ? ORDER BY id`), enquiryID)
	if err != nil {
		return nil, fmt.Errorf("forwards of enquiry %d: %w", enquiryID, err)
	}
	return out, nil
}
