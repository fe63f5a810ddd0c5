package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/mail"
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
	return &ReplyForm{Enquiry: e, To: e.CitizenEmail, Subject: mail.TagSubject(e.Subject, e.ID), Draft: draft, AskAddress: ask}, nil
}

// CheckReplyBody says what is wrong with a reply's text, nil when nothing.
func (s *Service) CheckReplyBody(body string) error {
	n := utf8.RuneCountInString(body)
	switch {
	case strings.TrimSpace(body) == "":
		return affaldsbot.Errorf(affaldsbot.EINVALID, "%s", s.T("reply_empty"))
	case n > MaxReplyChars:
		return affaldsbot.Errorf(affaldsbot.EINVALID, "%s", s.T("reply_too_long", n, MaxReplyChars))
	}
	return nil
}

func (s *Service) canReply(e *affaldsbot.Enquiry) error {
	if e.CitizenEmail == "" {
		return affaldsbot.Errorf(affaldsbot.EINVALID, "%s", s.T("reply_no_email", e.Ref()))
	}
	return s.canReplyTo(e)
}

// canReplyTo says why no reply can be written for an enquiry, whatever its
// address.
func (s *Service) canReplyTo(e *affaldsbot.Enquiry) error {
	switch {
	case s.Settings.MailFrom == "":
		return affaldsbot.Errorf(affaldsbot.EINVALID, "%s", s.T("reply_off"))
	case e.Status == affaldsbot.StatusClosed:
		return affaldsbot.Errorf(affaldsbot.ECONFLICT, "%s", s.T("reply_closed", e.Ref()))
	}
	return nil
}

// Reply records an adviser's reply to the enquiry's citizen and enqueues its
// sending, in one transaction. The reply goes to the citizen's address only,
// threaded under their latest mail and tagged with the enquiry's number.
func (s *Service) Reply(ctx context.Context, user string, id int64, body string) (*affaldsbot.Message, error) {
	if err := s.CheckReplyBody(body); err != nil {
		return nil, err
	}
	if err := s.Authorize(ctx, user); err != nil {
		return nil, err
	}
	var m *affaldsbot.Message
	err := s.DB.InTx(ctx, func(tx *storage.Tx) error {
		e, err := tx.LockEnquiry(ctx, id)
		if err != nil {
			return err
		}
		if err := s.canReply(e); err != nil {
			return err
		}
		if m, err = s.newReply(ctx, tx, e, user, body); err != nil {
			return err
		}
		if err := tx.InsertReply(ctx, m); err != nil {
			return err
		}
		tx.Enqueue(SendReplyArgs{MessageID: m.ID})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reply to enquiry %d: %w", id, err)
	}
	return m, nil
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
