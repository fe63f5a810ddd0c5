package storage

import (
	"context"
	"fmt"
	"time"
)

// Draft states.
const (
	DraftPending   = "pending"
	DraftReady     = "ready"
	DraftFailed    = "failed"
	DraftDiscarded = "discarded"
)

// Draft is a reply proposed for an enquiry, by a model or from the guidance.
type Draft struct {
	ID          int64     `db:"id"`
	EnquiryID   int64     `db:"enquiry_id"`
	RequestedBy string    `db:"requested_by"`
	Body        string    `db:"body"`
	Sources     string    `db:"sources"` // JSON array of the passages it rests on
	Model       string    `db:"model"`   // "" when taken from the guidance alone
	State       string    `db:"state"`
	Stale       bool      `db:"stale"`
	Error       string    `db:"error"`
	SlackTS     string    `db:"slack_ts"`
	Number      int       `db:"number"` // within its enquiry, from 1 (GetDraft only)
	CreatedAt   time.Time `db:"created_at"`
	UpdatedAt   time.Time `db:"updated_at"`
}

const draftColumns = `id, enquiry_id, requested_by, body, sources, model, state, stale, error, slack_ts, created_at, updated_at`

// MarkDraftsStale marks every draft of an enquiry stale: the citizen wrote
// again after they were made, so none is offered for sending as it is.
func (tx *Tx) MarkDraftsStale(ctx context.Context, enquiryID int64) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE drafts SET stale = TRUE, updated_at = ? WHERE enquiry_id = ? AND NOT stale`), tx.Now(), enquiryID)
	if err != nil {
		return fmt.Errorf("mark drafts of enquiry %d stale: %w", enquiryID, err)
	}
	return nil
}

// InsertDraft stores a pending draft and returns its id.
func (tx *Tx) InsertDraft(ctx context.Context, enquiryID int64, requestedBy string) (int64, error) {
	now := tx.Now()
	var id int64
	err := tx.GetContext(ctx, &id, tx.Rebind(`INSERT INTO drafts (enquiry_id, requested_by, state, created_at, updated_at)
		VALUES (?, ?, 'pending', ?, ?) RETURNING id`), enquiryID, requestedBy, now, now)
	if err != nil {
		return 0, fmt.Errorf("insert draft of enquiry %d: %w", enquiryID, err)
	}
	return id, nil
}

// PendingDraftSince reports whether a draft of the enquiry asked for at or
// after since is still being written.
func (tx *Tx) PendingDraftSince(ctx context.Context, enquiryID int64, since time.Time) (bool, error) {
	var n int
	err := tx.GetContext(ctx, &n, tx.Rebind(`SELECT COUNT(*) FROM drafts WHERE enquiry_id = ? AND state = 'pending' AND created_at >= ?`),
		enquiryID, since.UTC())
	if err != nil {
		return false, fmt.Errorf("pending drafts of enquiry %d: %w", enquiryID, err)
	}
	return n > 0, nil
}

// LockDraft reads a draft and holds it for this transaction.
func (tx *Tx) LockDraft(ctx context.Context, id int64) (*Draft, error) {
	var d Draft
	err := tx.GetContext(ctx, &d, tx.Rebind(`SELECT `+draftColumns+` FROM drafts WHERE id = ?`+tx.db.forUpdate()), id)
	if isNoRows(err) {
		return nil, notFound("not_found_draft", id)
	} else if err != nil {
		return nil, fmt.Errorf("lock draft %d: %w", id, err)
	}
	return &d, nil
}

// SetDraftState changes a draft's state.
func (tx *Tx) SetDraftState(ctx context.Context, id int64, state string) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE drafts SET state = ?, updated_at = ? WHERE id = ?`), state, tx.Now(), id)
	if err != nil {
		return fmt.Errorf("set draft %d %s: %w", id, state, err)
	}
	return nil
}

// GetDraft reads one draft.
func (db *DB) GetDraft(ctx context.Context, id int64) (*Draft, error) {
	var d Draft
	err := db.GetContext(ctx, &d, db.Rebind(`SELECT `+draftColumns+`,
		(SELECT COUNT(*) FROM drafts o WHERE o.enquiry_id = drafts.enquiry_id AND o.id <= drafts.id) AS number
		FROM drafts WHERE id = ?`), id)
	if isNoRows(err) {
		return nil, notFound("not_found_draft", id)
	} else if err != nil {
		return nil, fmt.Errorf("get draft %d: %w", id, err)
	}
	return &d, nil
}

// LatestReadyDraft returns the newest ready draft of an enquiry that is not
// stale; ok is false when there is none.
func (db *DB) LatestReadyDraft(ctx context.Context, enquiryID int64) (d *Draft, ok bool, err error) {
	var out []*Draft
	err = db.SelectContext(ctx, &out, db.Rebind(`SELECT `+draftColumns+` FROM drafts
		WHERE enquiry_id = ? AND state = 'ready' AND NOT stale ORDER BY id DESC LIMIT 1`), enquiryID)
	if err != nil {
		return nil, false, fmt.Errorf("latest draft of enquiry %d: %w", enquiryID, err)
	}
	if len(out) == 0 {
		return nil, false, nil
	}
	return out[0], true, nil
}

// LiveDraftIDs lists the drafts of an enquiry that are not discarded, oldest
// first: the ones whose messages show a state worth re-rendering.
func (tx *Tx) LiveDraftIDs(ctx context.Context, enquiryID int64) ([]int64, error) {
	var ids []int64
	err := tx.SelectContext(ctx, &ids, tx.Rebind(`SELECT id FROM drafts WHERE enquiry_id = ? AND state <> 'discarded' ORDER BY id`), enquiryID)
	if err != nil {
		return nil, fmt.Errorf("drafts of enquiry %d: %w", enquiryID, err)
	}
	return ids, nil
}

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
