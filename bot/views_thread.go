package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
)

// threadReserve is room kept in every thread message for its heading.
const threadReserve = 1000

// ThreadMessageBlocks renders one message of an enquiry's conversation in
// full, for its thread. A long text is split at paragraph breaks across as
// many Slack messages as it needs; each stays within MaxBlocks blocks and
// BlockTextBudget characters, and every one after the first says it continues.
func ThreadMessageBlocks(m *affaldsbot.Message, lang string) [][]slack.Block {
	l := labelsFor(lang)
	var sections []slack.Block
	for i, part := range bodyParts(m, l) {
		sections = append(sections, slack.NewSectionBlock(mrkdwn(part), nil, nil,
			slack.SectionBlockOptionBlockID(fmt.Sprintf("body_%d", i+1))))
	}
	if strings.TrimSpace(m.Quoted) != "" {
		sections = append(sections, contextBlock("quoted", "_"+l.quotedHidden+"_"))
	}
	pages := packPages(sections)
	heading := threadHeading(m, l)
	for i := range pages {
		text := heading
		if len(pages) > 1 {
			text = fmt.Sprintf("%s · %s %d/%d", heading, l.continued, i+1, len(pages))
		}
		pages[i] = append([]slack.Block{contextBlock("heading", text)}, pages[i]...)
	}
	return pages
}

// ThreadMessageFallback is the `text` of a thread message: the heading and
// the start of the text, escaped.
func ThreadMessageFallback(m *affaldsbot.Message, lang string) string {
	l := labelsFor(lang)
	body := Truncate(Escape(strings.TrimSpace(m.Body)), PreviewChars, "…")
	return Truncate(threadHeading(m, l)+"\n"+body, MaxUpdateText, "…")
}

// bodyParts is the escaped text cut into section-sized pieces.
func bodyParts(m *affaldsbot.Message, l *labels) []string {
	body := Escape(strings.TrimSpace(m.Body))
	if body == "" {
		return []string{"_" + l.noText + "_"}
	}
	return Chunks(body, MaxSectionText)
}

// packPages groups blocks into messages that keep Slack's limits, with one
// block and threadReserve characters left for the heading.
func packPages(blocks []slack.Block) [][]slack.Block {
	var pages [][]slack.Block
	var cur []slack.Block
	size := 0
	for _, b := range blocks {
		n := blockTextLen(b)
		if len(cur) > 0 && (len(cur)+1 >= MaxBlocks || size+n > BlockTextBudget-threadReserve) {
			pages, cur, size = append(pages, cur), nil, 0
		}
		cur, size = append(cur, b), size+n
	}
	return append(pages, cur)
}

// blockTextLen counts the characters of the text blocks this file makes.
func blockTextLen(b slack.Block) int {
	switch b := b.(type) {
	case *slack.SectionBlock:
		if b.Text != nil {
			return utf8.RuneCountInString(b.Text.Text)
		}
	case *slack.ContextBlock:
		n := 0
		for _, e := range b.ContextElements.Elements {
			if t, ok := e.(*slack.TextBlockObject); ok {
				n += utf8.RuneCountInString(t.Text)
			}
		}
		return n
	}
	return 0
}

// threadHeading says what kind of message it is and from whom.
func threadHeading(m *affaldsbot.Message, l *labels) string {
	parts := []string{kindLabel(m.Kind, l)}
	if slackUserID.MatchString(m.Author) {
		parts = append(parts, "<@"+m.Author+">")
	}
	if m.Kind == affaldsbot.MessageInbound || m.Kind == affaldsbot.MessageIgnored {
		if from := EscapeLine(m.FromAddr); from != "" {
			parts = append(parts, Truncate(from, FieldChars, "…"))
		}
	}
	if s := EscapeLine(m.Subject); s != "" {
		parts = append(parts, "*"+Truncate(s, FieldChars, "…")+"*")
	}
	if r := EscapeLine(m.Reason); r != "" && m.Kind == affaldsbot.MessageIgnored {
		parts = append(parts, l.ignored+": "+Truncate(r, FieldChars, "…"))
	}
	return strings.Join(parts, " · ")
}

func kindLabel(k affaldsbot.MessageKind, l *labels) string {
	if s, ok := l.kind[k]; ok {
		return s
	}
	return EscapeLine(string(k))
}
