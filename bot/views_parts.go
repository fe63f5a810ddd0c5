package bot

import (
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
)

// ActionsBlock is the row of buttons that fit the enquiry's status, nil when
// none do.
func ActionsBlock(e *affaldsbot.Enquiry, lang string) *slack.ActionBlock {
	if e.MergedInto != nil {
		return mergedActions(e, lang)
	}
	l := labelsFor(lang)
	value := strconv.FormatInt(e.ID, 10)
	var elems []slack.BlockElement
	for _, id := range ButtonsFor(e.Status) {
		b := slack.NewButtonBlockElement(id, value,
			slack.NewTextBlockObject(slack.PlainTextType, l.button(id), true, false))
		if id == ActionClaim {
			b.Style = slack.StylePrimary
		}
		elems = append(elems, b)
	}
	if e.Status == affaldsbot.StatusClaimed {
		elems = append(elems, HandOverPicker(lang))
	}
	if len(elems) == 0 {
		return nil
	}
	return slack.NewActionBlock(ActionsBlockID, elems...)
}

// ButtonsFor lists the action IDs of the buttons that fit a status, in the
// order they are shown.
func ButtonsFor(s affaldsbot.Status) []string {
	switch s {
	case affaldsbot.StatusNew:
		return []string{ActionClaim, ActionReply, ActionDraft, ActionClose}
	case affaldsbot.StatusClaimed:
		return []string{ActionRelease, ActionReply, ActionDraft, ActionClose}
	case affaldsbot.StatusAnswered:
		return []string{ActionReply, ActionDraft, ActionClose, ActionReopen}
	case affaldsbot.StatusClosed:
		return []string{ActionReopen}
	}
	return nil
}

func (l *labels) button(actionID string) string {
	switch actionID {
	case ActionClaim:
		return l.claim
	case ActionRelease:
		return l.release
	case ActionReply:
		return l.reply
	case ActionDraft:
		return l.draft
	case ActionClose:
		return l.close
	}
	return l.reopen
}

// previewText is the escaped start of the citizen's text, or for a call the
// contact centre's note.
func previewText(v rootMessage, l *labels) string {
	if v.Enquiry.Channel == affaldsbot.ChannelPhone && strings.TrimSpace(v.Note) != "" {
		return "*" + l.note + "*\n" + Truncate(Escape(strings.TrimSpace(v.Note)), PreviewChars, l.truncated)
	}
	return Truncate(Escape(strings.TrimSpace(v.Preview)), PreviewChars, l.truncated)
}

// textSection is a section of mrkdwn text, nil for no text.
func textSection(blockID, text string) *slack.SectionBlock {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return slack.NewSectionBlock(mrkdwn(Truncate(text, MaxSectionText, "…")), nil, nil,
		slack.SectionBlockOptionBlockID(blockID))
}

func contextBlock(blockID, text string) *slack.ContextBlock {
	return slack.NewContextBlock(blockID, mrkdwn(Truncate(text, MaxContextText, "…")))
}

// factsLine is the small print: when it came, and by which route.
func factsLine(v rootMessage, l *labels) string {
	e := v.Enquiry
	parts := []string{l.received + " " + l.formatTime(e.ReceivedAt.In(location(v.Loc)))}
	if by := EscapeLine(v.TransferredBy); by != "" && e.Channel == affaldsbot.ChannelPhone {
		parts = append(parts, l.transferredBy+" "+Truncate(by, FieldChars, "…"))
	}
	if mb := EscapeLine(e.Mailbox); mb != "" {
		parts = append(parts, Truncate(mb, FieldChars, "…"))
	}
	if v.FiledAt != nil {
		parts = append(parts, filedLine(*v.FiledAt, v, l))
	}
	if v.ForwardedTo != "" {
		parts = append(parts, forwardedLine(v))
	}
	if m := mergedLine(e, v.Lang); m != "" {
		parts = append(parts, m)
	}
	return strings.Join(parts, " · ")
}

// rootFallback is the message's `text`: what notifications and screen readers
// show. Escaped like the blocks, and short enough for chat.update.
func rootFallback(e *affaldsbot.Enquiry, l *labels) string {
	parts := []string{channelMarker(e.Channel) + " " + e.Ref()}
	if s := EscapeLine(e.Subject); s != "" {
		parts = append(parts, Truncate(s, FieldChars, "…"))
	}
	if c := EscapeLine(e.Citizen()); c != "" {
		parts = append(parts, Truncate(c, FieldChars, "…"))
	}
	if s, ok := l.status[e.Status]; ok {
		parts = append(parts, s)
	}
	return Truncate(strings.Join(parts, " · "), MaxUpdateText, "…")
}

// phoneText is a call-back link built from the normalised number only, never
// from the citizen's text; a number that does not normalise is shown as text.
func phoneText(raw string) string {
	n := affaldsbot.PhoneE164(raw)
	if n == "" {
		return Truncate(EscapeLine(raw), FieldChars, "…")
	}
	return "<tel:" + n + "|" + displayPhone(n) + ">"
}

// displayPhone groups a Danish number as "+45 12 34 56 78".
func displayPhone(e164 string) string {
	if len(e164) != 11 || !strings.HasPrefix(e164, "+45") {
		return e164
	}
	d := e164[3:]
	return "+45 " + d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8]
}
