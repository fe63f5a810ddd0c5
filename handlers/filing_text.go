package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
)

// filingText is the catalogue's text filing_KEY in lang.
func filingText(lang, key string, args ...any) string {
	return locale.NewPrinter(lang).Printf("filing_"+key, args...)
}

// buildFiling renders the filing mail: the conversation as text, the
// original mails attached.
func (s *Service) buildFiling(ctx context.Context, f *storage.Filing) ([]byte, error) {
	e, err := s.DB.GetEnquiry(ctx, f.EnquiryID)
	if err != nil {
		return nil, err
	} else if e.ErasedAt != nil {
		return nil, erased(e) // erased after it was asked for: nothing left to file
	}
	msgs, err := s.DB.Messages(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	body, err := s.filingBody(ctx, e, msgs)
	if err != nil {
		return nil, err
	}
	originals, err := s.originals(ctx, msgs)
	if err != nil {
		return nil, err
	}
	return mail.BuildFilingMessage(mail.FilingMail{From: s.Settings.MailFrom, To: f.ToAddr, MessageID: f.MessageID,
		Subject: mail.TagSubject(e.Subject, e.ID), Date: s.DB.Now(), Body: body, Originals: originals})
}

func (s *Service) filingBody(ctx context.Context, e *affaldsbot.Enquiry, msgs []*affaldsbot.Message) (string, error) {
	lang := s.Settings.Lang
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", filingText(lang, "title", e.Ref(), e.Subject))
	fmt.Fprintf(&b, "%s: %s\n", filingText(lang, "citizen"), citizenLine(e))
	fmt.Fprintf(&b, "%s: %s\n", filingText(lang, "channel"), e.Channel)
	fmt.Fprintf(&b, "%s: %s\n", filingText(lang, "received"), s.localTime(e.ReceivedAt))
	if e.Channel == affaldsbot.ChannelPhone {
		note, _, err := s.DB.CallNote(ctx, e.ID)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "%s: %s\n", filingText(lang, "call_note"), note)
	}
	for _, m := range msgs {
		fmt.Fprintf(&b, "\n--- %s · %s ---\n%s\n", s.localTime(m.ReceivedAt), s.filingWho(m), strings.TrimRight(m.Body, "\n"))
	}
	return b.String(), nil
}

func citizenLine(e *affaldsbot.Enquiry) string {
	var parts []string
	for _, p := range []string{e.CitizenName, e.CitizenEmail, e.CitizenPhone} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// filingWho says who wrote a message; notes are marked internal.
func (s *Service) filingWho(m *affaldsbot.Message) string {
	lang := s.Settings.Lang
	switch m.Kind {
	case affaldsbot.MessageInbound:
		return filingText(lang, "inbound") + " (" + m.FromAddr + ")"
	case affaldsbot.MessageOutbound:
		return filingText(lang, "outbound", m.Author)
	case affaldsbot.MessageNote:
		return filingText(lang, "note", m.Author)
	case affaldsbot.MessageCallLog:
		return filingText(lang, "call_log")
	}
	return filingText(lang, "ignored")
}

func (s *Service) localTime(t time.Time) string {
	loc := time.UTC
	if s.Calendar != nil {
		loc = s.Calendar.Location()
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

// originals reads the raw mail of every message that kept one.
func (s *Service) originals(ctx context.Context, msgs []*affaldsbot.Message) ([]mail.Original, error) {
	var out []mail.Original
	for _, m := range msgs {
		raw, err := s.DB.RawMail(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if len(raw) > 0 {
			out = append(out, mail.Original{Filename: fmt.Sprintf("mail-%d.eml", m.ID), Raw: raw})
		}
	}
	return out, nil
}

// notifyFilingFailed tells the advisers in the thread.
func (s *Service) notifyFilingFailed(ctx context.Context, f *storage.Filing) error {
	ref, ok, err := s.DB.SlackRef(ctx, f.EnquiryID)
	if err != nil || !ok || ref.RootTS == "" || s.Slack == nil {
		return err
	}
	g, err := s.DB.GetFiling(ctx, f.ID)
	if err != nil {
		return err
	}
	text := filingText(s.Settings.Lang, "failed", "#"+fmt.Sprint(f.EnquiryID), g.Error)
	return s.Slack.PostNotice(ctx, ref.Channel, ref.RootTS, text)
}
