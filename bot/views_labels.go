package bot

import (
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
)

// Languages the views speak (BOT_LANG). Danish is the default.
const (
	LangDanish  = "da"
	LangEnglish = "en"
)

// labels is every fixed string of the views in one language.
type labels struct {
	claim, release, reply, draft, close, reopen string

	status map[affaldsbot.Status]string
	topic  map[affaldsbot.Topic]string
	kind   map[affaldsbot.MessageKind]string

	from, caller, topicField, statusField, holder, deadline   string
	nobody, noTopic, noDeadline, received, transferredBy      string
	note, truncated, continued, quotedHidden, noText, ignored string
	noSubject                                                 string
	p                                                         *locale.Printer
}

var danish = newLabels(locale.Danish)

var english = newLabels(locale.English)

// newLabels fills a labels from the catalogue in lang.
func newLabels(lang string) labels {
	p := locale.NewPrinter(lang)
	return labels{
		p: p,
		status: locale.Labels(p, "status_", affaldsbot.StatusNew, affaldsbot.StatusClaimed,
			affaldsbot.StatusAnswered, affaldsbot.StatusClosed),
		topic: locale.Labels(p, "topic_", affaldsbot.Topics...),
		kind: locale.Labels(p, "view_kind_", affaldsbot.MessageInbound, affaldsbot.MessageOutbound,
			affaldsbot.MessageNote, affaldsbot.MessageCallLog, affaldsbot.MessageIgnored),
		claim:         p.Printf("view_claim"),
		release:       p.Printf("view_release"),
		reply:         p.Printf("view_reply"),
		draft:         p.Printf("view_draft"),
		close:         p.Printf("view_close"),
		reopen:        p.Printf("view_reopen"),
		from:          p.Printf("view_from"),
		caller:        p.Printf("view_caller"),
		topicField:    p.Printf("view_topic_field"),
		statusField:   p.Printf("view_status_field"),
		holder:        p.Printf("view_holder"),
		deadline:      p.Printf("view_deadline"),
		nobody:        p.Printf("view_nobody"),
		noTopic:       p.Printf("view_no_topic"),
		noDeadline:    p.Printf("view_no_deadline"),
		received:      p.Printf("view_received"),
		transferredBy: p.Printf("view_transferred_by"),
		note:          p.Printf("view_note"),
		truncated:     p.Printf("view_truncated"),
		continued:     p.Printf("view_continued"),
		quotedHidden:  p.Printf("view_quoted_hidden"),
		noText:        p.Printf("view_no_text"),
		ignored:       p.Printf("view_ignored"),
		noSubject:     p.Printf("view_no_subject"),
	}
}

func labelsFor(lang string) *labels {
	if lang == LangEnglish {
		return &english
	}
	return &danish
}

// StatusLabel is the status as advisers read it, in lang.
func StatusLabel(s affaldsbot.Status, lang string) string {
	if l, ok := labelsFor(lang).status[s]; ok {
		return l
	}
	return string(s)
}

// TopicLabel is the topic as advisers read it, in lang; empty for no topic.
func TopicLabel(t affaldsbot.Topic, lang string) string {
	if l, ok := labelsFor(lang).topic[t]; ok {
		return l
	}
	return string(t)
}

// formatDate writes a date the way each language does: "4. dec. 2026" or
// "4 Dec 2026".
func (l *labels) formatDate(t time.Time) string { return l.p.DateOf(t) }

// formatTime writes a date with the time of day.
func (l *labels) formatTime(t time.Time) string { return l.p.DateTime(t) }
