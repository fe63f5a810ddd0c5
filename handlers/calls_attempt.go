package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// Outcomes of a call-back attempt.
const (
	OutcomeResolved  = "resolved"   // the adviser talked to the citizen and solved it
	OutcomeNoAnswer  = "no_answer"  // nobody answered
	OutcomeWantsMail = "wants_mail" // the citizen wants the answer in writing
)

// NoAnswerLimit is the number of unanswered call-backs after which the
// adviser is advised to write instead.
const NoAnswerLimit = 3

// CallAttemptResult tells the adviser what the logged attempt led to.
type CallAttemptResult struct {
	EnquiryID    int64
	Attempt      int    // this attempt's number
	NoAnswers    int    // unanswered attempts so far
	SuggestMail  bool   // NoAnswerLimit reached, or the citizen asked for mail
	CitizenEmail string // where to write, when known
	Text         string // a line for the adviser, in BOT_LANG
	MessageID    int64  // the attempt's line in the thread
	Repeat       bool   // the input was acted on before: nothing was logged now
}

// callAttempt is one call-back attempt being recorded.
type callAttempt struct {
	user, outcome, note string
	minutes             int
}

// LogCallAttempt records an adviser's call-back attempt on a phone enquiry:
// an event, a line in the thread and the call's counts. The first attempt is
// the enquiry's first response (docs/statistics.md). "resolved" answers the enquiry
// and, when the contact centre gave no times, records the minutes as the
// handling time. "wants_mail" keeps the channel phone (statistics count the
// enquiry as a call) but records the citizen's e-mail address, taken from
// the note when none is known, so the reply button writes to it.
func (s *Service) LogCallAttempt(ctx context.Context, user string, enquiryID int64, outcome string, minutes int, note string) (CallAttemptResult, error) {
	return s.LogCallAttemptFrom(ctx, user, enquiryID, outcome, minutes, note, nil)
}

// LogCallAttemptFrom is LogCallAttempt for a chat input (a button press, a
// modal submission): logged once for the input however often it arrives;
// a repeat logs nothing and says so in Repeat.
func (s *Service) LogCallAttemptFrom(ctx context.Context, user string, enquiryID int64, outcome string, minutes int, note string, origin Origin) (CallAttemptResult, error) {
	a := callAttempt{user: user, outcome: outcome, note: strings.TrimSpace(note), minutes: minutes}
	if err := s.checkCallAttempt(ctx, a); err != nil {
		return CallAttemptResult{}, err
	}
	var res CallAttemptResult
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		if _, err := repeated(ctx, tx, origin); err != nil {
			return err
		}
		e, c, err := lockPhoneEnquiry(ctx, tx, enquiryID)
		if err != nil {
			return err
		}
		if res, err = s.recordAttempt(ctx, tx, e, c, a); err != nil {
			return err
		}
		if first, err := tx.RecordInput(ctx, origin, res.MessageID); err != nil {
			return err
		} else if !first {
			return errRepeat // logged by a transaction that committed while this one waited
		}
		return nil
	})
	if errors.Is(err, errRepeat) {
		return CallAttemptResult{EnquiryID: enquiryID, Repeat: true}, nil
	}
	if err != nil {
		return CallAttemptResult{}, fmt.Errorf("log call attempt on enquiry %d: %w", enquiryID, err)
	}
	return res, nil
}

func (s *Service) checkCallAttempt(ctx context.Context, a callAttempt) error {
	if err := s.Authorize(ctx, a.user); err != nil {
		return err
	}
	switch {
	case a.outcome != OutcomeResolved && a.outcome != OutcomeNoAnswer && a.outcome != OutcomeWantsMail:
		return affaldsbot.NewError(affaldsbot.EINVALID, "call_unknown_outcome", a.outcome)
	case a.minutes < 0 || a.minutes > 24*60:
		return affaldsbot.NewError(affaldsbot.EINVALID, "call_bad_minutes")
	}
	return nil
}

func lockPhoneEnquiry(ctx context.Context, tx *storage.Tx, id int64) (*affaldsbot.Enquiry, *storage.Call, error) {
	e, err := tx.LockEnquiry(ctx, id)
	switch {
	case err != nil:
		return nil, nil, err
	case e.Channel != affaldsbot.ChannelPhone:
		return nil, nil, affaldsbot.NewError(affaldsbot.EINVALID, "call_not_a_call", e.Ref())
	case e.Status == affaldsbot.StatusClosed:
		return nil, nil, affaldsbot.NewError(affaldsbot.ECONFLICT, "closed_reopen_first", e.Ref())
	}
	c, err := tx.LockCallOf(ctx, id)
	return e, c, err
}

func (s *Service) recordAttempt(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, c *storage.Call, a callAttempt) (CallAttemptResult, error) {
	now := tx.Now()
	events, err := s.attemptEvents(e, c, a, now)
	if err != nil {
		return CallAttemptResult{}, err
	}
	if e.FirstResponseAt == nil {
		e.FirstResponseAt = &now
	}
	res := s.attemptResult(e, c, a)
	if err := tx.SaveCall(ctx, c); err != nil {
		return res, err
	}
	if err := tx.CallbacksDone(ctx, e.ID); err != nil {
		return res, err
	}
	if err := tx.SaveEnquiry(ctx, e, events...); err != nil {
		return res, err
	}
	m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageCallLog, Author: a.user, ReceivedAt: now,
		Body: s.callText().attemptLine(c.Attempts, a.outcome, a.minutes, a.note)}
	if _, err := tx.InsertMessage(ctx, m, nil, "", storage.MailOrigin{}); err != nil {
		return res, err
	}
	res.MessageID = m.ID
	tx.Enqueue(SyncSlackArgs{EnquiryID: e.ID})
	return res, nil
}

// attemptEvents counts the attempt on the call and returns the events it
// causes: a claim for an unheld enquiry, the attempt, and the answer when
// resolved.
func (s *Service) attemptEvents(e *affaldsbot.Enquiry, c *storage.Call, a callAttempt, now time.Time) ([]affaldsbot.Event, error) {
	var events []affaldsbot.Event
	c.Attempts++
	if e.Holder == "" {
		ev, err := e.Claim(a.user, now)
		if err != nil {
			return nil, err
		}
		events = append(events, ev)
	}
	events = append(events, affaldsbot.Event{EnquiryID: e.ID, Type: affaldsbot.EventCallAttempt, Actor: a.user, At: now,
		Payload: map[string]string{"outcome": a.outcome, "minutes": strconv.Itoa(a.minutes), "attempt": strconv.Itoa(c.Attempts)}})
	switch a.outcome {
	case OutcomeNoAnswer:
		c.NoAnswers++
	case OutcomeWantsMail:
		if e.CitizenEmail == "" {
			e.CitizenEmail = emailIn(a.note)
		}
	case OutcomeResolved:
		if c.HandledSeconds == nil {
			c.HandledSeconds = callMinutesSeconds(a.minutes)
		}
		ev, err := e.Answer(a.user, now)
		if err != nil {
			return nil, err
		}
		events = append(events, ev)
	}
	return events, nil
}

func (s *Service) attemptResult(e *affaldsbot.Enquiry, c *storage.Call, a callAttempt) CallAttemptResult {
	t := s.callText()
	res := CallAttemptResult{EnquiryID: e.ID, Attempt: c.Attempts, NoAnswers: c.NoAnswers, CitizenEmail: e.CitizenEmail}
	res.Text = t.attemptLine(c.Attempts, a.outcome, a.minutes, "")
	where := t.noEmail
	if e.CitizenEmail != "" {
		where = fmt.Sprintf(t.mailTo, e.CitizenEmail)
	}
	switch {
	case a.outcome == OutcomeNoAnswer && c.NoAnswers >= NoAnswerLimit:
		res.SuggestMail = true
		res.Text = fmt.Sprintf(t.suggestMail, c.NoAnswers, where)
	case a.outcome == OutcomeWantsMail:
		res.SuggestMail = true
		if e.CitizenEmail == "" {
			where = t.askEmail
		}
		res.Text += ". " + where
	}
	return res
}

// emailIn returns the first valid e-mail address written in text, or "".
func emailIn(text string) string {
	for _, word := range strings.Fields(text) {
		word = strings.Trim(word, "<>()[],;:\"'.")
		if !strings.Contains(word, "@") {
			continue
		}
		if a, err := mail.ParseAddress(word); err == nil && a.Address == word {
			return a.Address
		}
	}
	return ""
}
