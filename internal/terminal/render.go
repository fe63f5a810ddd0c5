package terminal

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/stats"
)

// liveLines is how many lines of a text are shown as it happens; `show N`
// shows all.
const liveLines = 8

// rootLines are a new enquiry: 📧 #3 Subject — Citizen — Status, then the
// topic, the deadline and the first words.
func (c *Chat) rootLines(v handlers.RootView) []string {
	e := v.Enquiry
	icon := "📧"
	if e.Channel == affaldsbot.ChannelPhone {
		icon = "📞"
	}
	head := fmt.Sprintf("%s %s %s — %s — %s", icon, e.Ref(), oneLine(e.Subject, 60), c.who(e), c.statusLine(e))
	var detail []string
	if e.Topic != "" {
		detail = append(detail, stats.TopicLabel(e.Topic, c.lang))
	}
	if e.DeadlineAt != nil {
		detail = append(detail, c.t("deadline", c.date(*e.DeadlineAt)))
	}
	preview := v.Preview
	if v.Note != "" {
		preview = v.Note
		if v.TransferredBy != "" {
			preview += " (" + v.TransferredBy + ")"
		}
	}
	if preview != "" {
		detail = append(detail, "“"+oneLine(preview, 80)+"”")
	}
	return []string{head, "      " + strings.Join(detail, " · ")}
}

// who is the citizen as the root shows them.
func (c *Chat) who(e *affaldsbot.Enquiry) string {
	switch {
	case e.Channel == affaldsbot.ChannelPhone && e.CitizenName != "":
		return fmt.Sprintf("%s (%s)", e.CitizenName, e.CitizenPhone)
	case e.Channel == affaldsbot.ChannelPhone:
		return e.CitizenPhone
	case e.CitizenName != "":
		return fmt.Sprintf("%s <%s>", e.CitizenName, e.CitizenEmail)
	}
	return e.CitizenEmail
}

// statusLine is the status and who holds the enquiry.
func (c *Chat) statusLine(e *affaldsbot.Enquiry) string {
	s := c.status(e.Status)
	if e.Holder != "" && e.Status.Open() {
		s += " · " + c.t("holder", c.name(e.Holder))
	}
	return s
}

func (c *Chat) date(t time.Time) string {
	return locale.NewPrinter(c.lang).DateOf(t.In(c.loc))
}

// itemLines are one conversation item, at most max lines of its text (0: all).
func (c *Chat) itemLines(id int64, m *affaldsbot.Message, atts []affaldsbot.Attachment, max int) []string {
	var head string
	switch m.Kind {
	case affaldsbot.MessageInbound:
		head = "📨 " + c.t("wrote", m.FromAddr)
	case affaldsbot.MessageOutbound:
		head = "📤 " + c.t("reply_to", m.ToAddr, c.name(m.Author))
	case affaldsbot.MessageNote:
		head = "📝 " + c.t("note", c.name(m.Author))
	case affaldsbot.MessageCallLog:
		head = "📞 " + c.t("call")
	default:
		head = "🚫 " + c.t("ignored", m.Reason)
	}
	lines := append(indent(id, head), c.bodyLines(id, m.Body, max)...)
	for _, a := range atts {
		lines = append(lines, indent(id, "📎 "+c.t("attachment", a.Filename, a.ContentType, size(a.Size)))...)
	}
	return lines
}

// bodyLines are a text indented under its enquiry, cut after max lines.
func (c *Chat) bodyLines(id int64, body string, max int) []string {
	text := strings.Split(strings.TrimRight(strings.ReplaceAll(body, "\r\n", "\n"), "\n "), "\n")
	if max > 0 && len(text) > max {
		text = append(text[:max], c.t("more", id))
	}
	out := make([]string, len(text))
	for i, l := range text {
		out[i] = fmt.Sprintf("   #%d │   %s", id, l)
	}
	return out
}

// draftLines show a draft; nothing while a model is still writing it.
func (c *Chat) draftLines(d handlers.DraftView) []string {
	id := d.EnquiryID
	switch d.State {
	case handlers.DraftStale:
		return indent(id, "✏️ "+c.t("draft_stale", d.Number))
	case handlers.DraftDiscarded:
		return indent(id, "✏️ "+c.t("draft_discarded", d.Number))
	case handlers.DraftFailed:
		return indent(id, "✏️ "+c.t("draft_failed", d.Number, d.Error))
	case handlers.DraftStreaming:
		return nil
	}
	from := c.t("draft_model")
	if d.FromGuidance {
		from = c.t("draft_guidance")
	}
	lines := append(indent(id, "✏️ "+c.t("draft_ready", d.Number, from)), c.bodyLines(id, c.plain(d.Text), 0)...)
	for _, s := range d.Sources {
		lines = append(lines, indent(id, "   "+c.t("source", strings.TrimSpace(s.Title+" "+s.URL)))...)
	}
	return append(lines, indent(id, c.t("draft_use", id, id))...)
}

func indent(id int64, line string) []string {
	return []string{fmt.Sprintf("   #%d %s", id, line)}
}

// mention is how Slack writes a user in the bot's own texts.
var mention = regexp.MustCompile(`<@([A-Z0-9]+)>`)

// plain turns the bot's own Slack markup into plain text.
func (c *Chat) plain(s string) string {
	s = mention.ReplaceAllStringFunc(s, func(m string) string { return c.name(m[2 : len(m)-1]) })
	return strings.NewReplacer("*", "", "`", "").Replace(s)
}

// oneLine is s on one line, cut to max characters.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

func itoa(n int64) string { return fmt.Sprint(n) }
