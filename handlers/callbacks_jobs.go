package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/redact"
	"github.com/affaldsbot/affaldsbot/storage"
)

// CallbackReminder reminds the holder in the enquiry's thread that the
// call-back is due in CallbackLead. The reminder carries a mark and is looked
// for in the thread before it is posted; the call-back records it as
// reminded only after, so a crash at any point neither loses it nor posts it
// twice. A call-back cancelled, rebooked or done meanwhile gets none. The
// enquiry's holder now (after a hand-over) is the one reminded.
func (s *Service) CallbackReminder(ctx context.Context, a CallbackReminderArgs) error {
	c, err := s.DB.GetCallback(ctx, a.CallbackID)
	if err != nil || c.State != "booked" || c.RemindedAt != nil {
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
	text := s.printer().Printf("callback_reminder", holder, "#"+strconv.FormatInt(c.EnquiryID, 10), s.callbackTime(c.DueAt))
	if err := s.noticeOnce(ctx, channel, root, "callback-reminder-"+callbackKey(c), text); err != nil {
		return err
	}
	_, err = s.DB.ClaimCallbackStep(ctx, c.ID, "reminded")
	return err
}

// CallbackConfirm tells the citizen of a booked call-back, by mail from the
// shared mailbox or by SMS. Both are sent at most once: the SMS has a key
// the gateway sends once; the mail is recorded as being handed to the mail
// server just before the server is told it is complete, and an attempt that
// finds that record looks for the mail in the Sent folder and, when it is
// not there, tells the advisers instead of sending it again. The call-back
// records it as notified after.
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
	if errors.Is(err, mail.ErrNotConfirmed) {
		return nil // another attempt has it, or the call-back is no longer booked
	} else if err != nil {
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
	if c.ConfirmingAt != nil {
		return s.confirmInDoubt(ctx, c, e, id)
	}
	raw, err := s.Mailer.Build(mail.OutgoingMail{From: s.Settings.MailFrom, To: e.CitizenEmail, MessageID: id,
		Subject: s.printer().Printf("callback_confirm_subject", e.Ref()), Body: text})
	if err != nil {
		return err
	}
	err = s.Mailer.Send(ctx, s.Settings.MailFrom, e.CitizenEmail, raw, func() (bool, error) { return s.DB.ClaimCallbackStep(ctx, c.ID, "confirming") })
	if errors.Is(err, mail.ErrNotConfirmed) {
		return err
	} else if err != nil {
		return errors.Join(redact.ScrubError(err), s.DB.ReleaseCallbackStep(ctx, c.ID, "confirming"))
	}
	return s.Mailer.AppendSent(ctx, raw)
}

// confirmInDoubt settles a confirmation mail whose hand-over to the mail
// server an earlier attempt began: sent when it is in the Sent folder, else
// the advisers are told in the thread that it may not have reached the
// citizen. It is never sent again.
func (s *Service) confirmInDoubt(ctx context.Context, c *storage.Callback, e *affaldsbot.Enquiry, messageID string) error {
	if found, err := s.Mailer.FindSent(ctx, messageID); err != nil || found {
		return err
	}
	s.Log.LogAttrs(ctx, slog.LevelWarn, "call-back confirmation in doubt", slog.Int64("callback", c.ID), slog.Int64("enquiry", c.EnquiryID))
	channel, root := s.rootOf(ctx, c.EnquiryID)
	if root == "" {
		return nil
	}
	return s.noticeOnce(ctx, channel, root, "callback-confirm-doubt-"+callbackKey(c), s.printer().Printf("callback_confirm_uncertain", e.CitizenEmail, e.Ref()))
}

// noticeOnce posts a marked notice in the thread unless one with the mark
// is there already.
func (s *Service) noticeOnce(ctx context.Context, channel, rootTS, mark, text string) error {
	if found, err := s.Slack.FindNotice(ctx, channel, rootTS, mark); err != nil || found {
		return err
	}
	return s.Slack.PostMarkedNotice(ctx, channel, rootTS, mark, text)
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
