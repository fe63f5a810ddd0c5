package handlers

import (
	"context"

	"github.com/affaldsbot/affaldsbot/mail"
)

// The shared mailbox's SMTP and IMAP servers are the Mailer and the
// MailboxEraser.
var (
	_ Mailer        = mail.Mailer{}
	_ MailboxEraser = mail.Mailbox{}
)

// Mailer sends replies from the shared mailbox and keeps the Sent folder.
type Mailer interface {
	// Build renders the message; it refuses header injection.
	Build(m mail.OutgoingMail) ([]byte, error)
	// Send hands the message to SMTP. confirm runs once the whole message is
	// transmitted, just before the server is told it is complete: until then
	// nothing is delivered, and when confirm says no, nothing is.
	Send(ctx context.Context, from, to string, raw []byte, confirm func() (bool, error)) error
	// AppendSent stores a copy in the Sent folder.
	AppendSent(ctx context.Context, raw []byte) error
	// FindSent reports whether a message with this Message-ID is in the Sent
	// folder already (a retry after a crash between sending and committing).
	FindSent(ctx context.Context, messageID string) (bool, error)
}
