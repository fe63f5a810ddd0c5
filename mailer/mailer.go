// Package mailer is the handlers' Mailer over the real mail clients: SMTP for
// sending and the shared mailbox's IMAP Sent folder for the record.
package mailer

import (
	"context"
	"fmt"
	"net/mail"
	"slices"

	"github.com/affaldsbot/affaldsbot/handlers"
	amail "github.com/affaldsbot/affaldsbot/mail"
)

// Mailer is the handlers' Mailer over the SMTP server (replies) and the
// shared mailbox's IMAP server (the Sent folder). Without IMAP settings the
// Sent folder is not kept and holds nothing.
type Mailer struct {
	smtp       amail.SMTPSettings
	imap       *amail.IMAPSettings // nil: no Sent folder
	sentFolder string
}

var _ handlers.Mailer = Mailer{}

// New returns the Mailer; a nil imap keeps no Sent folder.
func New(smtp amail.SMTPSettings, imap *amail.IMAPSettings, sentFolder string) Mailer {
	return Mailer{smtp: smtp, imap: imap, sentFolder: sentFolder}
}

// Build renders the reply; it refuses header injection and any To or From
// that is not exactly one address.
func (m Mailer) Build(o handlers.OutgoingMail) ([]byte, error) {
	return amail.BuildMessage(amail.OutgoingMail{From: o.From, To: o.To, Subject: o.Subject, MessageID: o.MessageID,
		InReplyTo: o.InReplyTo, References: o.References, Body: o.Body})
}

// Send submits the reply to its one recipient.
func (m Mailer) Send(ctx context.Context, from, to string, raw []byte, confirm func() (bool, error)) error {
	env, err := envelopeAddress(from)
	if err != nil {
		return err
	}
	rcpt, err := envelopeAddress(to)
	if err != nil {
		return err
	}
	return amail.SendMailConfirmed(ctx, m.smtp, env, rcpt, raw, confirm)
}

// AppendSent keeps a copy in the Sent folder.
func (m Mailer) AppendSent(ctx context.Context, raw []byte) error {
	if m.imap == nil {
		return nil
	}
	return amail.AppendSent(ctx, *m.imap, m.sentFolder, raw)
}

// FindSent looks for the reply in the Sent folder.
func (m Mailer) FindSent(ctx context.Context, messageID string) (bool, error) {
	if m.imap == nil {
		return false, nil
	}
	return amail.FindSent(ctx, *m.imap, m.sentFolder, messageID)
}

// envelopeAddress is the bare address of "Name <addr>" or "addr".
func envelopeAddress(s string) (string, error) {
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", fmt.Errorf("envelope address %q: %w", s, err)
	}
	return a.Address, nil
}

// Mailbox is the handlers' MailboxEraser over the shared mailbox's IMAP
// server: it deletes mail from the folders the bot uses.
type Mailbox struct {
	imap    amail.IMAPSettings
	folders []string
}

var _ handlers.MailboxEraser = Mailbox{}

// NewMailbox returns the eraser of the given folders (repeats and empty
// names dropped).
func NewMailbox(imap amail.IMAPSettings, folders ...string) Mailbox {
	var out []string
	for _, f := range folders {
		if f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return Mailbox{imap: imap, folders: out}
}

// EraseMail deletes the messages with these Message-IDs from every folder.
func (m Mailbox) EraseMail(ctx context.Context, messageIDs []string) (map[string]int, error) {
	return amail.EraseMail(ctx, m.imap, m.folders, messageIDs)
}
