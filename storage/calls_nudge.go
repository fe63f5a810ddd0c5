package storage

import (
	"context"
	"fmt"
	"time"
)

// WaitingCall is a claimed phone enquiry with no call-back attempt yet, posted
// in Slack: a candidate for a reminder to its holder.
type WaitingCall struct {
	EnquiryID    int64     `db:"enquiry_id"`
	Holder       string    `db:"holder"`
	ReceivedAt   time.Time `db:"received_at"`
	NudgedWindow int       `db:"nudged_window"`
	Channel      string    `db:"channel"`
	RootTS       string    `db:"root_ts"`
}

// WaitingCalls lists claimed phone enquiries received before `before` that
// have neither a first response nor a logged attempt, oldest first.
func (db *DB) WaitingCalls(ctx context.Context, before time.Time, limit int) ([]WaitingCall, error) {
	var out []WaitingCall
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT e.id AS enquiry_id, e.holder, e.received_at, c.nudged_window,
		r.channel, r.root_ts
		FROM enquiries e JOIN calls c ON c.enquiry_id = e.id JOIN slack_refs r ON r.enquiry_id = e.id
		WHERE e.status = 'claimed' AND e.channel = 'phone' AND e.holder <> '' AND e.first_response_at IS NULL
		AND c.attempts = 0 AND r.root_ts <> '' AND e.received_at <= ?
		ORDER BY e.received_at, e.id LIMIT ?`), utc(before), limit)
	if err != nil {
		return nil, fmt.Errorf("waiting calls: %w", err)
	}
	return out, nil
}

// MarkNudged records that the holder of a waiting call is reminded for
// window; it returns false when that window was recorded already (by this or
// another replica) or an attempt was logged meanwhile. The update is one
// conditional statement, so of two replicas only one wins.
func (tx *Tx) MarkNudged(ctx context.Context, enquiryID int64, window int) (bool, error) {
	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE calls SET nudged_window = ?
		WHERE enquiry_id = ? AND nudged_window < ? AND attempts = 0`), window, enquiryID, window)
	if err != nil {
		return false, fmt.Errorf("mark call of enquiry %d nudged: %w", enquiryID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("mark call of enquiry %d nudged: %w", enquiryID, err)
	}
	return n == 1, nil
}
