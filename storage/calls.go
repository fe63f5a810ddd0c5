package storage

import (
	"context"
	"fmt"
)

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
