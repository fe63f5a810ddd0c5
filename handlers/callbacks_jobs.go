package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
)

// CallbackReminder reminds the holder in the enquiry's thread that the
// call-back is due in CallbackLead. The reminder is claimed by one
// conditional update before it is posted and released when the post fails,
// so it is posted once; a call-back cancelled, rebooked or done meanwhile
// gets none. The enquiry's holder now (after a hand-over) is the one reminded.
func (s *Service) CallbackReminder(ctx context.Context, a CallbackReminderArgs) error {
	c, err := s.DB.GetCallback(ctx, a.CallbackID)
	if err != nil || c.State != "booked" {
		return err
	}
	e, err := s.DB.GetEnquiry(ctx, c.EnquiryID)
	if err != nil {
		return err
	}
	holder := e.Holder // handed over since the booking: the new holder calls
	if holder == "" {
		holder = c.Holder
	}
	channel, root := s.rootOf(ctx, c.EnquiryID)
	if root == "" {
		return &affaldsbot.RetryLater{After: 5 * time.Second, Err: errRootNotPosted}
	}
	won, err := s.DB.ClaimCallbackStep(ctx, c.ID, "reminded")
	if err != nil || !won {
		return err
	}
	text := s.printer().Printf("callback_reminder", holder, "#"+strconv.FormatInt(c.EnquiryID, 10), s.callbackTime(c.DueAt))
	if err := s.Slack.PostNotice(ctx, channel, root, text); err != nil {
		return errors.Join(err, s.DB.ReleaseCallbackStep(ctx, c.ID, "reminded"))
	}
	return nil
}

// CallbackConfirm tells the citizen of a booked call-back, by mail from the
// shared mailbox or by SMS. Both are sent at most once: the mail has a
// Message-ID of its own that is looked for in the Sent folder first, the SMS
// a key the gateway sends once; the call-back records it as notified after.
func (s *Service) CallbackConfirm(ctx context.Context, a CallbackConfirmArgs) error {
	c, err := s.DB.GetCallback(ctx, a.CallbackID)
	if err != nil || c.State != "booked" || c.NotifiedAt != nil {
		return err
	}
	e, err := s.DB.GetEnquiry(ctx, c.EnquiryID)
	if err != nil {
		return err
	}
	text := s.printer().Printf("callback_confirm_text", s.callbackTime(c.DueAt), e.Ref())
	switch c.Notify {
	case NotifyMail:
		err = s.confirmByMail(ctx, c, e, text)
	case NotifySMS:
		err = s.confirmBySMS(ctx, c, e, text)
	default:
		return nil
	}
	if err != nil {
		return fmt.Errorf("confirm call-back %d: %w", c.ID, err)
	}
	_, err = s.DB.ClaimCallbackStep(ctx, c.ID, "notified")
	return err
}

func (s *Service) confirmBySMS(ctx context.Context, c *storage.Callback, e *affaldsbot.Enquiry, text string) error {
	to := affaldsbot.PhoneE164(e.CitizenPhone)
	if s.SMS == nil || to == "" {
		return affaldsbot.NewError(affaldsbot.EINVALID, "callback_no_sms", e.Ref())
	}
	return s.SMS.Send(ctx, to, text, callbackKey(c))
}

func (s *Service) confirmByMail(ctx context.Context, c *storage.Callback, e *affaldsbot.Enquiry, text string) error {
	if s.Mailer == nil || e.CitizenEmail == "" {
		return affaldsbot.NewError(affaldsbot.EINVALID, "callback_no_email", e.Ref())
	}
	id := callbackKey(c) + "@" + mailDomain(s.Settings.MailFrom)
	if sent, err := s.Mailer.FindSent(ctx, id); err != nil || sent {
		return err
	}
	raw, err := s.Mailer.Build(mail.OutgoingMail{From: s.Settings.MailFrom, To: e.CitizenEmail, MessageID: id,
		Subject: s.printer().Printf("callback_confirm_subject", e.Ref()), Body: text})
	if err != nil {
		return err
	}
	if err := s.Mailer.Send(ctx, s.Settings.MailFrom, e.CitizenEmail, raw, func() (bool, error) { return true, nil }); err != nil {
		return err
	}
	return s.Mailer.AppendSent(ctx, raw)
}

// callbackKey names a call-back's confirmation for the gateway and the mail.
func callbackKey(c *storage.Callback) string {
	return "callback-" + strconv.FormatInt(c.ID, 10) + "-" + strconv.FormatInt(c.CreatedAt.Unix(), 10)
}

func mailDomain(from string) string {
	d := strings.Trim(from[strings.LastIndex(from, "@")+1:], "<> ")
	if d == "" {
		return "affaldsbot.invalid"
	}
	return d
}
