package handlers_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

const adviserWords = "Jeg ringer til Jens Hansen om hans gammel sofa"

// slackWorld is gdprWorld shown in the fake Slack: every enquiry synced,
// and an adviser's own message in the first thread of Jens.
func slackWorld(t *testing.T, db *storage.DB) (*actEnv, *slacktest.Server, []storage.SlackRef) {
	t.Helper()
	env := newActEnv(t, db)
	srv := slacktest.New(slacktest.Options{PostsPerSecond: -1})
	t.Cleanup(srv.Close)
	env.svc.Slack = bot.New(bot.Options{BotToken: "xoxb-test", APIURL: srv.APIURL(), Lang: "en"})
	mailID, _ := gdprWorld(t, env)
	ctx := context.Background()
	es, err := db.ListEnquiries(ctx, storage.EnquiryFilter{})
	if err != nil || len(es) < 3 {
		t.Fatalf("enquiries = %d, %v", len(es), err)
	}
	var refs []storage.SlackRef
	for _, e := range es {
		if err := env.svc.SyncSlack(ctx, handlers.SyncSlackArgs{EnquiryID: e.ID}); err != nil {
			t.Fatal(err)
		}
		ref, _, err := db.SlackRef(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ref.Channel != "CENQ" || ref.RootTS == "" {
			t.Fatalf("enquiry %d shown in %+v", e.ID, ref)
		}
		refs = append(refs, ref)
		if e.ID == mailID {
			srv.PostAs("UADV1", ref.Channel, ref.RootTS, adviserWords)
		}
	}
	if !strings.Contains(slackText(srv), "gammel sofa") || len(srv.Files()) == 0 {
		t.Fatal("the citizen's mail and attachment are not in Slack before the erase")
	}
	env.jobs.Take()
	return env, srv, refs
}

// runJobs works off the jobs enqueued, as the queue would.
func runJobs(t *testing.T, env *actEnv) {
	t.Helper()
	ctx := context.Background()
	for _, j := range env.jobs.Take() {
		var err error
		switch a := j.(type) {
		case handlers.UpdateRootArgs:
			err = env.svc.UpdateRoot(ctx, a)
		case handlers.EraseSlackArgs:
			err = env.svc.EraseSlack(ctx, a)
		}
		if err != nil {
			t.Fatalf("%s: %v", j.Kind(), err)
		}
	}
}

// channels are where the enquiries of slackWorld are shown.
var channels = []string{"CENQ"}

// slackText is every text, block and file name left in the fake Slack.
func slackText(srv *slacktest.Server) string {
	var b strings.Builder
	for _, ch := range channels {
		for _, m := range srv.Messages(ch) {
			b.WriteString(m.Text + string(m.Blocks))
			for _, f := range m.Files {
				b.WriteString(f.Name + f.Title)
			}
		}
	}
	for _, f := range srv.Files() {
		b.WriteString(f.Name + string(f.Content))
	}
	return b.String()
}

// threadAfterErase checks a thread holds its root and people's messages only.
func threadAfterErase(t *testing.T, srv *slacktest.Server, ref storage.SlackRef) {
	t.Helper()
	thread := srv.Thread(ref.Channel, ref.RootTS)
	if len(thread) == 0 {
		t.Fatalf("root of enquiry %d is gone", ref.EnquiryID)
	}
	for _, m := range thread[1:] {
		if m.User == "" {
			t.Errorf("enquiry %d: a bot message is left in the thread: %q %s", ref.EnquiryID, m.Text, m.Blocks)
		}
	}
}

func TestGDPREraseDeletesTheBotsPostsInSlack(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env, srv, refs := slackWorld(t, db)
		erase(t, env, db, handlers.Citizen{Email: "jens.hansen@example.dk"})
		erase(t, env, db, handlers.Citizen{Phone: "22334455"})
		runJobs(t, env)
		kept := 0
		var erased []storage.SlackRef
		for _, ref := range refs {
			thread := srv.Thread(ref.Channel, ref.RootTS)
			if strings.Contains(thread[0].Text+string(thread[0].Blocks), "Hvor skal glas hen") {
				kept += len(thread) - 1 // Anna's enquiry
				continue
			}
			erased = append(erased, ref)
			threadAfterErase(t, srv, ref)
		}
		if kept == 0 {
			t.Error("another citizen's thread lost its messages")
		}
		assertNoTraces(t, srv, jensTraces)
		eraseAgain(t, env, srv, erased)
	})
}

// assertNoTraces checks none of traces is left but in the adviser's words.
func assertNoTraces(t *testing.T, srv *slacktest.Server, traces []string) {
	t.Helper()
	text := strings.ReplaceAll(slackText(srv), adviserWords, "")
	for _, trace := range traces {
		if strings.Contains(text, trace) {
			t.Errorf("%q is left in Slack", trace)
		}
	}
	if files := srv.Files(); len(files) != 0 {
		t.Errorf("files left in Slack: %+v", files)
	}
	if !strings.Contains(slackText(srv), adviserWords) {
		t.Error("the adviser's own message was deleted")
	}
}

// eraseAgain runs the job a second time: nothing changes, nothing fails.
func eraseAgain(t *testing.T, env *actEnv, srv *slacktest.Server, refs []storage.SlackRef) {
	t.Helper()
	before := slackText(srv)
	deletes := srv.Calls("chat.delete")
	for _, ref := range refs {
		if err := env.svc.EraseSlack(context.Background(), handlers.EraseSlackArgs{EnquiryID: ref.EnquiryID}); err != nil {
			t.Fatalf("second run: %v", err)
		}
	}
	if after := slackText(srv); after != before || srv.Calls("chat.delete") != deletes {
		t.Error("a second run changed Slack")
	}
}

func TestRetentionDeletesTheBotsPostsInSlack(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env, srv, refs := slackWorld(t, db)
		ctx := context.Background()
		db.SetClock(func() time.Time { return time.Date(2026, 12, 20, 3, 0, 0, 0, time.UTC) })
		env.unscrubbed = !storagetest.Scrubbed(t, db, env.svc.Retention(ctx, handlers.RetentionArgs{Days: 20}))
		runJobs(t, env)
		for _, ref := range refs {
			threadAfterErase(t, srv, ref)
		}
		// retention keeps the address and number, which statistics compare
		assertNoTraces(t, srv, []string{"Jens Hansen", "gammel sofa", "kvittering.pdf", "PDFDATA", "Hejsa fra rådgiveren", "Hvor skal glas hen"})
		eraseAgain(t, env, srv, refs)
	})
}

// leadDirectory has advisers UADV1 and UADV2 and the lead ULEAD.
type leadDirectory struct{}

func (leadDirectory) IsAdviser(_ context.Context, u string) (bool, error) {
	return u == "UADV1" || u == "UADV2", nil
}
func (leadDirectory) IsLead(_ context.Context, u string) (bool, error) { return u == "ULEAD", nil }

// homeOf is the App Home the fake Slack shows user, as text.
func homeOf(t *testing.T, srv *slacktest.Server, user string) string {
	t.Helper()
	for _, v := range srv.Views() {
		if v.Type == "home" && v.UserID == user {
			return string(v.Blocks)
		}
	}
	t.Fatalf("no App Home published for %s", user)
	return ""
}

func TestEraseSlackCarriesOnAndShowsTheLeadWhatIsLeft(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env, srv, _ := slackWorld(t, db)
		ctx := context.Background()
		env.svc.Directory = leadDirectory{}
		for _, u := range []string{"UADV1", "ULEAD"} {
			if err := env.svc.PublishHome(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		if !strings.Contains(homeOf(t, srv, "UADV1"), "gammel sofa") {
			t.Fatal("the adviser's home should show Jens's enquiry before the erasure")
		}
		srv.RefuseNext("files.delete", 1, "cant_delete_file")
		srv.FailNext("chat.delete", 1, 500)
		for _, c := range []handlers.Citizen{{Email: "jens.hansen@example.dk"}, {Phone: "22334455"}} {
			erase(t, env, db, c)
		}
		var slackErr error
		for _, j := range env.jobs.Take() {
			if a, ok := j.(handlers.EraseSlackArgs); ok {
				slackErr = errors.Join(slackErr, env.svc.EraseSlack(ctx, a))
			}
		}
		if slackErr == nil {
			t.Error("a message refused with a server error should make the job try again")
		}
		var left []storage.SlackEraseFailure
		if left, _ = db.SlackEraseFailures(ctx, 10); len(left) != 2 {
			t.Fatalf("recorded as left: %+v, want the refused file and message", left)
		}
		lead := homeOf(t, srv, "ULEAD")
		for _, want := range []string{"cant_delete_file", "HTTP 500", "#1"} {
			if !strings.Contains(lead, want) {
				t.Errorf("the lead's home does not list %q: %s", want, lead)
			}
		}
		for _, u := range []string{"UADV1", "ULEAD"} {
			for _, trace := range jensTraces {
				if strings.Contains(homeOf(t, srv, u), trace) {
					t.Errorf("the App Home of %s still shows %q", u, trace)
				}
			}
		}
		if err := env.svc.EraseSlack(ctx, handlers.EraseSlackArgs{EnquiryID: left[0].EnquiryID}); err != nil {
			t.Fatalf("the next attempt: %v", err)
		}
		if left, _ := db.SlackEraseFailures(ctx, 10); len(left) != 0 {
			t.Errorf("left after the next attempt: %+v", left)
		}
		if strings.Contains(homeOf(t, srv, "ULEAD"), "cant_delete_file") {
			t.Error("the lead's home still lists what was deleted since")
		}
		if len(srv.Files()) != 0 {
			t.Errorf("files left: %+v", srv.Files())
		}
	})
}
