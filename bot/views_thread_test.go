package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

func TestThreadGolden(t *testing.T) {
	msgs := map[string]*affaldsbot.Message{
		"thread_inbound_da": {
			Kind: affaldsbot.MessageInbound, FromAddr: "jens@example.dk", Subject: "Sv: Afhentning af sofa",
			Body: "Tak for svaret.\n\nFredag passer fint.", Quoted: "> Den 26. nov. skrev Affald:\n> ...",
		},
		"thread_note_en": {Kind: affaldsbot.MessageNote, Author: "U0000ADV1", Body: "Ringet op, aftalt fredag."},
		"thread_ignored_da": {
			Kind: affaldsbot.MessageIgnored, FromAddr: "mailer-daemon@example.dk", Reason: "auto-submitted", Body: "",
		},
	}
	for name, m := range msgs {
		t.Run(name, func(t *testing.T) {
			lang := LangDanish
			if strings.HasSuffix(name, "_en") {
				lang = LangEnglish
			}
			pages := ThreadMessageBlocks(m, lang)
			for _, p := range pages {
				checkLimits(t, name, p)
			}
			golden(t, name, map[string]any{"text": ThreadMessageFallback(m, lang), "messages": pages})
		})
	}
}

func TestLongMessageIsSplitAcrossMessages(t *testing.T) {
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "Afsnit %d: %s\n\n", i, strings.Repeat("ord ", 60))
	}
	m := &affaldsbot.Message{Kind: affaldsbot.MessageInbound, Body: b.String(), Quoted: "quoted"}
	pages := ThreadMessageBlocks(m, LangDanish)
	if len(pages) < 2 {
		t.Fatalf("%d characters in %d message(s), want several", b.Len(), len(pages))
	}
	var text strings.Builder
	for i, p := range pages {
		checkLimits(t, fmt.Sprintf("page %d", i+1), p)
		heading := p[0].(*slack.ContextBlock).ContextElements.Elements[0].(*slack.TextBlockObject).Text
		if want := fmt.Sprintf("fortsat %d/%d", i+1, len(pages)); !strings.HasSuffix(heading, want) {
			t.Errorf("page %d heading %q does not end in %q", i+1, heading, want)
		}
		for _, blk := range p[1:] {
			if s, ok := blk.(*slack.SectionBlock); ok {
				text.WriteString(s.Text.Text)
			}
		}
	}
	if strip(text.String()) != strip(b.String()) {
		t.Errorf("the pages together do not hold the whole text")
	}
}

func TestViewsArePostedByTheFakeSlack(t *testing.T) {
	srv := slacktest.New(slacktest.Options{PostsPerSecond: -1})
	defer srv.Close()
	api := slack.New("xoxb-test", slack.OptionAPIURL(srv.APIURL()))
	ctx := context.Background()
	e := mailEnquiry()
	e.Subject = strings.Repeat("<!here> lang emne ", 600)
	body := strings.Repeat("Lang & tung tekst <med> tegn. ", 4000)
	blocks, fallback := RootBlocks(handlers.RootView{Enquiry: e, Preview: body}, "", time.UTC)
	_, ts, err := api.PostMessageContext(ctx, "C0000TEST", slack.MsgOptionBlocks(blocks...),
		slack.MsgOptionText(fallback, false), slack.MsgOptionMetadata(EnquiryMetadata(e.ID)))
	if err != nil {
		t.Fatalf("post root: %v", err)
	}
	e.Status = affaldsbot.StatusClosed
	blocks, fallback = RootBlocks(handlers.RootView{Enquiry: e, Preview: body}, "", time.UTC)
	if _, _, _, err := api.UpdateMessageContext(ctx, "C0000TEST", ts, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(fallback, false)); err != nil {
		t.Fatalf("update root: %v", err)
	}
	m := &affaldsbot.Message{Kind: affaldsbot.MessageInbound, Body: body}
	pages := ThreadMessageBlocks(m, LangDanish)
	for i, p := range pages {
		if _, _, err := api.PostMessageContext(ctx, "C0000TEST", slack.MsgOptionTS(ts), slack.MsgOptionBlocks(p...),
			slack.MsgOptionText(ThreadMessageFallback(m, LangDanish), false)); err != nil {
			t.Fatalf("post page %d of %d: %v", i+1, len(pages), err)
		}
	}
	if got := len(srv.Thread("C0000TEST", ts)); got != 1+len(pages) {
		t.Errorf("thread has %d messages, want root and %d pages", got, len(pages))
	}
}
