package handlers

import (
	"context"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// callOptions say how a new call enters: live (posted to Slack), taken by an
// adviser directly, or from history (closed, not posted).
type callOptions struct {
	slack    bool
	holder   string // claims the enquiry for this adviser
	answered bool   // the holder talked to the citizen: the enquiry is answered
	closed   bool   // history: closed at ended_at (or transferred_at)
}

// createCall opens a phone enquiry for a call not stored yet, with its calls
// row and a call_log message holding the contact centre's note. Calls have
// the first-response target only, no answer deadline (docs/lifecycle.md). It returns
// errCallRace when another transaction stored the call_id first.
func (s *Service) createCall(ctx context.Context, tx *storage.Tx, r CallReport, opt callOptions) (*affaldsbot.Enquiry, error) {
	e := s.callEnquiry(r)
	if err := tx.CreateEnquiry(ctx, e); err != nil {
		return e, err
	}
	c := &storage.Call{EnquiryID: e.ID, CallID: r.CallID, Queue: r.Queue, Note: r.Note, TransferredBy: r.TransferredBy,
		TransferredAt: *r.TransferredAt, AnsweredAt: r.AnsweredAt, EndedAt: r.EndedAt,
		HandledSeconds: callHandledSeconds(r.AnsweredAt, r.EndedAt, callMinutesSeconds(r.Minutes))}
	if inserted, err := tx.InsertCall(ctx, c); err != nil {
		return e, err
	} else if !inserted {
		return e, errCallRace
	}
	if err := s.applyCallOptions(ctx, tx, e, r, opt); err != nil {
		return e, err
	}
	if _, err := tx.InsertMessage(ctx, s.callMessage(e, r), nil, "", storage.MailOrigin{}); err != nil {
		return e, err
	}
	if opt.slack {
		tx.Enqueue(SyncSlackArgs{EnquiryID: e.ID})
	}
	return e, nil
}

func (s *Service) callEnquiry(r CallReport) *affaldsbot.Enquiry {
	e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelPhone, Status: affaldsbot.StatusNew,
		Topic: affaldsbot.ClassifyTopic("", r.Note), CitizenName: strings.TrimSpace(r.CallerName),
		CitizenPhone: PhoneOrRaw(r.CallerNumber), Mailbox: r.Queue, ReceivedAt: r.TransferredAt.UTC()}
	e.Subject = callSubject(r.Note, s.callText().callFrom+e.Citizen())
	return e
}

// applyCallOptions records the claim, answer and close of a call taken
// directly or imported from history, each as an event at the call's time.
func (s *Service) applyCallOptions(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, r CallReport, opt callOptions) error {
	events := callEvents(e, r, opt)
	if len(events) == 0 && e.FirstResponseAt == nil {
		return nil
	}
	return tx.SaveEnquiry(ctx, e, events...)
}

// callEvents applies opt's claim, answer and close to e and returns their
// events; an answered call's answer is e's first response.
func callEvents(e *affaldsbot.Enquiry, r CallReport, opt callOptions) []affaldsbot.Event {
	var events []affaldsbot.Event
	at := *r.TransferredAt
	if r.AnsweredAt != nil {
		at = *r.AnsweredAt
		e.FirstResponseAt = &at
	}
	if opt.holder != "" {
		ev, _ := e.Claim(opt.holder, at)
		events = append(events, ev)
	}
	if opt.answered && opt.holder != "" {
		ev, _ := e.Answer(opt.holder, at)
		events = append(events, ev)
	}
	if opt.closed {
		events = append(events, closeHistoric(e, r, opt.holder))
	}
	return events
}

func closeHistoric(e *affaldsbot.Enquiry, r CallReport, holder string) affaldsbot.Event {
	at, actor := *r.TransferredAt, affaldsbot.ActorSystem
	if r.EndedAt != nil {
		at = *r.EndedAt
	}
	if holder != "" {
		actor = holder
	}
	ev, _ := e.Close(actor, at)
	return ev
}

func (s *Service) callMessage(e *affaldsbot.Enquiry, r CallReport) *affaldsbot.Message {
	body := strings.TrimSpace(r.Note)
	if body == "" {
		body = s.callText().noNote
	}
	return &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageCallLog, FromAddr: e.CitizenPhone,
		Subject: e.Subject, Body: body, ReceivedAt: e.ReceivedAt}
}

// callSubject is the note's first line, shortened, or the fallback.
func callSubject(note, fallback string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(note), "\n")
	line = strings.TrimSpace(line)
	if line == "" {
		return fallback
	}
	if r := []rune(line); len(r) > 100 {
		return string(r[:99]) + "…"
	}
	return line
}

func callMinutesSeconds(minutes int) *int64 {
	if minutes <= 0 {
		return nil
	}
	n := int64(minutes) * 60
	return &n
}

// PhoneOrRaw is the E.164 form of raw, or raw itself (trimmed) when it does
// not normalise, so nothing the contact centre sent is lost.
func PhoneOrRaw(raw string) string {
	if n := affaldsbot.PhoneE164(raw); n != "" {
		return n
	}
	return strings.TrimSpace(raw)
}
