package storage

import (
	"context"
	"fmt"
)

// LastUID returns the highest IMAP UID committed for mailbox at uidValidity;
// 0 when none was, or when the mailbox's UIDVALIDITY changed since.
func (db *DB) LastUID(ctx context.Context, mailbox string, uidValidity uint32) (uint32, error) {
	var row struct {
		UIDValidity int64 `db:"uid_validity"`
		LastUID     int64 `db:"last_uid"`
	}
	err := db.GetContext(ctx, &row, db.Rebind(`SELECT uid_validity, last_uid FROM mail_cursors WHERE mailbox = ?`), mailbox)
	if isNoRows(err) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("cursor of %s: %w", mailbox, err)
	}
	if uint32(row.UIDValidity) != uidValidity {
		return 0, nil
	}
	return uint32(row.LastUID), nil
}

// AdvanceCursor moves the mailbox's cursor to uid, never backwards within one
// UIDVALIDITY; a new UIDVALIDITY resets it.
func (tx *Tx) AdvanceCursor(ctx context.Context, mailbox string, uidValidity, uid uint32) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO mail_cursors (mailbox, uid_validity, last_uid, updated_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET
			last_uid = CASE WHEN mail_cursors.uid_validity = excluded.uid_validity AND mail_cursors.last_uid > excluded.last_uid
				THEN mail_cursors.last_uid ELSE excluded.last_uid END,
			uid_validity = excluded.uid_validity, updated_at = excluded.updated_at`),
		mailbox, int64(uidValidity), int64(uid), tx.Now())
	if err != nil {
		return fmt.Errorf("advance cursor of %s: %w", mailbox, err)
	}
	return nil
}
