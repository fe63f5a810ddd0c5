package terminal

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// TestSurfaceShowsRatingsFailuresHomesAndErasures: a rating is shown once
// and found again on a retry; a failed reply shows its reason; a home shows
// its counts; erasing a thread forgets the bot's posts in it, so a retry
// finds none of them.
func TestSurfaceShowsRatingsFailuresHomesAndErasures(t *testing.T) {
	var out bytes.Buffer
	var s handlers.ChatSurface = New(Options{Out: &out, Lang: "en", Names: map[string]string{"U1": "Ida"}})
	ctx := context.Background()
	e := &affaldsbot.Enquiry{ID: 7, Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Subject: "Pap",
		CitizenEmail: "jens@example.dk", ReceivedAt: time.Now()}
	root, err := s.PostRoot(ctx, "C", handlers.RootView{Enquiry: e})
	if err != nil {
		t.Fatal(err)
	}
	m := &affaldsbot.Message{ID: 1, EnquiryID: &e.ID, Kind: affaldsbot.MessageInbound, FromAddr: e.CitizenEmail, Body: "Hej", ReceivedAt: time.Now()}
	if _, err := s.PostThread(ctx, "C", root, m, nil); err != nil {
		t.Fatal(err)
	}
	if _, found, err := s.FindRating(ctx, "C", root, 5); err != nil || found {
		t.Fatalf("a rating never posted was found: %v, %v", found, err)
	}
	ts, err := s.PostRating(ctx, "C", root, handlers.RatingView{NoticeID: 5, Enquiry: "#7", Rating: 4, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if got, found, err := s.FindRating(ctx, "C", root, 5); err != nil || !found || got != ts {
		t.Fatalf("FindRating = %q, %v, %v; want %q", got, found, err, ts)
	}
	f := handlers.FailedReply{MessageID: 2, Enquiry: "#7", To: "jens@example.dk", Reason: "mailbox full", Lang: "en"}
	if err := s.PostReplyFailed(ctx, "C", root, f); err != nil {
		t.Fatal(err)
	}
	if err := s.PublishHome(ctx, "U1", &handlers.Home{Adviser: true, Queue: []*affaldsbot.Enquiry{e}}); err != nil {
		t.Fatal(err)
	}
	res, err := s.EraseThread(ctx, "C", root)
	if err != nil || res.Messages != 2 {
		t.Fatalf("EraseThread = %+v, %v; want the item and the rating", res, err)
	}
	if _, found, _ := s.FindThread(ctx, "C", root, m.ID); found {
		t.Error("an erased item is still found")
	}
	if _, found, _ := s.FindRating(ctx, "C", root, 5); found {
		t.Error("an erased rating is still found")
	}
	text := out.String()
	for _, want := range []string{"mailbox full", "Overview for Ida: 0 with you, 1 new", "2 posts in the thread of #7 are erased"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

// TestRootDrawnByTheOptionsRoot: a chat given a Root shows new enquiries as
// Root draws them, with the chat's own names, citizens, statuses and dates,
// and everything else as before.
func TestRootDrawnByTheOptionsRoot(t *testing.T) {
	var out bytes.Buffer
	root := func(v handlers.RootView, f Format) []string {
		e := v.Enquiry
		return []string{"CARD " + e.Ref(), f.Citizen(e), f.Status(e.Status), f.Name(e.Holder), f.Date(*e.DeadlineAt)}
	}
	c := New(Options{Out: &out, Lang: "en", Names: map[string]string{"U1": "Ida"}, Root: root})
	due := time.Date(2026, 12, 17, 12, 0, 0, 0, time.UTC)
	e := &affaldsbot.Enquiry{ID: 7, Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusClaimed, Holder: "U1", Subject: "Pap",
		CitizenName: "Jens", CitizenEmail: "jens@example.dk", DeadlineAt: &due, ReceivedAt: time.Now()}
	if _, err := c.PostRoot(context.Background(), "C", handlers.RootView{Enquiry: e}); err != nil {
		t.Fatal(err)
	}
	want := "CARD #7\nJens <jens@example.dk>\nClaimed\nIda\n17 Dec 2026\n"
	if out.String() != want {
		t.Errorf("root shown as\n%s\nwant\n%s", out.String(), want)
	}
	e.Status = affaldsbot.StatusAnswered
	if err := c.UpdateRoot(context.Background(), "C", "", handlers.RootView{Enquiry: e}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "🔄 #7 Pap — Answered") {
		t.Errorf("the update is not the usual one-line change:\n%s", out.String())
	}
}
