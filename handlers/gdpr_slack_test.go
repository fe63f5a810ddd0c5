package handlers_test

import (
	"context"
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
	env.jobs.take()
	return env, srv, refs
}

// runJobs works off the jobs enqueued, as the queue would.
func runJobs(t *testing.T, env *actEnv) {
	t.Helper()
	ctx := context.Background()
	for _, j := range env.jobs.take() {
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
		ctx := context.Background()
		if _, err := env.svc.EraseCitizen(ctx, "cli:test", handlers.Citizen{Email: "jens.hansen@example.dk"}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.svc.EraseCitizen(ctx, "cli:test", handlers.Citizen{Phone: "22334455"}); err != nil {
			t.Fatal(err)
		}
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
		if err := env.svc.Retention(ctx, handlers.RetentionArgs{Days: 20}); err != nil {
			t.Fatal(err)
		}
		runJobs(t, env)
		for _, ref := range refs {
			threadAfterErase(t, srv, ref)
		}
		// retention keeps the address and number, which statistics compare
		assertNoTraces(t, srv, []string{"Jens Hansen", "gammel sofa", "kvittering.pdf", "PDFDATA", "Hejsa fra rådgiveren", "Hvor skal glas hen"})
		eraseAgain(t, env, srv, refs)
	})
}
