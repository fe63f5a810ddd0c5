package storage

import (
	"context"
	"fmt"
)

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
