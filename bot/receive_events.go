package bot

import (
	"context"
	"html"
	"regexp"
	"strings"

	"github.com/slack-go/slack/slackevents"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// event takes one Events API event; the work runs after the acknowledgement.
// delivery names the Socket Mode envelope it came in (nil over HTTP).
func (r *Receiver) event(ev *slackevents.EventsAPIEvent, delivery handlers.Origin) {
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		r.threadMessage(e, delivery.With(handlers.EventOrigin(eventID(ev))))
	case *slackevents.AppMentionEvent:
		if e.BotID == "" && e.User != "" {
			r.later("mention", func(ctx context.Context) error {
				return r.answer(ctx, e.User, e.Channel, "", stripMentions(e.Text))
			})
		}
	case *slackevents.AppHomeOpenedEvent:
		if e.Tab == "" || e.Tab == "home" {
			r.later("home", func(ctx context.Context) error { return r.publishHome(ctx, e.User) })
		}
	}
}

// threadMessage passes a person's new message in a thread to the handlers;
// bot messages, edits, deletions and other subtypes are not theirs to see.
func (r *Receiver) threadMessage(e *slackevents.MessageEvent, origin handlers.Origin) {
	if e.SubType != "" || e.BotID != "" || e.User == "" || e.ThreadTimeStamp == "" || e.ThreadTimeStamp == e.TimeStamp {
		return
	}
	p := handlers.ThreadPost{Channel: e.Channel, ThreadTS: e.ThreadTimeStamp, TS: e.TimeStamp, User: e.User,
		Text: PlainText(e.Text), Origin: origin}
	r.later("thread message", func(ctx context.Context) error {
		return r.tell(ctx, p.Channel, p.User, r.h.ThreadMessage(ctx, p))
	})
}

var (
	mentionRE = regexp.MustCompile(`<[@#!][^>]*>`)
	linkRE    = regexp.MustCompile(`<((?:https?|mailto|tel):[^|>]*)(?:\|([^>]*))?>`)
)

func stripMentions(text string) string {
	return strings.TrimSpace(mentionRE.ReplaceAllString(text, " "))
}

// PlainText turns a message as Slack sends it into the text its writer typed:
// links unwrapped, mrkdwn entities decoded.
func PlainText(text string) string {
	text = linkRE.ReplaceAllStringFunc(text, func(m string) string {
		g := linkRE.FindStringSubmatch(m)
		target, label := g[1], g[2]
		switch {
		case strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "tel:"):
			return label
		case label == "" || label == target:
			return target
		}
		return label + " (" + target + ")"
	})
	return html.UnescapeString(text)
}
