package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// How the citizen is told of a booked call-back.
const (
	NotifyNone = ""
	NotifyMail = "mail"
	NotifySMS  = "sms"
)

// CallbackLead is how long before a booked call-back its holder is reminded.
const CallbackLead = 10 * time.Minute

// EventCallbackBooked records a booked call-back (payload: due, notify).
const EventCallbackBooked affaldsbot.EventType = "callback_booked"

// CallbackBooking is an adviser's booking of a call-back.
type CallbackBooking struct {
	EnquiryID int64
	At        time.Time
	Notify    string // NotifyNone, NotifyMail or NotifySMS
}

// CallbackReminderArgs reminds the holder of a booked call-back in Slack,
// CallbackLead before it is due. It waits in the job table, so a restart
// does not lose it.
type CallbackReminderArgs struct {
	CallbackID int64     `json:"callback_id"`
	At         time.Time `json:"at"`
}

func (CallbackReminderArgs) Kind() string       { return "callback_reminder" }
func (a CallbackReminderArgs) RunAt() time.Time { return a.At }

// CallbackConfirmArgs tells the citizen of a booked call-back by mail or SMS.
type CallbackConfirmArgs struct {
	CallbackID int64 `json:"callback_id"`
}

func (CallbackConfirmArgs) Kind() string { return "callback_confirm" }

// BookCallback books a call-back on a call enquiry for an adviser, at a time
// within the team's opening hours on a working day, and cancels the
// enquiry's earlier booking. An unheld enquiry becomes the adviser's. The
// holder is reminded CallbackLead before; the citizen is told by mail or
// SMS when asked. The input (origin) is recorded with the booking, so the
// same submission delivered again books nothing more.
func (s *Service) BookCallback(ctx context.Context, user string, b CallbackBooking, origin Origin) (*storage.Callback, error) {
	if err := s.Authorize(ctx, user); err != nil {
		return nil, err
	}
	if err := s.CheckCallbackTime(b.At); err != nil {
		return nil, err
	}
	var c *storage.Callback
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		e, _, err := lockPhoneEnquiry(ctx, tx, b.EnquiryID)
		if err != nil {
			return err
		}
		if _, err := repeated(ctx, tx, origin); err != nil {
			return err
		}
		if err := s.checkNotify(e, b.Notify); err != nil {
			return err
		}
		if c, err = s.book(ctx, tx, e, user, b); err != nil {
			return err
		}
		if first, err := tx.RecordInput(ctx, origin, 0); err != nil || !first {
			return errors.Join(err, repeatIf(!first))
		}
		return nil
	})
	if errors.Is(err, errRepeat) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("book call-back on enquiry %d: %w", b.EnquiryID, err)
	}
	return c, nil
}

// CheckCallbackTime refuses a call-back time in the past, on a day the team
// is closed or outside its opening hours.
func (s *Service) CheckCallbackTime(at time.Time) error {
	cal := s.calendar()
	switch {
	case !at.After(s.DB.Now()):
		return affaldsbot.NewError(affaldsbot.EINVALID, "callback_past")
	case !cal.IsWorkingDay(at):
		return affaldsbot.NewError(affaldsbot.EINVALID, "callback_closed_day", at.In(cal.Location()).Format("2006-01-02"))
	case !cal.IsWorkingTime(at):
		return affaldsbot.NewError(affaldsbot.EINVALID, "callback_outside_hours")
	}
	return nil
}

// CanSMS reports whether an SMS gateway is configured.
func (s *Service) CanSMS() bool { return s.SMS != nil }

func (s *Service) checkNotify(e *affaldsbot.Enquiry, notify string) error {
	switch {
	case notify == NotifyMail && e.CitizenEmail == "":
		return affaldsbot.NewError(affaldsbot.EINVALID, "callback_no_email", e.Ref())
	case notify == NotifySMS && (s.SMS == nil || affaldsbot.PhoneE164(e.CitizenPhone) == ""):
		return affaldsbot.NewError(affaldsbot.EINVALID, "callback_no_sms", e.Ref())
	case notify != NotifyNone && notify != NotifyMail && notify != NotifySMS:
		return affaldsbot.NewError(affaldsbot.EINVALID, "unknown_action", notify)
	}
	return nil
}

func (s *Service) book(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, user string, b CallbackBooking) (*storage.Callback, error) {
	now := tx.Now()
	var events []affaldsbot.Event
	if e.Holder == "" {
		ev, err := e.Claim(user, now)
		if err != nil {
			return nil, err
		}
		events = append(events, ev)
	}
	c := &storage.Callback{EnquiryID: e.ID, DueAt: b.At.UTC().Truncate(time.Second), Holder: e.Holder, BookedBy: user, Notify: b.Notify}
	if err := tx.BookCallback(ctx, c); err != nil {
		return nil, err
	}
	events = append(events, affaldsbot.Event{EnquiryID: e.ID, Type: EventCallbackBooked, Actor: user, At: now,
		Payload: map[string]string{"due": c.DueAt.Format(time.RFC3339), "notify": b.Notify, "callback": strconv.FormatInt(c.ID, 10)}})
	if err := tx.SaveEnquiry(ctx, e, events...); err != nil {
		return nil, err
	}
	m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageCallLog, Author: user, ReceivedAt: now,
		Body: s.printer().Printf("callback_booked_line", s.callbackTime(c.DueAt))}
	if _, err := tx.InsertMessage(ctx, m, nil, "", storage.MailOrigin{}); err != nil {
		return nil, err
	}
	tx.Enqueue(SyncSlackArgs{EnquiryID: e.ID}, CallbackReminderArgs{CallbackID: c.ID, At: c.DueAt.Add(-CallbackLead)})
	if b.Notify != NotifyNone {
		tx.Enqueue(CallbackConfirmArgs{CallbackID: c.ID})
	}
	return c, nil
}

// CallbackWhen is a call-back's time as the team and the citizen read it,
// in the team's time zone and BOT_LANG.
func (s *Service) CallbackWhen(t time.Time) string { return s.callbackTime(t) }

func (s *Service) callbackTime(t time.Time) string {
	return CallbackTime(s.Settings.Lang, s.calendar().Location(), t)
}

// CallbackTime is t in loc as people read it: "4.12.2026 kl. 10:30" in
// Danish, "4 Dec 2026 at 10:30" in English.
func CallbackTime(lang string, loc *time.Location, t time.Time) string {
	t = t.In(loc)
	if lang == "en" {
		return t.Format("2 Jan 2006") + " at " + t.Format("15:04")
	}
	return t.Format("2.1.2006") + " kl. " + t.Format("15:04")
}
