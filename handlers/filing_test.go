package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

const journal = "journal@kk.example"

// fileJob returns the filing job enqueued since the last call.
func fileJob(t *testing.T, env *actEnv) handlers.FileEnquiryArgs {
	t.Helper()
	for _, j := range env.jobs.Take() {
		if a, ok := j.(handlers.FileEnquiryArgs); ok {
			return a
		}
	}
	t.Fatal("no filing enqueued")
	return handlers.FileEnquiryArgs{}
}

func TestFilingSendsTheConversationOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Settings.JournalAddr = journal
		id, _ := gdprWorld(t, env)
		ctx := context.Background()
		if err := env.svc.RequestFiling(ctx, "UOUTSIDER", id); affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Fatalf("non-adviser filing: err = %v", err)
		}
		if err := env.svc.RequestFiling(ctx, "UADV1", id); err != nil {
			t.Fatal(err)
		}
		a := fileJob(t, env)
		for range 2 {
			if err := env.svc.FileEnquiry(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		var filings []string
		for _, m := range env.smtp.Mails() {
			if len(m.To) == 1 && m.To[0] == journal {
				filings = append(filings, string(m.Data))
			}
		}
		if len(filings) != 1 {
			t.Fatalf("%d filings sent, want 1", len(filings))
		}
		for _, want := range []string{"message/rfc822", "INTERNAL NOTE from UADV1", "Reply from UADV1", "Hejsa fra r", "Message-ID: <jens-1@example.dk>"} {
			if !strings.Contains(filings[0], want) {
				t.Errorf("filing lacks %q", want)
			}
		}
		evs, _ := db.Events(ctx, id)
		if last := evs[len(evs)-1]; last.Type != handlers.EventFiled || last.Actor != "UADV1" {
			t.Errorf("last event = %+v, want filed by UADV1", last)
		}
		if diff := cmp.Diff([]string{"update_root"}, kinds(env.jobs.Take())); diff != "" {
			t.Errorf("jobs (-want +got):\n%s", diff)
		}
		if at, err := db.LastFiled(ctx, id); err != nil || at == nil {
			t.Errorf("filed time = %v, %v", at, err)
		}
	})
}

func TestFilingInterruptedIsNotSentTwice(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Settings.JournalAddr = journal
		id, _ := gdprWorld(t, env)
		ctx := context.Background()
		if err := env.svc.RequestFiling(ctx, "UADV1", id); err != nil {
			t.Fatal(err)
		}
		a := fileJob(t, env)
		if ok, err := db.BeginFiling(ctx, a.FilingID); !ok || err != nil { // a crash after this point
			t.Fatal(ok, err)
		}
		sent := len(env.smtp.Mails())
		if err := env.svc.FileEnquiry(ctx, a); err != nil {
			t.Fatal(err)
		}
		f, _ := db.GetFiling(ctx, a.FilingID)
		if f.State != storage.FilingFailed || len(env.smtp.Mails()) != sent {
			t.Errorf("state %s, %d mails sent after the crash", f.State, len(env.smtp.Mails())-sent)
		}
	})
}

func TestClosedEnquiriesAreFiledAutomatically(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		id, _ := gdprWorld(t, env)
		ctx := context.Background()
		if _, err := env.svc.Act(ctx, "UADV1", id, handlers.ActClose, ""); err != nil {
			t.Fatal(err)
		}
		env.jobs.Take()
		if err := env.svc.FileClosed(ctx, handlers.FileClosedArgs{}); err != nil || len(env.jobs.Take()) != 0 {
			t.Fatalf("without JOURNAL_ADDR nothing is filed: %v", err)
		}
		env.svc.Settings.JournalAddr = journal
		for range 2 {
			if err := env.svc.FileClosed(ctx, handlers.FileClosedArgs{}); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff([]string{"file_enquiry"}, kinds(env.jobs.Take())); diff != "" {
			t.Errorf("jobs (-want +got):\n%s", diff)
		}
	})
}
