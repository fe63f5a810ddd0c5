package terminal

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/google/go-cmp/cmp"
)

func TestEnquiryArg(t *testing.T) {
	for _, tc := range []struct {
		in   string
		id   int64
		rest string
		bad  bool
	}{
		{in: "3", id: 3},
		{in: "#12 Tak for din mail", id: 12, rest: "Tak for din mail"},
		{in: "x 1", bad: true},
		{in: "0", bad: true},
		{in: "", bad: true},
	} {
		id, rest, err := EnquiryArg(tc.in, "claim N")
		if (err != nil) != tc.bad || id != tc.id || rest != tc.rest {
			t.Errorf("EnquiryArg(%q) = %d, %q, %v", tc.in, id, rest, err)
		}
	}
}

func TestSurfacePrintsRootUpdatesAndThread(t *testing.T) {
	var out bytes.Buffer
	c := New(Options{Out: &out, User: "U1", Names: map[string]string{"U1": "Ida"}})
	ctx := context.Background()
	deadline := time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC)
	e := &affaldsbot.Enquiry{ID: 3, Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicSortering,
		Subject: "Pizzabakker med fedt", CitizenName: "Jens Hansen", CitizenEmail: "jens@example.dk", DeadlineAt: &deadline}
	ts, _ := c.PostRoot(ctx, "C", handlers.RootView{Enquiry: e, Preview: "Hej,\nhvor skal den hen?"})
	c.UpdateRoot(ctx, "C", ts, handlers.RootView{Enquiry: e}) // unchanged: nothing shown
	claimed := *e
	claimed.Status, claimed.Holder = affaldsbot.StatusClaimed, "U1"
	c.UpdateRoot(ctx, "C", ts, handlers.RootView{Enquiry: &claimed})
	m := &affaldsbot.Message{ID: 7, Kind: affaldsbot.MessageNote, Author: "U1", Body: "Ring til ham <@U1>"}
	c.PostThread(ctx, "C", ts, m, []affaldsbot.Attachment{{Filename: "a.png", ContentType: "image/png", Size: 2048}})
	c.PostNotice(ctx, "C", ts, "*Svaret* er sendt af <@U1>")
	if got, ok, _ := c.FindThread(ctx, "C", ts, 7); !ok || got == "" {
		t.Errorf("FindThread did not find the posted note")
	}
	want := "📧 #3 Pizzabakker med fedt — Jens Hansen <jens@example.dk> — Ny\n" +
		"      Sortering · svarfrist 10. dec. 2026 · “Hej, hvor skal den hen?”\n" +
		"🔄 #3 Pizzabakker med fedt — Taget · hos Ida\n" +
		"   #3 📝 Note fra Ida:\n" +
		"   #3 │   Ring til ham <@U1>\n" +
		"   #3 📎 Vedhæftet: a.png (image/png, 2 KB)\n" +
		"   #3 ℹ️ Svaret er sendt af Ida\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestDraftReadyIsOfferedForUse(t *testing.T) {
	var out bytes.Buffer
	c := New(Options{Out: &out, Lang: "en"})
	ctx := context.Background()
	c.UpdateDraft(ctx, "C", "1.1", handlers.DraftView{DraftID: 4, Number: 2, EnquiryID: 3, State: handlers.DraftReady, FromGuidance: true,
		Text: "Restaffald.", Sources: []handlers.DraftSource{{Title: "Pizzabakker", URL: "https://affald.kk.dk"}}})
	if id, ok := c.latestDraft(3); !ok || id != 4 {
		t.Fatalf("latestDraft(3) = %d, %v; want draft 4", id, ok)
	}
	c.UpdateDraft(ctx, "C", "1.1", handlers.DraftView{DraftID: 4, Number: 2, EnquiryID: 3, State: handlers.DraftStale})
	if _, ok := c.latestDraft(3); ok {
		t.Error("a stale draft is still offered for use")
	}
	want := "   #3 ✏️ Draft 2 (from the guidance):\n   #3 │   Restaffald.\n   #3    Source: Pizzabakker https://affald.kk.dk\n" +
		"   #3 → \"use 3\" sends the draft as the reply; \"reply 3 TEXT\" writes your own.\n" +
		"   #3 ✏️ Draft 2 is stale: the citizen wrote again.\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}
