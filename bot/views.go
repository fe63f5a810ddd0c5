package bot

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// Action IDs of the root message's buttons and the block that holds them
// (docs/slack.md). Every button's value is the enquiry id in decimal.
const (
	ActionClaim     = "enquiry_claim"
	ActionRelease   = "enquiry_release"
	ActionReply     = "enquiry_reply"
	ActionDraft     = "enquiry_draft"
	ActionClose     = "enquiry_close"
	ActionReopen    = "enquiry_reopen"
	ActionsBlockID  = "enquiry_actions"
	MetadataType    = "affaldsbot_enquiry"
	MetadataIDField = "enquiry_id"
)

// rootMessage is an enquiry's root view as the bot renders it: in one
// language (BOT_LANG), its times in one zone.
type rootMessage struct {
	handlers.RootView
	Lang string // "da" or "en"
	Loc  *time.Location
}

// RootBlocks renders an enquiry's root message and the `text` fallback used
// for notifications, in lang with its times in loc. Citizen text is escaped
// and every part is cut to fit Slack's limits, whatever its length.
func RootBlocks(rv handlers.RootView, lang string, loc *time.Location) (blocks []slack.Block, fallback string) {
	v := rootMessage{RootView: rv, Lang: lang, Loc: loc}
	l := labelsFor(v.Lang)
	e := v.Enquiry
	blocks = append(blocks, headerBlock(e, l), fieldsBlock(v, l))
	if b := textSection("preview", previewText(v, l)); b != nil {
		blocks = append(blocks, b)
	}
	blocks = append(blocks, contextBlock("facts", factsLine(v, l)))
	if b := withForwardButton(withFileButton(ActionsBlock(e, v.Lang), v), v); b != nil {
		blocks = append(blocks, b)
	}
	if b := CallActionsBlock(e, v.Lang); b != nil {
		blocks = append(blocks, b)
	}
	return blocks, rootFallback(e, l)
}

// EnquiryMetadata is the message metadata of an enquiry's root message; it
// lets the bot find its own post again after a crash.
func EnquiryMetadata(id int64) slack.SlackMetadata {
	return slack.SlackMetadata{
		EventType:    MetadataType,
		EventPayload: map[string]any{MetadataIDField: strconv.FormatInt(id, 10)},
	}
}

// channelMarker is the emoji that tells mail from phone at a glance.
func channelMarker(c affaldsbot.Channel) string {
	if c == affaldsbot.ChannelPhone {
		return "📞"
	}
	return "📧"
}

func headerBlock(e *affaldsbot.Enquiry, l *labels) slack.Block {
	subject := e.Subject
	if strings.TrimSpace(subject) == "" {
		subject = l.noSubject
	}
	text := channelMarker(e.Channel) + " " + e.Ref() + " " + EscapeLine(subject)
	text = Truncate(text, MaxHeaderText, "…")
	return slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, text, true, false),
		slack.HeaderBlockOptionBlockID("enquiry_header"))
}

func fieldsBlock(v rootMessage, l *labels) slack.Block {
	e := v.Enquiry
	who := l.from
	if e.Channel == affaldsbot.ChannelPhone {
		who = l.caller
	}
	fields := []*slack.TextBlockObject{
		field(who, citizenText(e)),
		field(l.topicField, topicText(e.Topic, l)),
		field(l.statusField, StatusLabel(e.Status, v.Lang)),
		field(l.holder, holderText(e.Holder, l)),
		field(l.deadline, deadlineText(e.DeadlineAt, v.Loc, l)),
	}
	if v.Rating > 0 {
		fields = append(fields, field(locale.NewPrinter(v.Lang).Printf("rating_on_root"), RatingStars(v.Rating, v.Lang)))
	}
	return slack.NewSectionBlock(nil, fields, nil, slack.SectionBlockOptionBlockID("enquiry_fields"))
}

// field is one labelled field; value must already be escaped.
func field(label, value string) *slack.TextBlockObject {
	return mrkdwn(Truncate("*"+label+"*\n"+value, MaxSectionField, "…"))
}

// mrkdwn is a text object that Slack shows as written: verbatim, so it
// auto-links nothing; only the links and mentions we write ourselves are live.
func mrkdwn(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, text, false, true)
}

// citizenText is the citizen's name with their address or a call-back link.
func citizenText(e *affaldsbot.Enquiry) string {
	var lines []string
	if n := EscapeLine(e.CitizenName); n != "" {
		lines = append(lines, Truncate(n, FieldChars, "…"))
	}
	if a := EscapeLine(e.CitizenEmail); a != "" {
		lines = append(lines, Truncate(a, FieldChars, "…"))
	}
	if p := phoneText(e.CitizenPhone); p != "" {
		lines = append(lines, p)
	}
	if len(lines) == 0 {
		return "–"
	}
	return strings.Join(lines, "\n")
}

func topicText(t affaldsbot.Topic, l *labels) string {
	if t == "" {
		return l.noTopic
	}
	if label, ok := l.topic[t]; ok {
		return label
	}
	return EscapeLine(string(t))
}

var slackUserID = regexp.MustCompile(`^[UW][A-Z0-9]{2,20}$`)

// holderText mentions the holder: the one mention the bot writes itself, and
// only for something that is a Slack user ID.
func holderText(holder string, l *labels) string {
	switch {
	case holder == "":
		return l.nobody
	case slackUserID.MatchString(holder):
		return "<@" + holder + ">"
	}
	return Truncate(EscapeLine(holder), FieldChars, "…")
}

func deadlineText(at *time.Time, loc *time.Location, l *labels) string {
	if at == nil || at.IsZero() {
		return l.noDeadline
	}
	return l.formatDate(at.In(location(loc)))
}

func location(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}
