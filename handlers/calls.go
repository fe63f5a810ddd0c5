package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// CallReport is what the contact centre (or an adviser, or the history
// import) tells about one call. Times are nil when not known.
type CallReport struct {
	CallID        string
	CallerNumber  string
	CallerName    string
	Note          string
	Queue         string
	TransferredBy string
	TransferredAt *time.Time
	AnsweredAt    *time.Time
	EndedAt       *time.Time
	Minutes       int // calls registered by hand: how long the adviser talked
}

// Outcomes of ReceiveCall (the webhook's "status").
const (
	CallCreated = "created"
	CallExists  = "exists"
	CallUpdated = "updated"
)

// MaxCallIDLen is the longest call_id accepted.
const MaxCallIDLen = 200

// CallResult says what a call report did.
type CallResult struct {
	Status    string // CallCreated, CallExists or CallUpdated
	EnquiryID int64
}

// FieldError is a malformed call report; Field names the input at fault.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// errCallRace: another transaction stored the same call_id first.
var errCallRace = errors.New("call stored concurrently")

// ReceiveCall stores a transferred call exactly once per call_id: a new call
// opens a phone enquiry; a repeat is "exists"; a repeat that brings new
// answered/ended times updates the call. A report that loses a race with
// the same call_id is retried, and then finds the stored call.
func (s *Service) ReceiveCall(ctx context.Context, r CallReport) (CallResult, error) {
	if err := r.validate(s.DB.Now()); err != nil {
		return CallResult{}, err
	}
	for range 3 {
		res, err := s.receiveCallOnce(ctx, r)
		if !errors.Is(err, errCallRace) {
			return res, err
		}
	}
	return CallResult{}, fmt.Errorf("receive call %q: %w", r.CallID, errCallRace)
}

func (s *Service) receiveCallOnce(ctx context.Context, r CallReport) (res CallResult, err error) {
	err = s.inTx(ctx, func(tx *storage.Tx) error {
		res, err = s.receiveCallTx(ctx, tx, r)
		return err
	})
	return res, err
}

// receiveCallTx stores one validated report in tx. A refusal (FieldError)
// is decided before anything is written.
func (s *Service) receiveCallTx(ctx context.Context, tx *storage.Tx, r CallReport) (CallResult, error) {
	c, found, err := tx.LockCall(ctx, r.CallID)
	if err != nil {
		return CallResult{}, err
	} else if found {
		return s.updateCall(ctx, tx, c, r)
	}
	if r.TransferredAt == nil {
		return CallResult{}, &FieldError{"transferred_at", "required for a call not seen before"}
	}
	e, err := s.createCall(ctx, tx, r, callOptions{slack: true})
	return CallResult{Status: CallCreated, EnquiryID: e.ID}, err
}

// Bounds of a call's times: nothing before EarliestCallTime, nothing more
// than CallTimeAhead after now. A time outside them is a mistake of the
// sending system, and one far ahead would never be old enough for
// RETENTION_DAYS to erase.
var EarliestCallTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

const CallTimeAhead = 24 * time.Hour

// validate refuses a report with a blank or overlong call_id, or a time
// outside the bounds as of now.
func (r CallReport) validate(now time.Time) error {
	switch {
	case strings.TrimSpace(r.CallID) == "":
		return &FieldError{"call_id", "required"}
	case len([]rune(r.CallID)) > MaxCallIDLen:
		return &FieldError{"call_id", fmt.Sprintf("longer than %d characters", MaxCallIDLen)}
	}
	for _, f := range []struct {
		name string
		t    *time.Time
	}{{"transferred_at", r.TransferredAt}, {"answered_at", r.AnsweredAt}, {"ended_at", r.EndedAt}} {
		if err := checkCallTime(f.name, f.t, now); err != nil {
			return err
		}
	}
	return checkCallTimes(r.AnsweredAt, r.EndedAt)
}

func checkCallTime(field string, t *time.Time, now time.Time) error {
	switch {
	case t == nil:
		return nil
	case t.Before(EarliestCallTime):
		return &FieldError{field, "before " + EarliestCallTime.Format(time.DateOnly)}
	case t.After(now.Add(CallTimeAhead)):
		return &FieldError{field, "more than a day ahead"}
	}
	return nil
}

func checkCallTimes(answered, ended *time.Time) error {
	if answered != nil && ended != nil && ended.Before(*answered) {
		return &FieldError{"ended_at", "before answered_at"}
	}
	return nil
}

// updateCall applies new answered/ended times of a known call; a report
// that brings nothing new is a duplicate.
func (s *Service) updateCall(ctx context.Context, tx *storage.Tx, c *storage.Call, r CallReport) (CallResult, error) {
	res := CallResult{Status: CallExists, EnquiryID: c.EnquiryID}
	answered, changedA := callNewerTime(c.AnsweredAt, r.AnsweredAt)
	ended, changedE := callNewerTime(c.EndedAt, r.EndedAt)
	if !changedA && !changedE {
		return res, nil
	}
	if err := checkCallTimes(answered, ended); err != nil {
		return res, err
	}
	c.AnsweredAt, c.EndedAt, c.HandledSeconds = answered, ended, callHandledSeconds(answered, ended, c.HandledSeconds)
	if err := tx.SaveCall(ctx, c); err != nil {
		return res, err
	}
	ev := affaldsbot.Event{EnquiryID: c.EnquiryID, Type: affaldsbot.EventCallUpdated, Actor: affaldsbot.ActorSystem,
		At: tx.Now(), Payload: callTimesPayload(c)}
	if err := tx.AddEvents(ctx, ev); err != nil {
		return res, err
	}
	res.Status = CallUpdated
	return res, nil
}

// callNewerTime returns the time to keep: the reported one when it is set and
// differs from the stored one.
func callNewerTime(stored, reported *time.Time) (*time.Time, bool) {
	if reported == nil || (stored != nil && stored.Equal(*reported)) {
		return stored, false
	}
	return reported, true
}

// callHandledSeconds is ended − answered when both are known, else what was
// recorded before.
func callHandledSeconds(answered, ended *time.Time, prev *int64) *int64 {
	if answered == nil || ended == nil {
		return prev
	}
	n := int64(ended.Sub(*answered) / time.Second)
	return &n
}

func callTimesPayload(c *storage.Call) map[string]string {
	p := map[string]string{}
	if c.AnsweredAt != nil {
		p["answered_at"] = c.AnsweredAt.UTC().Format(time.RFC3339)
	}
	if c.EndedAt != nil {
		p["ended_at"] = c.EndedAt.UTC().Format(time.RFC3339)
	}
	if c.HandledSeconds != nil {
		p["handled_seconds"] = fmt.Sprint(*c.HandledSeconds)
	}
	return p
}
