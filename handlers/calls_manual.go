package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// RegisterManualCall records a call that reached an adviser directly: a
// phone enquiry held and answered by user, with r.Minutes as its handling
// time. Times not given default to now (answered when transferred, ended
// r.Minutes later). The call_id is generated ("manual-…").
func (s *Service) RegisterManualCall(ctx context.Context, user string, r CallReport) (CallResult, error) {
	if err := s.Authorize(ctx, user); err != nil {
		return CallResult{}, err
	}
	if r.Minutes < 0 || r.Minutes > 24*60 {
		return CallResult{}, affaldsbot.NewError(affaldsbot.EINVALID, "call_bad_minutes")
	}
	r = s.manualDefaults(r)
	if err := r.validate(s.DB.Now()); err != nil {
		return CallResult{}, affaldsbot.Errorf(affaldsbot.EINVALID, "%s", err.Error())
	}
	var res CallResult
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		e, err := s.createCall(ctx, tx, r, callOptions{slack: true, holder: user, answered: true})
		res = CallResult{Status: CallCreated, EnquiryID: e.ID}
		return err
	})
	if err != nil {
		return CallResult{}, fmt.Errorf("register call by %s: %w", user, err)
	}
	return res, nil
}

func (s *Service) manualDefaults(r CallReport) CallReport {
	r.CallID = "manual-" + callRandomHex(8)
	if r.TransferredAt == nil {
		now := s.DB.Now()
		r.TransferredAt = &now
	}
	if r.AnsweredAt == nil {
		r.AnsweredAt = r.TransferredAt
	}
	if r.EndedAt == nil && r.Minutes > 0 {
		end := r.AnsweredAt.Add(time.Duration(r.Minutes) * time.Minute)
		r.EndedAt = &end
	}
	return r
}

func callRandomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
