package teams

import (
	"context"
	"html"
	"regexp"
	"strings"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/stats"
)

// message takes a person's message: in an enquiry's reply chain it is a
// reply (`svar:`/`reply:`) or a note, exactly as in a Slack thread; in the
// channel or a personal chat, a command (`@affaldsbot mine`).
func (r *Receiver) message(ctx context.Context, a *incoming) error {
	if err := needUser(a); err != nil {
		return err
	}
	if strings.HasPrefix(a.From.ID, "28:") { // a bot's own message
		return nil
	}
	user, conv, text := a.From.AADObjectID, a.Conversation.ID, PlainText(a.Text)
	if a.Conversation.ConversationType == "personal" {
		r.cfg.Surface.RememberChat(user, conv)
	}
	if base, root, ok := strings.Cut(conv, ";messageid="); ok && base == r.cfg.Channel {
		_, isEnquiry, err := r.cfg.Service.DB.EnquiryBySlackTS(ctx, base, root)
		if err != nil {
			return err
		}
		if isEnquiry {
			p := handlers.ThreadPost{Channel: base, ThreadTS: root, TS: a.ID, User: user, Text: text,
				Origin: handlers.ActivityOrigin(a.ID)}
			return r.tell(ctx, user, r.cfg.Service.ThreadMessage(ctx, p))
		}
	}
	return r.command(ctx, a, text)
}

// tell shows a refusal to the user in their personal chat.
func (r *Receiver) tell(ctx context.Context, user string, err error) error {
	if err == nil {
		return nil
	}
	text, err := r.userText(err)
	if err != nil {
		return err
	}
	return r.cfg.Surface.Ephemeral(ctx, r.cfg.Channel, user, text)
}

// command answers `mine`, `åbne`, `find …` and `stats …` in the
// conversation it was written in: under the post in a channel, in the chat
// in a personal chat. The answer to an activity is posted once.
func (r *Receiver) command(ctx context.Context, a *incoming, text string) error {
	conv := a.Conversation.ID
	if conv == r.cfg.Channel {
		conv = ThreadConversation(conv, a.ID)
	}
	key := "command:" + a.ID
	if _, done, err := r.cfg.Surface.cfg.Posts.Find(ctx, conv, key); err != nil || done {
		return err
	}
	out, err := r.commandText(ctx, a.From.AADObjectID, a.Conversation.ConversationType == "personal", text)
	if err != nil {
		return err
	}
	_, err = r.cfg.Surface.postText(ctx, conv, conv, key, "", out, nil)
	return err
}

func (r *Receiver) commandText(ctx context.Context, user string, personal bool, text string) (string, error) {
	word, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	switch strings.ToLower(word) {
	case "stats", "statistik":
		return r.stats(ctx, user, personal, rest)
	}
	if err := r.mayView(ctx, user); err != nil {
		return r.userText(err)
	}
	l, err := r.cfg.Service.Command(ctx, user, text)
	if err != nil {
		return r.userText(err)
	}
	return r.listing(l), nil
}

// listing is a command's answer as plain text: the title and one line per
// enquiry.
func (r *Receiver) listing(l *handlers.Listing) string {
	var b strings.Builder
	if l.Title != "" {
		b.WriteString(l.Title + "\n")
	}
	for _, e := range l.Enquiries {
		line := e.Ref() + " " + oneLine(e.Subject, 60) + " · " + r.p.Printf("teams_status_"+string(e.Status))
		if e.Holder != "" && e.Status.Open() {
			line += " · " + r.cfg.Surface.Name(e.Holder)
		}
		b.WriteString(line + "\n")
	}
	if l.More {
		b.WriteString("…\n")
	}
	if l.Text != "" {
		b.WriteString(l.Text + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// stats is the team's figures as text. A lead's figures per adviser are
// shown only in the lead's personal chat; in the channel the team's alone.
// An export (CSV and chart) is a file, which the bot does not upload to
// Teams: `affaldsbot stats` on the command line makes it.
func (r *Receiver) stats(ctx context.Context, user string, personal bool, rest string) (string, error) {
	words := strings.Fields(rest)
	if n := len(words); n > 0 && strings.HasPrefix(strings.ToLower(words[n-1]), "eksport") || n > 0 && strings.EqualFold(words[n-1], "export") {
		return r.p.Printf("teams_no_export"), nil
	}
	a, err := r.cfg.Service.Stats(ctx, user, strings.Join(words, " "), false)
	if err != nil {
		return r.userText(err)
	}
	rep := a.Report
	if !personal {
		c := *rep
		c.ByAdviser, c.Rows = nil, nil
		rep = &c
	}
	var b strings.Builder
	st := stats.Style{Lang: r.p.Lang(), Location: r.cfg.Surface.cfg.Location, Name: r.cfg.Surface.Name}
	if err := stats.WriteText(&b, rep, st); err != nil {
		return "", err
	}
	return b.String(), nil
}

var (
	mentionRE = regexp.MustCompile(`(?s)<at[^>]*>.*?</at>`)
	breakRE   = regexp.MustCompile(`(?i)<br\s*/?>|</p>|</div>`)
	tagRE     = regexp.MustCompile(`<[^>]+>`)
)

// PlainText turns a message's text as Teams sends it into what its writer
// typed: mentions of the bot removed, line breaks kept, other markup
// dropped and entities decoded (Teams sends a typed "<" as "&lt;").
func PlainText(text string) string {
	text = mentionRE.ReplaceAllString(text, "")
	text = breakRE.ReplaceAllString(text, "\n")
	text = tagRE.ReplaceAllString(text, "")
	return strings.TrimSpace(html.UnescapeString(text))
}
