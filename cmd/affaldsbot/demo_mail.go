package main

import (
	"context"
	"fmt"
	"github.com/affaldsbot/affaldsbot/locale"
	"math/rand/v2"
	"net/mail"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/internal/demoseed"
	"github.com/affaldsbot/affaldsbot/internal/terminal"
	affmail "github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
)

// citizenCommands are the demo's own commands: more mail arriving in the
// shared mailbox while one watches.
func (w *demoWorld) citizenCommands(db *storage.DB) []terminal.Command {
	p := w.printer()
	return []terminal.Command{
		{Word: "mail", Usage: p.Printf("demo_u_mail"), Help: p.Printf("demo_h_mail"), Run: w.mailCommand},
		{Word: "new", Usage: p.Printf("demo_u_new"), Help: p.Printf("demo_h_new"), Run: func(context.Context, string) error {
			x := demoseed.Extras()
			return w.deliver(x[rand.IntN(len(x))], demoseed.Header{})
		}},
		{Word: "citizen", Usage: p.Printf("demo_u_citizen"), Help: p.Printf("demo_h_citizen"), Run: func(ctx context.Context, args string) error {
			return w.citizenReply(ctx, db, args)
		}},
	}
}

// printer writes the demo's own texts in BOT_LANG.
func (w *demoWorld) printer() *locale.Printer { return locale.NewPrinter(w.lang) }

// mailCommand delivers `mail FROM SUBJECT | BODY`.
func (w *demoWorld) mailCommand(_ context.Context, args string) error {
	usage := terminal.UsageError(w.printer().Printf("demo_u_mail"))
	head, body, ok := strings.Cut(args, "|")
	from, subject := splitSender(strings.TrimSpace(head))
	if !ok || strings.TrimSpace(body) == "" || strings.TrimSpace(subject) == "" {
		return usage
	}
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return usage
	}
	return w.deliver(demoseed.Mail{FromName: addr.Name, FromAddr: addr.Address, Subject: strings.TrimSpace(subject),
		Body: strings.TrimSpace(body)}, demoseed.Header{})
}

// splitSender cuts "Name <addr> Subject" or "addr Subject" after the sender.
func splitSender(head string) (from, rest string) {
	if i := strings.Index(head, ">"); i >= 0 && strings.Contains(head[:i], "<") {
		return head[:i+1], head[i+1:]
	}
	from, rest, _ = strings.Cut(head, " ")
	return from, rest
}

// citizenReply delivers the citizen's answer to enquiry N, threaded under
// the last mail of the conversation as a mail client threads it.
func (w *demoWorld) citizenReply(ctx context.Context, db *storage.DB, args string) error {
	usage := w.printer().Printf("demo_u_citizen")
	id, text, err := terminal.EnquiryArg(args, usage)
	if err != nil || text == "" {
		return terminal.UsageError(usage)
	}
	e, err := db.GetEnquiry(ctx, id)
	if err != nil {
		return err
	}
	if e.CitizenEmail == "" {
		return affaldsbot.NewError(affaldsbot.EINVALID, "demo_no_email", e.Ref())
	}
	last, err := lastMail(ctx, db, id)
	if err != nil {
		return err
	}
	subject := last.Subject
	if !strings.HasPrefix(strings.ToLower(subject), "re:") {
		subject = "Re: " + subject
	}
	refs := append(strings.Fields(last.References), last.MessageID)
	return w.deliver(demoseed.Mail{FromName: e.CitizenName, FromAddr: e.CitizenEmail, Subject: subject, Body: text},
		demoseed.Header{InReplyTo: last.MessageID, References: refs})
}

// lastMail is the newest mail of a conversation, ours or the citizen's.
func lastMail(ctx context.Context, db *storage.DB, id int64) (*affaldsbot.Message, error) {
	msgs, err := db.Messages(ctx, id)
	if err != nil {
		return nil, err
	}
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if (m.Kind == affaldsbot.MessageInbound || m.Kind == affaldsbot.MessageOutbound) && m.MessageID != "" {
			return m, nil
		}
	}
	return nil, affaldsbot.NewError(affaldsbot.EINVALID, "demo_no_mail", id)
}

// watchSent prints every mail the bot sends, as the citizen receives it,
// until ctx ends.
func (w *demoWorld) watchSent(ctx context.Context, print func(lines ...string)) {
	shown := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.smtp.Received():
		}
		mails := w.smtp.Mails()
		for ; shown < len(mails); shown++ {
			print(receivedLines(w.printer(), mails[shown].Data)...)
		}
	}
}

// watchSMS prints every text message the bot sends, as the phone shows
// it, until ctx ends.
func (w *demoWorld) watchSMS(ctx context.Context, print func(lines ...string)) {
	shown := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.sms.Received():
		}
		sent := w.sms.Sent()
		for ; shown < len(sent); shown++ {
			m := sent[shown]
			print(w.printer().Printf("demo_sms_sent"), "   To:          "+m.To, "   From:        "+m.From, "", "   "+m.Text,
				"   "+strings.Repeat("─", 44))
		}
	}
}

// receivedLines show one sent mail the way the citizen's mail client does.
func receivedLines(p *locale.Printer, raw []byte) []string {
	m := affmail.Parse(raw, 1<<20)
	from := (&mail.Address{Name: m.FromName, Address: m.FromAddr}).String()
	lines := []string{p.Printf("demo_mail_sent"),
		"   From:        " + from, "   To:          " + strings.Join(m.To, ", "), "   Subject:     " + m.Subject,
		"   Message-ID:  <" + m.MessageID + ">"}
	if m.InReplyTo != "" {
		lines = append(lines, "   In-Reply-To: <"+m.InReplyTo+">")
	}
	lines = append(lines, "")
	for _, l := range strings.Split(strings.TrimRight(m.Text+"\n"+m.Quoted, "\n "), "\n") {
		lines = append(lines, "   "+l)
	}
	return append(lines, fmt.Sprintf("   %s", strings.Repeat("─", 44)))
}
