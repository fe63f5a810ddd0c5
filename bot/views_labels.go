package bot

import (
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
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
	months                                                    [12]string
}

var danish = labels{
	claim: "Tag sagen", release: "Slip", reply: "Svar", draft: "Udkast", close: "Luk", reopen: "Genåbn",
	status: map[affaldsbot.Status]string{
		affaldsbot.StatusNew: "Ny", affaldsbot.StatusClaimed: "Taget",
		affaldsbot.StatusAnswered: "Besvaret", affaldsbot.StatusClosed: "Lukket",
	},
	topic: map[affaldsbot.Topic]string{
		affaldsbot.TopicSortering: "Sortering", affaldsbot.TopicAfhentning: "Afhentning",
		affaldsbot.TopicStortIndbo: "Stort indbo", affaldsbot.TopicFarligtAffald: "Farligt affald",
		affaldsbot.TopicGenbrugsstation: "Genbrugsstation", affaldsbot.TopicBeholdere: "Beholdere",
		affaldsbot.TopicErhverv: "Erhverv", affaldsbot.TopicKlage: "Klage", affaldsbot.TopicAndet: "Andet",
	},
	kind: map[affaldsbot.MessageKind]string{
		affaldsbot.MessageInbound: "📨 Borgeren skrev", affaldsbot.MessageOutbound: "📤 Svar sendt",
		affaldsbot.MessageNote: "📝 Intern note", affaldsbot.MessageCallLog: "📞 Opkald",
		affaldsbot.MessageIgnored: "🚫 Ignoreret mail",
	},
	from: "Fra", caller: "Ringede", topicField: "Emne", statusField: "Status", holder: "Ansvarlig",
	deadline: "Svarfrist", nobody: "Ingen", noTopic: "Ikke sat", noDeadline: "Ingen frist",
	received: "Modtaget", transferredBy: "Viderestillet af", note: "Note fra kontaktcentret",
	truncated: "… (forkortet – resten i tråden)", continued: "fortsat", quotedHidden: "citeret tekst og signatur foldet væk",
	noText: "(ingen tekst)", ignored: "årsag", noSubject: "(intet emne)",
	months: [12]string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."},
}

var english = labels{
	claim: "Claim", release: "Release", reply: "Reply", draft: "Draft", close: "Close", reopen: "Reopen",
	status: map[affaldsbot.Status]string{
		affaldsbot.StatusNew: "New", affaldsbot.StatusClaimed: "Claimed",
		affaldsbot.StatusAnswered: "Answered", affaldsbot.StatusClosed: "Closed",
	},
	topic: map[affaldsbot.Topic]string{
		affaldsbot.TopicSortering: "Sorting", affaldsbot.TopicAfhentning: "Collection",
		affaldsbot.TopicStortIndbo: "Bulky waste", affaldsbot.TopicFarligtAffald: "Hazardous waste",
		affaldsbot.TopicGenbrugsstation: "Recycling centre", affaldsbot.TopicBeholdere: "Bins",
		affaldsbot.TopicErhverv: "Business waste", affaldsbot.TopicKlage: "Complaint", affaldsbot.TopicAndet: "Other",
	},
	kind: map[affaldsbot.MessageKind]string{
		affaldsbot.MessageInbound: "📨 Citizen wrote", affaldsbot.MessageOutbound: "📤 Reply sent",
		affaldsbot.MessageNote: "📝 Internal note", affaldsbot.MessageCallLog: "📞 Call",
		affaldsbot.MessageIgnored: "🚫 Ignored mail",
	},
	from: "From", caller: "Caller", topicField: "Topic", statusField: "Status", holder: "Held by",
	deadline: "Deadline", nobody: "Nobody", noTopic: "Not set", noDeadline: "No deadline",
	received: "Received", transferredBy: "Transferred by", note: "Note from the contact centre",
	truncated: "… (shortened – the rest is in the thread)", continued: "continued", quotedHidden: "quoted text and signature folded away",
	noText: "(no text)", ignored: "reason", noSubject: "(no subject)",
	months: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
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
func (l *labels) formatDate(t time.Time) string {
	m := l.months[t.Month()-1]
	if l == &english {
		return fmt.Sprintf("%d %s %d", t.Day(), m, t.Year())
	}
	return fmt.Sprintf("%d. %s %d", t.Day(), m, t.Year())
}

// formatTime writes a date with the time of day.
func (l *labels) formatTime(t time.Time) string {
	return l.formatDate(t) + " " + t.Format("15:04")
}
