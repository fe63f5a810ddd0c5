package storage

import (
	"context"
	"fmt"
	"time"
)

// InputSeen reports whether any of keys was recorded before, and the message
// recorded with it (0 when none).
func (tx *Tx) InputSeen(ctx context.Context, keys []string) (messageID int64, seen bool, err error) {
	for _, k := range keys {
		var ids []*int64
		if err := tx.SelectContext(ctx, &ids, tx.Rebind(`SELECT message_id FROM chat_inputs WHERE input_key = ?`), k); err != nil {
			return 0, false, fmt.Errorf("find input %s: %w", k, err)
		}
		if len(ids) > 0 {
			if ids[0] != nil {
				messageID = *ids[0]
			}
			return messageID, true, nil
		}
	}
	return 0, false, nil
}

// RecordInput records keys with the message they made; first is false when
// another transaction recorded one of them meanwhile (it committed while this
// one waited), and this one must then roll back.
func (tx *Tx) RecordInput(ctx context.Context, keys []string, messageID int64) (first bool, err error) {
	for _, k := range keys {
		res, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO chat_inputs (input_key, message_id, created_at)
			VALUES (?, ?, ?) ON CONFLICT (input_key) DO NOTHING`), k, messageID, tx.Now())
		if err != nil {
			return false, fmt.Errorf("record input %s: %w", k, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return false, err
		}
	}
	return true, nil
}

// PruneInputs deletes the inputs recorded before t and returns how many.
func (db *DB) PruneInputs(ctx context.Context, t time.Time) (int64, error) {
	res, err := db.ExecContext(ctx, db.Rebind(`DELETE FROM chat_inputs WHERE created_at < ?`), utc(t))
	if err != nil {
		return 0, fmt.Errorf("prune inputs: %w", err)
	}
	return res.RowsAffected()
}
