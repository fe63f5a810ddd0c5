package storage

import (
	"context"
	"fmt"
	"time"
)

// SlackEraseFailure is a bot message or file in an erased enquiry's thread
// that Slack would not delete.
type SlackEraseFailure struct {
	EnquiryID int64     `db:"enquiry_id"`
	Item      string    `db:"item"`   // "message <ts>" or "file <id>"
	Reason    string    `db:"reason"` // Slack's error code, or the failure
	Attempts  int       `db:"attempts"`
	At        time.Time `db:"at"` // the last attempt
}

// SetSlackEraseFailures records what the latest attempt to erase an
// enquiry's thread left, in place of what earlier attempts left: an item a
// later attempt deleted is forgotten, one still left counts one more
// attempt. It reports whether the set of items changed.
func (tx *Tx) SetSlackEraseFailures(ctx context.Context, enquiryID int64, failed []SlackEraseFailure) (bool, error) {
	var before []SlackEraseFailure
	err := tx.SelectContext(ctx, &before, tx.Rebind(`SELECT enquiry_id, item, reason, attempts, at FROM slack_erase_failures WHERE enquiry_id = ?`), enquiryID)
	if err != nil {
		return false, fmt.Errorf("slack erase failures of enquiry %d: %w", enquiryID, err)
	}
	attempts := map[string]int{}
	for _, f := range before {
		attempts[f.Item] = f.Attempts
	}
	if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM slack_erase_failures WHERE enquiry_id = ?`), enquiryID); err != nil {
		return false, fmt.Errorf("slack erase failures of enquiry %d: %w", enquiryID, err)
	}
	changed := len(before) != len(failed)
	for _, f := range failed {
		n, seen := attempts[f.Item]
		changed = changed || !seen
		_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO slack_erase_failures (enquiry_id, item, reason, attempts, at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (enquiry_id, item) DO NOTHING`), enquiryID, f.Item, f.Reason, n+1, tx.Now())
		if err != nil {
			return false, fmt.Errorf("slack erase failures of enquiry %d: %w", enquiryID, err)
		}
	}
	return changed, nil
}

// SlackEraseFailures returns up to limit items Slack would not delete,
// newest first.
func (db *DB) SlackEraseFailures(ctx context.Context, limit int) ([]SlackEraseFailure, error) {
	var out []SlackEraseFailure
	err := db.SelectContext(ctx, &out, db.Rebind(`SELECT enquiry_id, item, reason, attempts, at FROM slack_erase_failures
		ORDER BY at DESC, enquiry_id, item LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("slack erase failures: %w", err)
	}
	return out, nil
}
