package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf8"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/redact"
	"github.com/affaldsbot/affaldsbot/storage"
)

// MaxReplyChars is the longest reply an adviser can send.
const MaxReplyChars = 20000

// ReplyForm is what the reply modal shows: who gets the reply, its subject
// and the text to start from (the latest draft that is not stale).
type ReplyForm struct {
	Enquiry *affaldsbot.Enquiry
	To      string
	Subject string
	Draft   string
	// AskAddress: the mail gave no sender address that can be trusted, so
	// the adviser types it (SetCitizenAddress); nothing is guessed.
	AskAddress bool
	// Answers are the standard answers the adviser can start from.
	Answers []answers.Answer
}

// ReplyForm prepares the reply modal for an adviser.
func (s *Service) ReplyForm(ctx context.Context, user string, id int64) (*ReplyForm, error) {
	if err := s.Authorize(ctx, user); err != nil {
		return nil, err
	}
	e, err := s.DB.GetEnquiry(ctx, id)
	if err != nil {
		return nil, err
	}
	ask := e.CitizenEmail == "" && e.Channel == affaldsbot.ChannelMail
	if err := s.canReply(e); err != nil && !ask {
		return nil, err
	} else if err := s.canReplyTo(e); err != nil {
		return nil, err
	}
	draft, _, err := s.DB.LatestDraft(ctx, id)
	if err != nil {
		return nil, err
	}
	list, err := s.StandardAnswers(ctx)
	if err != nil {
		return nil, err
	}
	return &ReplyForm{Enquiry: e, To: e.CitizenEmail, Subject: mail.TagSubject(e.Subject, e.ID), Draft: draft, AskAddress: ask, Answers: list}, nil
}

// CheckReplyBody says what is wrong with a reply's text, nil when nothing.
func (s *Service) CheckReplyBody(body string) error {
	n := utf8.RuneCountInString(body)
	switch {
	case strings.TrimSpace(body) == "":
		return affaldsbot.NewError(affaldsbot.EINVALID, "reply_empty")
	case n > MaxReplyChars:
		return affaldsbot.NewError(affaldsbot.EINVALID, "reply_too_long", n, MaxReplyChars)
	}
	return nil
}

func (s *Service) canReply(e *affaldsbot.Enquiry) error {
	if e.CitizenEmail == "" && e.ErasedAt == nil {
		return affaldsbot.NewError(affaldsbot.EINVALID, "reply_no_email", e.Ref())
	}
	return s.canReplyTo(e)
}

// canReplyTo says why no reply can be written for an enquiry, whatever its
// address.
func (s *Service) canReplyTo(e *affaldsbot.Enquiry) error {
	switch {
	case s.Settings.MailFrom == "":
		return affaldsbot.NewError(affaldsbot.EINVALID, "reply_off")
	case e.ErasedAt != nil:
		return erased(e)
	case e.Status == affaldsbot.StatusClosed:
		return affaldsbot.NewError(affaldsbot.ECONFLICT, "reply_closed", e.Ref())
	}
	return nil
}

// erased refuses a reply, a draft or a filing of an enquiry whose texts were
// erased: its address is a pseudonym and its thread is gone.
func erased(e *affaldsbot.Enquiry) error {
	return affaldsbot.NewError(affaldsbot.ECONFLICT, "erased", e.Ref())
}

// Reply records an adviser's reply to the enquiry's citizen and enqueues its
// sending, in one transaction. The reply goes to the citizen's address only,
// threaded under their latest mail and tagged with the enquiry's number. The
// keys of origin are recorded in the same transaction: the same input again
// records nothing and returns the reply it made the first time.
func (s *Service) Reply(ctx context.Context, user string, id int64, body string, origin Origin) (*affaldsbot.Message, error) {
	return s.ReplyWith(ctx, user, id, body, "", origin)
}

// ReplyWith is Reply for a text that began from the standard answer named
// answer ("" for none); its use is counted with the reply.
func (s *Service) ReplyWith(ctx context.Context, user string, id int64, body, answer string, origin Origin) (*affaldsbot.Message, error) {
	if err := s.CheckReplyBody(body); err != nil {
		return nil, err
	}
	if err := s.Authorize(ctx, user); err != nil {
		return nil, err
	}
	var m *affaldsbot.Message
	var earlier int64
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		e, err := tx.LockEnquiry(ctx, id)
		if err != nil {
			return err
		}
		if earlier, err = repeated(ctx, tx, origin); err != nil {
			return err
		}
		if err := s.canReply(e); err != nil {
			return err
		}
		if m, err = s.recordReply(ctx, tx, e, user, body, origin); err != nil {
			return err
		}
		if answer != "" {
			if err := tx.RecordAnswerUse(ctx, m.ID, e.ID, answer, user); err != nil {
				return err
			}
		}
		tx.Enqueue(SendReplyArgs{MessageID: m.ID})
		return nil
	})
	if errors.Is(err, errRepeat) {
		return s.earlierReply(ctx, earlier)
	} else if err != nil {
		return nil, fmt.Errorf("reply to enquiry %d: %w", id, err)
	}
	return m, nil
}

// repeated returns errRepeat, with the message it made, when origin was acted
// on before.
func repeated(ctx context.Context, tx *storage.Tx, origin Origin) (int64, error) {
	id, seen, err := tx.InputSeen(ctx, origin)
	if err == nil && seen {
		err = errRepeat
	}
	return id, err
}

func (s *Service) recordReply(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, user, body string, origin Origin) (*affaldsbot.Message, error) {
	m, err := s.newReply(ctx, tx, e, user, body)
	if err != nil {
		return nil, err
	}
	if err := tx.InsertReply(ctx, m); err != nil {
		return nil, err
	}
	if err := s.issueRating(ctx, tx, e, m); err != nil {
		return nil, err
	}
	if first, err := tx.RecordInput(ctx, origin, m.ID); err != nil {
		return nil, err
	} else if !first {
		return nil, errRepeat // acted on by a transaction that committed while this one waited
	}
	return m, nil
}

// earlierReply is the reply an input made the first time it was acted on.
func (s *Service) earlierReply(ctx context.Context, id int64) (*affaldsbot.Message, error) {
	if id == 0 {
		return nil, nil
	}
	return s.DB.GetMessage(ctx, id)
}

func (s *Service) newReply(ctx context.Context, tx *storage.Tx, e *affaldsbot.Enquiry, user, body string) (*affaldsbot.Message, error) {
	last, ok, err := tx.LastInbound(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageOutbound, MessageID: newMessageID(s.Settings.MailFrom),
		FromAddr: s.Settings.MailFrom, ToAddr: e.CitizenEmail, Subject: mail.TagSubject(e.Subject, e.ID),
		Body: body, Author: user, ReceivedAt: tx.Now()}
	if ok && last.MessageID != "" {
		m.InReplyTo = last.MessageID
		m.References = strings.TrimSpace(last.References + " " + last.MessageID)
	}
	return m, nil
}

// newMessageID is a fresh Message-ID (without brackets) in the domain of the
// shared mailbox.
func newMessageID(from string) string {
	b := make([]byte, 16)
	rand.Read(b)
	domain := from[strings.LastIndex(from, "@")+1:]
	domain = strings.Trim(domain, "<> ")
	if domain == "" {
		domain = "affaldsbot.invalid"
	}
	return hex.EncodeToString(b) + "@" + domain
}

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
