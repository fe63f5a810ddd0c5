package teams_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/teamstest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/teams"
)

const channel = "19:enquiries@thread.tacv2"

func newSurface(t *testing.T) (*teams.Surface, *teamstest.Server) {
	t.Helper()
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password, Tenant: "tenant-1"})
	t.Cleanup(fake.Close)
	return surfaceOn(t, fake, teams.NewMemoryPosts()), fake
}

// surfaceOn is a surface posting to fake that keeps its records in posts.
func surfaceOn(t *testing.T, fake *teamstest.Server, posts teams.Posts) *teams.Surface {
	t.Helper()
	c := teams.NewClient(context.Background(), teams.ClientConfig{AppID: appID, AppPassword: password,
		TenantID: "tenant-1", TokenURL: fake.TokenURL("tenant-1")})
	s, err := teams.NewSurface(teams.SurfaceConfig{Connector: c, AppID: appID, TenantID: "tenant-1",
		ServiceURL: fake.ServiceURL(), Lang: "en", Posts: posts})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func enquiry(id int64, st affaldsbot.Status) *affaldsbot.Enquiry {
	return &affaldsbot.Enquiry{ID: id, Subject: "Pizza *boxes* [x](https://evil.example)", Status: st,
		CitizenName: "Jens <b>Hansen</b>", CitizenEmail: "jens@example.dk", Channel: affaldsbot.ChannelMail}
}

// texts are the text runs of a recorded card activity, joined.
func texts(t *testing.T, r teamstest.Recorded) string {
	t.Helper()
	var a struct {
		Attachments []struct {
			Content struct {
				Body []struct {
					Type    string
					Inlines []struct{ Type, Text string }
				}
			}
		}
	}
	if err := json.Unmarshal(r.Raw, &a); err != nil || len(a.Attachments) != 1 {
		t.Fatalf("activity %s is not one card: %v", r.Raw, err)
	}
	var b strings.Builder
	for _, blk := range a.Attachments[0].Content.Body {
		if blk.Type != "RichTextBlock" {
			t.Errorf("block %s: citizen text must be in plain text runs", blk.Type)
		}
		for _, in := range blk.Inlines {
			b.WriteString(in.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestSurfaceRootAndReplyChain(t *testing.T) {
	s, fake := newSurface(t)
	ctx := context.Background()
	e := enquiry(42, affaldsbot.StatusNew)
	root, err := s.PostRoot(ctx, channel, handlers.RootView{Enquiry: e, Preview: "Hej **der**"})
	if err != nil {
		t.Fatal(err)
	}
	if got, ok, err := s.FindRoot(ctx, channel, 42, time.Time{}); err != nil || !ok || got != root {
		t.Errorf("FindRoot = %q, %v, %v; want %q", got, ok, err, root)
	}
	m := &affaldsbot.Message{ID: 7, Kind: affaldsbot.MessageInbound, FromAddr: "jens@example.dk", Body: "Må *pizzabakker* i <pap>?"}
	item, err := s.PostThread(ctx, channel, root, m, []affaldsbot.Attachment{{Filename: "foto.jpg", ContentType: "image/jpeg", Size: 1234}})
	if err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := s.FindThread(ctx, channel, root, 7); !ok || got != item {
		t.Errorf("FindThread = %q, %v; want %q", got, ok, item)
	}
	e.Status, e.Holder = affaldsbot.StatusClaimed, "aad-mette"
	if err := s.UpdateRoot(ctx, channel, root, handlers.RootView{Enquiry: e}); err != nil {
		t.Fatal(err)
	}
	thread := fake.Live(teams.ThreadConversation(channel, root))
	if len(thread) != 1 || !strings.Contains(texts(t, thread[0]), "Må *pizzabakker* i <pap>?") || !strings.Contains(texts(t, thread[0]), "foto.jpg") {
		t.Fatalf("reply chain %+v; want the citizen's text as written and the attachment's name", thread)
	}
	live := fake.Live(channel)
	if len(live) != 1 || live[0].Method != http.MethodPut || !strings.Contains(string(live[0].Raw), `"verb":"release"`) {
		t.Errorf("channel %+v; want the root card updated with a release button", live)
	}
	sch := cardSchema(t)
	for _, r := range append(thread, live...) {
		var a struct{ Attachments []struct{ Content any } }
		if err := json.Unmarshal(r.Raw, &a); err != nil {
			t.Fatal(err)
		}
		if err := validateCard(sch, a.Attachments[0].Content); err != nil {
			t.Errorf("card %s: %v", r.Raw, err)
		}
	}
}

func TestSurfaceSplitsALongTextIntoPostsTeamsAccepts(t *testing.T) {
	s, fake := newSurface(t)
	ctx := context.Background()
	root, err := s.PostRoot(ctx, channel, handlers.RootView{Enquiry: enquiry(1, affaldsbot.StatusNew)})
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("Låget & <bakken> \"skal\" i restaffald.\n", 3000) // about 120 KB, a third escaped
	if _, err := s.PostThread(ctx, channel, root, &affaldsbot.Message{ID: 2, Kind: affaldsbot.MessageInbound, Body: body}, nil); err != nil {
		t.Fatal(err)
	}
	thread := fake.Live(teams.ThreadConversation(channel, root))
	if len(thread) < 8 {
		t.Fatalf("%d posts; want the text in pieces of at most %d bytes of JSON", len(thread), teams.MaxPieceBytes)
	}
	var got strings.Builder
	for _, r := range thread {
		lines := strings.SplitN(texts(t, r), "\n", 2)
		got.WriteString(strings.TrimSuffix(lines[1], "\n"))
	}
	if strings.ReplaceAll(got.String(), "\n", "") != strings.ReplaceAll(body, "\n", "") {
		t.Error("the pieces put together are not the text")
	}
}

func TestSplitText(t *testing.T) {
	for _, tc := range []struct {
		text string
		max  int
		want []string
	}{
		{"", 10, []string{""}},
		{"abc", 10, []string{"abc"}},
		{"aaaa bbbb cccc", 10, []string{"aaaa bbbb ", "cccc"}},
		{"aaaa bbbb cccc", 9, []string{"aaaa ", "bbbb cccc"}},
		{"<<<<", 12, []string{"<<", "<<"}}, // each < is \u003c in JSON
		{"ææææ", 4, []string{"ææ", "ææ"}},  // never inside a character
	} {
		if got := teams.SplitText(tc.text, tc.max); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("SplitText(%q, %d) = %q, want %q", tc.text, tc.max, got, tc.want)
		}
	}
}

func TestSurfaceEphemeralAndHomeGoToThePersonalChat(t *testing.T) {
	s, fake := newSurface(t)
	ctx := context.Background()
	if err := s.Ephemeral(ctx, channel, "aad-mette", "Only advisers can do that."); err != nil {
		t.Fatal(err)
	}
	h := &handlers.Home{Adviser: true, Mine: []*affaldsbot.Enquiry{enquiry(3, affaldsbot.StatusClaimed)}}
	for range 2 {
		if err := s.PublishHome(ctx, "aad-mette", h); err != nil {
			t.Fatal(err)
		}
	}
	h.Mine = nil
	if err := s.PublishHome(ctx, "aad-mette", h); err != nil {
		t.Fatal(err)
	}
	chat, ok := fake.PersonalChat("aad-mette")
	if !ok {
		t.Fatal("no personal chat started")
	}
	if n := len(fake.Live(channel)); n != 0 {
		t.Errorf("%d posts in the channel; an ephemeral text must not go there", n)
	}
	live := fake.Live(chat)
	if len(live) != 2 || !strings.Contains(texts(t, live[0]), "Only advisers") || !strings.Contains(texts(t, live[1]), "Yours (0)") {
		t.Errorf("personal chat %+v; want the text and one overview, updated to the latest", live)
	}
	if n := len(fake.Activities()); n != 3 {
		t.Errorf("%d calls; want 3 (text, home, one update; the unchanged home not sent again)", n)
	}
}

func TestSurfaceEraseThreadDeletesTheBotsPosts(t *testing.T) {
	s, fake := newSurface(t)
	ctx := context.Background()
	root, err := s.PostRoot(ctx, channel, handlers.RootView{Enquiry: enquiry(5, affaldsbot.StatusNew)})
	if err != nil {
		t.Fatal(err)
	}
	for i := int64(1); i <= 3; i++ {
		if _, err := s.PostThread(ctx, channel, root, &affaldsbot.Message{ID: i, Kind: affaldsbot.MessageNote, Body: "note"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PostNotice(ctx, channel, root, "notice"); err != nil {
		t.Fatal(err)
	}
	res, err := s.EraseThread(ctx, channel, root)
	if err != nil || res.Messages != 4 || len(res.Failed) != 0 {
		t.Fatalf("EraseThread = %+v, %v; want 4 deleted", res, err)
	}
	if n := len(fake.Live(teams.ThreadConversation(channel, root))); n != 0 {
		t.Errorf("%d posts left in the reply chain", n)
	}
	if len(fake.Live(channel)) != 1 {
		t.Error("the root card must stay")
	}
	if _, ok, _ := s.FindThread(ctx, channel, root, 1); ok {
		t.Error("an erased post is still found")
	}
}

func TestSurfaceUpdatesADraftInItsReplyChain(t *testing.T) {
	s, fake := newSurface(t)
	ctx := context.Background()
	root, err := s.PostRoot(ctx, channel, handlers.RootView{Enquiry: enquiry(6, affaldsbot.StatusNew)})
	if err != nil {
		t.Fatal(err)
	}
	d := handlers.DraftView{DraftID: 1, Number: 1, EnquiryID: 6, State: handlers.DraftStreaming}
	id, err := s.PostDraft(ctx, channel, root, d)
	if err != nil {
		t.Fatal(err)
	}
	d.State, d.Text = handlers.DraftReady, "Kære Jens"
	if err := s.UpdateDraft(ctx, channel, id, d); err != nil {
		t.Fatal(err)
	}
	live := fake.Live(teams.ThreadConversation(channel, root))
	if len(live) != 1 || !strings.Contains(texts(t, live[0]), "Kære Jens") || !strings.Contains(string(live[0].Raw), `"task/fetch"`) {
		t.Errorf("reply chain %+v; want the ready draft with the button that opens the reply dialog", live)
	}
}

// TestSurfaceFindsAndErasesAfterARestart: with the records in the database,
// a new process finds the posts of the one before and deletes them.
func TestSurfaceFindsAndErasesAfterARestart(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password, Tenant: "tenant-1"})
		t.Cleanup(fake.Close)
		before := surfaceOn(t, fake, db.TeamsPosts())
		root, err := before.PostRoot(ctx, channel, handlers.RootView{Enquiry: enquiry(8, affaldsbot.StatusNew)})
		if err != nil {
			t.Fatal(err)
		}
		item, err := before.PostThread(ctx, channel, root, &affaldsbot.Message{ID: 9, Kind: affaldsbot.MessageInbound, Body: "Hej"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		after := surfaceOn(t, fake, db.TeamsPosts())
		if got, ok, err := after.FindRoot(ctx, channel, 8, time.Time{}); err != nil || !ok || got != root {
			t.Errorf("FindRoot after a restart = %q, %v, %v; want %q", got, ok, err, root)
		}
		if got, ok, err := after.FindThread(ctx, channel, root, 9); err != nil || !ok || got != item {
			t.Errorf("FindThread after a restart = %q, %v, %v; want %q", got, ok, err, item)
		}
		if err := before.PostMarkedNotice(ctx, channel, root, "callback-confirmed:3", "Bekræftet"); err != nil {
			t.Fatal(err)
		}
		for mark, want := range map[string]bool{"callback-confirmed:3": true, "callback-confirmed:4": false, "": false} {
			if found, err := after.FindNotice(ctx, channel, root, mark); err != nil || found != want {
				t.Errorf("FindNotice(%q) after a restart = %v, %v; want %v", mark, found, err, want)
			}
		}
		if res, err := after.EraseThread(ctx, channel, root); err != nil || res.Messages != 2 {
			t.Errorf("EraseThread after a restart = %+v, %v; want the two posts deleted", res, err)
		}
		if n := len(fake.Live(teams.ThreadConversation(channel, root))); n != 0 {
			t.Errorf("%d posts left in the reply chain", n)
		}
	})
}
