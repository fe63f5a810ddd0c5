package handlers

import (
	"context"
	"errors"

	"github.com/affaldsbot/affaldsbot/storage"
)

// callOutcome is what one report of a group did.
type callOutcome struct {
	res CallResult
	err error // a refusal (*FieldError) of this report only
}

// receiveCallGroup stores validated reports with distinct call_ids in tx:
// one lock of the known calls, their updates, and the new calls in a few
// multi-row statements. A refusal is the report's outcome and writes nothing
// for it; any other error fails the group (errCallRace when another
// transaction stored one of the new call_ids first).
func (s *Service) receiveCallGroup(ctx context.Context, tx *storage.Tx, reports []CallReport) ([]callOutcome, error) {
	ids := make([]string, len(reports))
	for i, r := range reports {
		ids[i] = r.CallID
	}
	known, err := tx.LockCalls(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]callOutcome, len(reports))
	var fresh []storage.NewCall
	var freshAt []int
	for i, r := range reports {
		if c := known[r.CallID]; c != nil {
			out[i].res, out[i].err = s.updateCall(ctx, tx, c, r)
		} else if r.TransferredAt == nil {
			out[i].err = &FieldError{"transferred_at", "required for a call not seen before"}
		} else {
			fresh, freshAt = append(fresh, s.newCall(r)), append(freshAt, i)
		}
		if out[i].err != nil && !isFieldError(out[i].err) {
			return nil, out[i].err
		}
	}
	if err := s.createCalls(ctx, tx, fresh); err != nil {
		return nil, err
	}
	for k, i := range freshAt {
		out[i].res = CallResult{Status: CallCreated, EnquiryID: fresh[k].Enquiry.ID}
	}
	return out, nil
}

// newCall is the enquiry, calls row and call_log message of a live call not
// stored yet, as createCall writes them.
func (s *Service) newCall(r CallReport) storage.NewCall {
	e := s.callEnquiry(r)
	if r.AnsweredAt != nil {
		at := *r.AnsweredAt
		e.FirstResponseAt = &at
	}
	c := &storage.Call{CallID: r.CallID, Queue: r.Queue, Note: r.Note, TransferredBy: r.TransferredBy,
		TransferredAt: *r.TransferredAt, AnsweredAt: r.AnsweredAt, EndedAt: r.EndedAt,
		HandledSeconds: callHandledSeconds(r.AnsweredAt, r.EndedAt, nil)}
	return storage.NewCall{Enquiry: e, Call: c, Message: s.callMessage(e, r)}
}

// createCalls stores the new calls and enqueues their Slack threads.
func (s *Service) createCalls(ctx context.Context, tx *storage.Tx, fresh []storage.NewCall) error {
	n, err := tx.CreateCalls(ctx, fresh)
	if err != nil {
		return err
	} else if n < len(fresh) {
		return errCallRace
	}
	for _, nc := range fresh {
		tx.Enqueue(SyncSlackArgs{EnquiryID: nc.Enquiry.ID})
	}
	return nil
}

func isFieldError(err error) bool {
	var fe *FieldError
	return errors.As(err, &fe)
}
