package storage

import (
	"context"
	"fmt"
)

// OpenEnquiryOf returns the newest open enquiry, older than before and merged
// into none, of the citizen with this e-mail address (case-insensitive);
// ok is false when there is none.
func (tx *Tx) OpenEnquiryOf(ctx context.Context, email string, before int64) (id int64, ok bool, err error) {
	var ids []int64
	err = tx.SelectContext(ctx, &ids, tx.Rebind(`SELECT id FROM enquiries
		WHERE lower(citizen_email) = lower(?) AND citizen_email <> '' AND status <> 'closed' AND merged_into IS NULL
		AND id < ? AND erased_at IS NULL ORDER BY id DESC LIMIT 1`), email, before)
	if err != nil || len(ids) == 0 {
		return 0, false, wrapErr(err, "open enquiry of citizen")
	}
	return ids[0], true, nil
}

// HasMovedIn reports whether messages of another enquiry were merged into
// enquiry id and are still there.
func (tx *Tx) HasMovedIn(ctx context.Context, id int64) (bool, error) {
	var n int
	err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM messages WHERE enquiry_id = ? AND moved_from IS NOT NULL`), id)
	return n > 0, wrapErr(err, "moved messages")
}

// MoveMessages moves every message of enquiry from to enquiry to, keeping
// where each came from and its place in the old thread; in the new one they
// are not posted yet (SyncSlack posts them). It returns how many moved.
func (tx *Tx) MoveMessages(ctx context.Context, from, to int64) (int64, error) {
	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE messages SET moved_from = ?, moved_ts = slack_ts, slack_ts = '', enquiry_id = ?
		WHERE enquiry_id = ?`), from, to, from)
	if err != nil {
		return 0, fmt.Errorf("move messages of enquiry %d to %d: %w", from, to, err)
	}
	return res.RowsAffected()
}

// MoveMessagesBack undoes MoveMessages: the messages that came from enquiry
// from go back to it, with their place in its thread. Messages the citizen
// sent after the merge stay where they are.
func (tx *Tx) MoveMessagesBack(ctx context.Context, from, to int64) (int64, error) {
	res, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE messages SET enquiry_id = moved_from, slack_ts = moved_ts, moved_from = NULL, moved_ts = ''
		WHERE enquiry_id = ? AND moved_from = ?`), to, from)
	if err != nil {
		return 0, fmt.Errorf("move messages of enquiry %d back from %d: %w", from, to, err)
	}
	return res.RowsAffected()
}
