package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/redact"
	"github.com/affaldsbot/affaldsbot/storage"
)

// MaxReplyAttempts is how many times a reply is handed to SMTP before it is
// shown as failed; the job queue must allow more attempts than this.
const MaxReplyAttempts = 5

// SendReply sends one recorded reply, at most once. A reply already handed to
// SMTP by an attempt that did not commit (a crash) is looked for in the Sent
// folder: found, it is marked sent; not found, it is shown as failed for an
// adviser to decide, never sent a second time by itself.
func (s *Service) SendReply(ctx context.Context, a SendReplyArgs) error {
	r, err := s.DB.GetReply(ctx, a.MessageID)
	if err != nil {
		return err
	}
	switch r.SendState {
	case storage.SendSent, storage.SendFailed:
		return nil
	case storage.SendSending:
		return s.resumeSend(ctx, r)
	}
	if err := s.stillAnswerable(ctx, r); affaldsbot.ErrorCode(err) == affaldsbot.ECONFLICT {
		return s.replyFailed(ctx, r, affaldsbot.ErrorText(s.printer(), err))
	} else if err != nil {
		return err
	}
	if r.Attempts > 0 {
		if found, err := s.Mailer.FindSent(ctx, r.MessageID); err != nil {
			return fmt.Errorf("look for reply %d in Sent: %w", r.ID, err)
		} else if found {
			return s.replySent(ctx, r)
		}
	}
	return s.send(ctx, r)
}

// stillAnswerable refuses a reply whose enquiry was erased after the reply
// was recorded: its address and text are gone.
func (s *Service) stillAnswerable(ctx context.Context, r *storage.Reply) error {
	if r.EnquiryID == nil {
		return nil
	}
	e, err := s.DB.GetEnquiry(ctx, *r.EnquiryID)
	if err != nil || e.ErasedAt == nil {
		return err
	}
	return erased(e)
}

func (s *Service) resumeSend(ctx context.Context, r *storage.Reply) error {
	found, err := s.Mailer.FindSent(ctx, r.MessageID)
	if err != nil {
		return fmt.Errorf("look for reply %d in Sent: %w", r.ID, err)
	}
	if found {
		return s.replySent(ctx, r)
	}
	return s.replyFailed(ctx, r, s.T("reply_uncertain"))
}

func (s *Service) send(ctx context.Context, r *storage.Reply) error {
	body, err := s.withFooter(ctx, r)
	if err != nil {
		return err
	}
	raw, err := s.Mailer.Build(mail.OutgoingMail{From: r.FromAddr, To: r.ToAddr, Subject: r.Subject, MessageID: r.MessageID,
		InReplyTo: r.InReplyTo, References: strings.Fields(r.References), Body: body})
	if err != nil {
		return s.replyFailed(ctx, r, affaldsbot.ErrorText(s.printer(), err))
	}
	// "sending" is recorded at the last moment before the server accepts the
	// mail, so a crash leaves the reply in doubt only for that one round trip.
	err = s.Mailer.Send(ctx, r.FromAddr, r.ToAddr, raw, func() (bool, error) { return s.DB.BeginSend(ctx, r.ID) })
	if errors.Is(err, mail.ErrNotConfirmed) {
		return nil // another attempt has it
	} else if err != nil {
		return s.sendFailed(ctx, r, err)
	}
	if err := s.Mailer.AppendSent(ctx, raw); err != nil {
		s.Log.LogAttrs(ctx, slog.LevelWarn, "reply sent but not copied to Sent", slog.Int64("enquiry", enquiryOf(r)), slog.Int64("message", r.ID),
			slog.String("error", redact.Scrub(err.Error())))
	}
	return s.replySent(ctx, r)
}

// sendFailed decides after a failed SMTP submission: a permanent refusal or
// the last attempt shows the failure; anything else is tried again.
func (s *Service) sendFailed(ctx context.Context, r *storage.Reply, err error) error {
	if permanent(err) || r.Attempts+1 >= MaxReplyAttempts {
		return s.replyFailed(ctx, r, err.Error())
	}
	if serr := s.DB.SetSendState(ctx, r.ID, storage.SendPending, err.Error()); serr != nil {
		return serr
	}
	return fmt.Errorf("send reply %d: %w", r.ID, redact.ScrubError(err))
}

// permanent reports an SMTP 5xx answer (go-smtp's errors say Temporary) or a
// message that cannot be built.
func permanent(err error) bool {
	var t interface{ Temporary() bool }
	if errors.As(err, &t) {
		return !t.Temporary()
	}
	return affaldsbot.ErrorCode(err) == affaldsbot.EINVALID
}

// replySent records the sent reply, answers the enquiry and shows the reply in
// its thread.
func (s *Service) replySent(ctx context.Context, r *storage.Reply) error {
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		now := tx.Now()
		if err := tx.MarkReplySent(ctx, r.ID, now); err != nil {
			return err
		}
		e, err := tx.LockEnquiry(ctx, *r.EnquiryID)
		if err != nil {
			return err
		}
		if ev, err := e.Answer(r.Author, now); err == nil {
			if err := tx.SaveEnquiry(ctx, e, ev); err != nil {
				return err
			}
		}
		tx.Enqueue(SyncSlackArgs{EnquiryID: e.ID})
		return nil
	})
	if err != nil {
		return fmt.Errorf("record reply %d sent: %w", r.ID, err)
	}
	s.metrics().RepliesSent.Inc()
	return nil
}

// replyFailed keeps the reply with its reason and shows it in the thread with
// a retry button.
func (s *Service) replyFailed(ctx context.Context, r *storage.Reply, reason string) error {
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		if err := tx.FailReply(ctx, r.ID, reason); err != nil {
			return err
		}
		tx.Enqueue(ReplyFailedArgs{MessageID: r.ID})
		return nil
	})
	if err != nil {
		return fmt.Errorf("record reply %d failed: %w", r.ID, err)
	}
	s.metrics().ReplyFailures.Inc()
	s.Log.LogAttrs(ctx, slog.LevelWarn, "reply not sent", slog.Int64("enquiry", enquiryOf(r)), slog.Int64("message", r.ID),
		slog.String("reason", redact.Scrub(reason)))
	return nil
}

// enquiryOf is the number of the reply's enquiry, for log lines (0: none).
func enquiryOf(r *storage.Reply) int64 {
	if r.EnquiryID == nil {
		return 0
	}
	return *r.EnquiryID
}
