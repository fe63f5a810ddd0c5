package storage

import (
	"context"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// writeFacts computes and stores the facts of a batch of stale enquiries and
// notes the citizens whose repeat flags must be checked again.
func (tx *Tx) writeFacts(ctx context.Context, batch []*staleFacts, rules FactsRules, rep *repeatScope) error {
	st, err := tx.PreparexContext(ctx, tx.Rebind(`UPDATE enquiries SET facts_stale = 0, key_email = ?, key_phone = ?,
		response_at = ?, response_ns = ?, handling_ns = ?, handling_logged = ? WHERE id = ?`))
	if err != nil {
		return err
	}
	defer st.Close()
	for _, s := range batch {
		emailKey := strings.ToLower(strings.TrimSpace(s.email))
		phoneKey := CitizenPhoneKey(s.phone)
		first := s.firstResponse()
		var responseNs *int64
		if first != nil {
			ns := rules.Working(s.receivedAt, *first).Nanoseconds()
			responseNs = &ns
		}
		handling, logged := s.handling()
		if _, err := st.ExecContext(ctx, emailKey, phoneKey, first, responseNs, handling, logged, s.id); err != nil {
			return err
		}
		rep.add(s.id, s.receivedAt, "e:"+s.oldEmailKey, "e:"+emailKey, "p:"+s.oldPhoneKey, "p:"+phoneKey)
	}
	return nil
}

// firstResponse is the first reply sent or answered event (mail), or the
// first logged call-back attempt (phone).
func (s *staleFacts) firstResponse() *time.Time {
	if s.channel == affaldsbot.ChannelPhone {
		return s.firstAttempt
	}
	switch {
	case s.firstSent == nil:
		return s.firstAnswered
	case s.firstAnswered == nil || s.firstSent.Before(*s.firstAnswered):
		return s.firstSent
	}
	return s.firstAnswered
}

// handling is an answered call's handling time in nanoseconds: the seconds
// the adviser logged (logged is 1), else ended − answered.
func (s *staleFacts) handling() (ns *int64, logged int) {
	if s.channel != affaldsbot.ChannelPhone || !s.callAnswered.Valid {
		return nil, 0
	}
	var v int64
	switch {
	case s.handledSeconds.Valid:
		v, logged = s.handledSeconds.Int64*int64(time.Second), 1
	case s.callEnded.Valid && !s.callEnded.Time.Before(s.callAnswered.Time):
		v = int64(s.callEnded.Time.Sub(s.callAnswered.Time))
	default:
		return nil, 0
	}
	return &v, logged
}

// HandlingMinutes turns a stored handling time into minutes exactly as
// they were computed from the call: logged seconds ÷ 60, else the
// duration's minutes.
func HandlingMinutes(ns int64, logged bool) float64 {
	if logged {
		return float64(ns/int64(time.Second)) / 60
	}
	return time.Duration(ns).Minutes()
}
