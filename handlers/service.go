// Package handlers is what happens when: a mail arrives, an adviser claims or
// replies, a call is transferred, a draft or statistics are asked for. It
// imports no SDK; it defines what it needs of a chat (ChatSurface, whole) and
// of the mail servers, and bot/, mail/ and the demo's terminal implement them.
package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/guidance"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// RootView is what an enquiry's root message shows.
type RootView struct {
	Enquiry       *affaldsbot.Enquiry
	Preview       string
	Note          string     // calls: the contact centre's note
	TransferredBy string     // calls
	CanFile       bool       // filing is on (JOURNAL_ADDR): show the file button
	FiledAt       *time.Time // when the conversation was last filed
	Rating        int        // the citizen's latest rating of a reply, 1–5; 0 none
	CanForward    bool       // forwarding is on (FORWARD_DESTINATIONS): show the forward button
	ForwardedTo   string     // the destination it was last forwarded to; "" when never
}

// Directory answers who may do what: SLACK_ADVISERS and SLACK_LEADS, with
// user groups resolved.
type Directory interface {
	IsAdviser(ctx context.Context, user string) (bool, error)
	IsLead(ctx context.Context, user string) (bool, error)
}

// Routes maps mailboxes and call queues to Slack channels (ROUTES_FILE); the
// default is SLACK_CHANNEL.
type Routes struct {
	Default   string
	Mailboxes map[string]string
	Queues    map[string]string
}

// ForMailbox returns the channel of a mailbox.
func (r Routes) ForMailbox(mailbox string) string {
	if c, ok := r.Mailboxes[mailbox]; ok {
		return c
	}
	return r.Default
}

// ForQueue returns the channel of a call queue.
func (r Routes) ForQueue(queue string) string {
	if c, ok := r.Queues[queue]; ok {
		return c
	}
	return r.Default
}

// Settings are the parts of the configuration the handlers use.
type Settings struct {
	MailFrom      string        // the shared mailbox; mail from it is never an enquiry
	Lang          string        // "da" or "en"
	MaxAttachment int64         // bytes kept of one attachment; larger keep name, size and hash
	DeadlineDays  int           // answer deadline in working days (10)
	FirstResponse time.Duration // internal first-response target in working time (one working day)
	SentMailbox   string
	DigestTime    string    // "HH:MM" in the calendar's zone: the daily digest; "" or "off": none
	JournalAddr   string    // the case-management system's intake address (filing); "" = no filing
	RetentionDays int       // texts of enquiries older than this are erased daily; 0 keeps them
	Insights      *Schedule // when the weekly insights report goes to the leads; nil: never
	// Signature is the team's signature below every draft, by language
	// ("da", "en"); a language without one gets the built-in signature.
	Signature map[string]string
}

// Service holds what every handler needs.
type Service struct {
	DB        *storage.DB
	Slack     ChatSurface // Slack (bot.Bot) or the demo's terminal chat
	Directory Directory
	Mailer    Mailer
	Calendar  *workcal.Calendar
	Routes    Routes
	Settings  Settings
	Log       *slog.Logger
	Metrics   *Metrics
	Drafter   Drafter          // nil: drafts are the guidance passages themselves
	Guidance  Guidance         // nil: drafts rest on no passage
	Mailbox   MailboxEraser    // nil: intake is off and the bot keeps no mailbox
	Ratings   Ratings          // nil: replies carry no rating links
	Leads     LeadDirectory    // nil: no weekly insights report
	Answers   []answers.Answer // the standard answers of ANSWERS_DIR or the built-in set
	Names     AdviserNames     // nil: an adviser signs with their user ID
	// Destinations are the authorities an enquiry can be forwarded to
	// (FORWARD_DESTINATIONS); none: forwarding is off.
	Destinations []Destination
	SMS          SMSSender // nil: no SMS gateway (SMS_GATEWAY_URL)
}

// Check refuses a service without a part every handler needs: the
// database, the chat, the directory, the calendar, the log.
func (s *Service) Check() error {
	parts := []struct {
		name    string
		missing bool
	}{{"database", s.DB == nil}, {"chat", s.Slack == nil}, {"directory", s.Directory == nil},
		{"calendar", s.Calendar == nil}, {"log", s.Log == nil}}
	for _, p := range parts {
		if p.missing {
			return fmt.Errorf("handlers: no %s", p.name)
		}
	}
	return nil
}

// SMSSender sends a text message through the SMS gateway. key names the
// message: the gateway sends a message with a key it has seen once only.
type SMSSender interface {
	Send(ctx context.Context, to, text, key string) error
}

// DefaultSettings are the values of docs/lifecycle.md.
func DefaultSettings() Settings {
	return Settings{Lang: "da", MaxAttachment: 25 << 20, DeadlineDays: 10, FirstResponse: 8 * time.Hour, SentMailbox: "Sent"}
}

// Guidance finds the sorting-guidance passages a draft rests on.
type Guidance interface {
	Search(query string, k int) ([]guidance.Hit, error)
}
