package terminal

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// danishWords are words of the terminal's Danish texts that English never
// uses; any of them in an English session is a text left untranslated.
var danishWords = regexp.MustCompile(`(?i)\b(ny|nye|taget|besvaret|lukket|hos|svarfrist|skrev|svar|til|af|udkast|kilde|vedhæftet|` +
	`kommandoer|ukendt|brug|farvel|henvendelse|henvendelser|tråden|dagens|overblik|oversigt|og|er|ikke|med|fra|på|` +
	`den|det|dig|kun|sendes|fejlede|slettet|borgeren|tekst|skriv|periode|eksport|sidste|måned|opkald|emne|ingen)\b`)

var danishLetters = regexp.MustCompile(`[æøåÆØÅ]`)

// TestEnglishSessionHasNoDanish shows every kind of thing the terminal
// prints, with BOT_LANG=en and English content, and finds no Danish letter
// and no Danish word in it.
func TestEnglishSessionHasNoDanish(t *testing.T) {
	var out bytes.Buffer
	c := New(Options{Out: &out, Lang: "en", User: "U1", Names: map[string]string{"U1": "Ida"}})
	ctx := context.Background()
	deadline := time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC)
	e := &affaldsbot.Enquiry{ID: 3, Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicStortIndbo,
		Subject: "Old sofa", CitizenName: "Jane Doe", CitizenEmail: "jane@example.com", DeadlineAt: &deadline, ReceivedAt: deadline}
	root, _ := c.PostRoot(ctx, "C", handlers.RootView{Enquiry: e, Preview: "Where does my old sofa go?"})
	for _, status := range []affaldsbot.Status{affaldsbot.StatusClaimed, affaldsbot.StatusAnswered, affaldsbot.StatusClosed} {
		next := *e
		next.Status, next.Holder = status, "U1"
		c.UpdateRoot(ctx, "C", root, handlers.RootView{Enquiry: &next})
	}
	for i, kind := range []affaldsbot.MessageKind{affaldsbot.MessageInbound, affaldsbot.MessageOutbound, affaldsbot.MessageNote,
		affaldsbot.MessageCallLog, affaldsbot.MessageIgnored} {
		m := &affaldsbot.Message{ID: int64(i + 1), Kind: kind, FromAddr: "jane@example.com", ToAddr: "jane@example.com",
			Author: "U1", Reason: "auto-reply", Body: strings.Repeat("Line\n", 30)}
		c.PostThread(ctx, "C", root, m, []affaldsbot.Attachment{{Filename: "sofa.jpg", ContentType: "image/jpeg", Size: 4096}})
	}
	c.PostDraft(ctx, "C", root, handlers.DraftView{DraftID: 1, Number: 1, EnquiryID: 3})
	for _, v := range []handlers.DraftView{
		{State: handlers.DraftReady, FromGuidance: true, Text: "Bulky waste is collected.", Sources: []handlers.DraftSource{{Title: "Bulky", URL: "https://kk.dk"}}},
		{State: handlers.DraftReady, Text: "Book a pick-up."},
		{State: handlers.DraftStale}, {State: handlers.DraftDiscarded}, {State: handlers.DraftFailed, Error: "timeout"},
	} {
		v.DraftID, v.Number, v.EnquiryID = 1, 1, 3
		c.UpdateDraft(ctx, "C", root, v)
	}
	c.PostReplyFailed(ctx, "C", root, handlers.FailedReply{MessageID: 2, Enquiry: "#3", To: "jane@example.com", Reason: "mailbox full", Lang: "en"})
	c.PostRating(ctx, "C", root, handlers.RatingView{NoticeID: 5, Enquiry: "#3", Rating: 4, Lang: "en"})
	c.PublishHome(ctx, "U1", &handlers.Home{Adviser: true, Queue: []*affaldsbot.Enquiry{e}})
	c.PostDigest(ctx, "C", &handlers.Digest{Day: workcal.Date{Year: 2026, Month: 12, Day: 3}, Since: workcal.Date{Year: 2026, Month: 12, Day: 2},
		Lang: "en", Due: []storage.DeadlineItem{{EnquiryID: 3, Subject: "Old sofa", Holder: "U1", DeadlineAt: deadline}}})
	c.EraseThread(ctx, "C", root)
	for _, line := range []string{"help", "frobnicate 3", "claim x", "show"} {
		if err := c.Exec(ctx, line); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	text := out.String()
	if len(strings.Split(text, "\n")) < 60 {
		t.Fatalf("the session printed too little to judge:\n%s", text)
	}
	for i, line := range strings.Split(text, "\n") {
		if l := danishLetters.FindString(line); l != "" {
			t.Errorf("line %d has the Danish letter %q: %s", i+1, l, line)
		} else if w := danishWords.FindString(line); w != "" {
			t.Errorf("line %d has the Danish word %q: %s", i+1, w, line)
		}
	}
}
