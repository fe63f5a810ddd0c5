package mail

import (
	"context"
	"fmt"
	netmail "net/mail"
	"slices"
)

// Mailer sends replies over the SMTP server and keeps them in the shared
// mailbox's IMAP Sent folder. Without IMAP settings the
// Sent folder is not kept and holds nothing.
type Mailer struct {
	smtp       SMTPSettings
	imap       *IMAPSettings // nil: no Sent folder
	sentFolder string
}

// NewMailer returns the Mailer; a nil imap keeps no Sent folder.
func NewMailer(smtp SMTPSettings, imap *IMAPSettings, sentFolder string) Mailer {
	return Mailer{smtp: smtp, imap: imap, sentFolder: sentFolder}
}

// Build renders the reply; it refuses header injection and any To or From
// that is not exactly one address.
func (m Mailer) Build(o OutgoingMail) ([]byte, error) { return BuildMessage(o) }

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
	return SendMailConfirmed(ctx, m.smtp, env, rcpt, raw, confirm)
}

// AppendSent keeps a copy in the Sent folder.
func (m Mailer) AppendSent(ctx context.Context, raw []byte) error {
	if m.imap == nil {
		return nil
	}
	return AppendSent(ctx, *m.imap, m.sentFolder, raw)
}

// FindSent looks for the reply in the Sent folder.
func (m Mailer) FindSent(ctx context.Context, messageID string) (bool, error) {
	if m.imap == nil {
		return false, nil
	}
	return FindSent(ctx, *m.imap, m.sentFolder, messageID)
}

// envelopeAddress is the bare address of "Name <addr>" or "addr".
func envelopeAddress(s string) (string, error) {
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return "", fmt.Errorf("envelope address %q: %w", s, err)
	}
	return a.Address, nil
}

// Mailbox erases mail from the folders of the shared mailbox the bot uses.
type Mailbox struct {
	imap    IMAPSettings
	folders []string
}

// NewMailbox returns the eraser of the given folders (repeats and empty
// names dropped).
func NewMailbox(imap IMAPSettings, folders ...string) Mailbox {
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
	return EraseMail(ctx, m.imap, m.folders, messageIDs)
}
