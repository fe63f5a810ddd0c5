package storage

import (
	"context"
	"fmt"
)

// SetDraftSlackTS records where a draft's message was posted.
func (db *DB) SetDraftSlackTS(ctx context.Context, id int64, ts string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`UPDATE drafts SET slack_ts = ?, updated_at = ? WHERE id = ?`), ts, db.Now(), id)
	if err != nil {
		return fmt.Errorf("set slack ts of draft %d: %w", id, err)
	}
	return nil
}

// FinishDraft stores a pending draft's text, sources (JSON) and model and
// makes it ready. A draft discarded meanwhile stays discarded; done reports
// whether the draft was pending.
func (db *DB) FinishDraft(ctx context.Context, id int64, body, sources, model string) (done bool, err error) {
	res, err := db.ExecContext(ctx, db.Rebind(`UPDATE drafts SET body = ?, sources = ?, model = ?, state = 'ready', error = '', updated_at = ?
		WHERE id = ? AND state = 'pending'`), body, sources, model, db.Now(), id)
	if err != nil {
		return false, fmt.Errorf("finish draft %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// FailDraft records why a pending draft could not be made.
func (db *DB) FailDraft(ctx context.Context, id int64, reason string) error {
	_, err := db.ExecContext(ctx, db.Rebind(`UPDATE drafts SET state = 'failed', error = ?, updated_at = ? WHERE id = ? AND state = 'pending'`),
		reason, db.Now(), id)
	if err != nil {
		return fmt.Errorf("fail draft %d: %w", id, err)
	}
	return nil
}
