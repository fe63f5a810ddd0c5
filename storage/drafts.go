package storage

import (
	"context"
	"fmt"
)

// MarkDraftsStale marks every draft of an enquiry stale: the citizen wrote
// again after they were made, so none is offered for sending as it is.
func (tx *Tx) MarkDraftsStale(ctx context.Context, enquiryID int64) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE drafts SET stale = TRUE, updated_at = ? WHERE enquiry_id = ? AND NOT stale`), tx.Now(), enquiryID)
	if err != nil {
		return fmt.Errorf("mark drafts of enquiry %d stale: %w", enquiryID, err)
	}
	return nil
}
