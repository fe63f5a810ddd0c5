package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
)

var filingTexts = map[string]map[string]string{
	"da": {
		"off":       "Journalisering er slået fra (JOURNAL_ADDR eller SMTP er ikke sat).",
		"uncertain": "afsendelsen blev afbrudt, og mailen ligger ikke i Sendt-mappen – tjek journalen, før du prøver igen",
		"failed":    "⚠️ %s kunne ikke journaliseres: %s",
		"title":     "Henvendelse %s: %s",
		"citizen":   "Borger",
		"received":  "Modtaget",
		"channel":   "Kanal",
		"inbound":   "Borgeren skrev",
		"outbound":  "Svar fra %s",
		"note":      "INTERN NOTE fra %s",
		"call_log":  "Opkald",
		"ignored":   "Automatisk mail",
		"call_note": "Notat fra kontaktcentret",
	},
	"en": {
		"off":       "Filing is off (JOURNAL_ADDR or SMTP is not set).",
		"uncertain": "sending was interrupted and the mail is not in the Sent folder – check the case file before trying again",
		"failed":    "⚠️ %s could not be filed: %s",
		"title":     "Enquiry %s: %s",
		"citizen":   "Citizen",
		"received":  "Received",
		"channel":   "Channel",
		"inbound":   "The citizen wrote",
		"outbound":  "Reply from %s",
		"note":      "INTERNAL NOTE from %s",
		"call_log":  "Call",
		"ignored":   "Automatic mail",
		"call_note": "Note from the contact centre",
	},
}

func filingText(lang, key string, args ...any) string {
	t, ok := filingTexts[lang]
	if !ok {
		t = filingTexts["da"]
	}
	if len(args) == 0 {
		return t[key]
	}
	return fmt.Sprintf(t[key], args...)
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
