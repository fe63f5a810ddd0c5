package handlers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// mailAbout stores a mail from addr with its own subject and no thread
// headers (or a reply to inReplyTo) and returns the enquiry it landed in.
func (e *actEnv) mailAbout(t testing.TB, uid uint32, addr, subject, inReplyTo string) int64 {
	t.Helper()
	refs := ""
	if inReplyTo != "" {
		refs = "In-Reply-To: <" + inReplyTo + ">\r\n"
	}
	raw := fmt.Sprintf("From: Jens Hansen <%s>\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <mail-%d@example.dk>\r\n%s"+
		"Date: Mon, 23 Nov 2026 09:00:00 +0100\r\n\r\nTekst nummer %d.\r\n", addr, ourAddress, subject, uid, refs, uid)
	in := mail.Incoming{Mailbox: "INBOX", UIDValidity: 1, UID: uid, InternalDate: time.Now().Add(-time.Duration(10-uid) * time.Minute), Raw: []byte(raw)}
	if err := e.svc.HandleMail(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	var id int64
	err := e.svc.DB.InTx(context.Background(), func(tx *storage.Tx) error {
		var ok bool
		var err error
		id, ok, err = tx.EnquiryByMessageIDs(context.Background(), []string{fmt.Sprintf("mail-%d@example.dk", uid)})
		if err == nil && !ok {
			err = fmt.Errorf("mail %d not stored", uid)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// enquiryTotal is the statistics' count of the last two days' enquiries and
// their rows in the export.
func enquiryTotal(t testing.TB, db *storage.DB) (total, rows int) {
	t.Helper()
	now := db.Now()
	cal := workcal.Default()
	p := workcal.Period{From: workcal.DateOf(now.Add(-48*time.Hour), cal.Location()), To: workcal.DateOf(now, cal.Location())}
	r, err := stats.Compute(context.Background(), db, p, cal, now, stats.Options{Rows: true})
	if err != nil {
		t.Fatal(err)
	}
	return r.Enquiries.Total, len(r.Rows)
}

func messageCount(t testing.TB, db *storage.DB, id int64) int {
	t.Helper()
	ms, err := db.Messages(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return len(ms)
}

func TestNewMailFromSameCitizenSuggestsTheOpenEnquiry(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		older := env.mailAbout(t, 1, "jens@example.dk", "Storskrald", "")
		env.jobs.Take()
		newer := env.mailAbout(t, 2, "JENS@example.dk", "Og en ting mere", "")
		var got []handlers.SuggestMergeArgs
		for _, j := range env.jobs.Take() {
			if s, ok := j.(handlers.SuggestMergeArgs); ok {
				got = append(got, s)
			}
		}
		if want := []handlers.SuggestMergeArgs{{EnquiryID: newer, Candidate: older}}; !cmp.Equal(got, want) {
			t.Errorf("suggestions %+v, want %+v", got, want)
		}
		other := env.mailAbout(t, 3, "karen@example.dk", "Pap", "")
		for _, j := range env.jobs.Take() {
			if _, ok := j.(handlers.SuggestMergeArgs); ok {
				t.Errorf("a mail from another citizen (#%d) suggested a merge: %+v", other, j)
			}
		}
	})
}

func TestMergeMovesMessagesCountsOnceAndUndoes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		env := newActEnv(t, db)
		older := env.mailAbout(t, 1, "jens@example.dk", "Storskrald", "")
		newer := env.mailAbout(t, 2, "jens@example.dk", "Og en ting mere", "")
		env.jobs.Take()
		if total, rows := enquiryTotal(t, db); total != 2 || rows != 2 {
			t.Fatalf("before the merge: total %d, rows %d; want 2", total, rows)
		}

		if _, err := env.svc.Merge(ctx, "UCITIZEN", newer, older, handlers.ActionOrigin("enquiry_merge", "1.1", "5.1")); affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Fatalf("merge by a non-adviser: %v, want forbidden", err)
		}
		click := handlers.ActionOrigin("enquiry_merge", "1.1", "5.2")
		e, err := env.svc.Merge(ctx, "UADV1", newer, older, click)
		if err != nil {
			t.Fatal(err)
		}
		if e.MergedInto == nil || *e.MergedInto != older || e.Status != affaldsbot.StatusClosed {
			t.Errorf("merged enquiry %+v, want closed and merged into #%d", e, older)
		}
		if got, want := kinds(env.jobs.Take()), []string{"merge_notice", "update_root", "update_root"}; !cmp.Equal(got, want) {
			t.Errorf("jobs %v, want %v", got, want)
		}
		if n, m := messageCount(t, db, older), messageCount(t, db, newer); n != 2 || m != 0 {
			t.Errorf("messages: %d in the older, %d in the newer; want 2 and 0", n, m)
		}
		if total, rows := enquiryTotal(t, db); total != 1 || rows != 1 {
			t.Errorf("after the merge: total %d, rows %d; want 1", total, rows)
		}
		if _, err := env.svc.Act(ctx, "UADV1", newer, handlers.ActReopen, ""); affaldsbot.ErrorCode(err) != affaldsbot.ECONFLICT {
			t.Errorf("reopening a merged enquiry: %v, want a conflict", err)
		}

		// The same click delivered again changes nothing.
		if _, err := env.svc.Merge(ctx, "UADV1", newer, older, click); err != nil {
			t.Errorf("replayed merge: %v", err)
		}
		if jobs := env.jobs.Take(); len(jobs) != 0 {
			t.Errorf("replayed merge enqueued %v", kinds(jobs))
		}
		if n := countEvents(t, db, newer, affaldsbot.EventMerged); n != 1 {
			t.Errorf("%d merged events, want 1", n)
		}

		// The citizen answers in the newer enquiry's conversation: it lands in the older one.
		if got := env.mailAbout(t, 3, "jens@example.dk", "Re: Og en ting mere", "mail-2@example.dk"); got != older {
			t.Errorf("a reply to the merged enquiry landed in #%d, want #%d", got, older)
		}
		env.jobs.Take()

		undo := handlers.ActionOrigin("enquiry_unmerge", "7.1", "8.1")
		if _, err := env.svc.Unmerge(ctx, "UCITIZEN", newer, undo); affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Fatalf("undo by a non-adviser: %v, want forbidden", err)
		}
		e, err = env.svc.Unmerge(ctx, "UADV2", newer, undo)
		if err != nil {
			t.Fatal(err)
		}
		if e.MergedInto != nil || e.Status != affaldsbot.StatusNew {
			t.Errorf("after undo %+v, want new and not merged", e)
		}
		if n, m := messageCount(t, db, older), messageCount(t, db, newer); n != 2 || m != 1 {
			t.Errorf("after undo: %d messages in the older, %d in the newer; want 2 and 1", n, m)
		}
		if total, _ := enquiryTotal(t, db); total != 2 {
			t.Errorf("after undo: total %d, want 2", total)
		}
		env.jobs.Take()

		// Both clicks delivered again after the undo: nothing happens.
		for _, o := range []handlers.Origin{click, undo} {
			if _, err := env.svc.Merge(ctx, "UADV1", newer, older, o); err != nil {
				t.Errorf("replay of %v: %v", o, err)
			}
		}
		if _, err := env.svc.Unmerge(ctx, "UADV1", newer, undo); err != nil {
			t.Errorf("replayed undo: %v", err)
		}
		if e, err := db.GetEnquiry(ctx, newer); err != nil || e.MergedInto != nil {
			t.Errorf("after replays: %+v %v, want not merged", e, err)
		}
		if jobs := env.jobs.Take(); len(jobs) != 0 {
			t.Errorf("replays enqueued %v", kinds(jobs))
		}
	})
}

// postRootAt records the enquiry's root message as posted at ts.
func postRootAt(t *testing.T, db *storage.DB, id int64, ts string) {
	t.Helper()
	ctx := context.Background()
	if err := db.MarkRootPending(ctx, id, "CENQ"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRootTS(ctx, id, ts); err != nil {
		t.Fatal(err)
	}
}

// noticeJob is the merge_notice job among jobs.
func noticeJob(t *testing.T, jobs []affaldsbot.Job) handlers.MergeNoticeArgs {
	t.Helper()
	for _, j := range jobs {
		if a, ok := j.(handlers.MergeNoticeArgs); ok {
			return a
		}
	}
	t.Fatalf("no merge_notice among %v", kinds(jobs))
	return handlers.MergeNoticeArgs{}
}

func countLines(lines []string, sub string) int {
	n := 0
	for _, l := range lines {
		if strings.Contains(l, sub) {
			n++
		}
	}
	return n
}

// A merge's notices are posted once each, whatever fails between them: the
// post in the older thread fails after the one in the newer thread was
// made, and the retried job does not post the newer one again. A merge
// undone and made again gets notices of its own.
func TestMergeNoticesPostedOnceAfterAPartialFailure(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		env := newActEnv(t, db)
		slack := &callSlack{}
		env.svc.Slack = slack
		older := env.mailAbout(t, 1, "jens@example.dk", "Storskrald", "")
		newer := env.mailAbout(t, 2, "jens@example.dk", "Og en ting mere", "")
		postRootAt(t, db, older, "1.0")
		postRootAt(t, db, newer, "2.0")
		env.jobs.Take()
		if _, err := env.svc.Merge(ctx, "UADV1", newer, older, handlers.ActionOrigin("enquiry_merge", "2.0", "5.1")); err != nil {
			t.Fatal(err)
		}
		notice := noticeJob(t, env.jobs.Take())
		failed := false
		slack.fault = func(line string) (error, bool) {
			if strings.Contains(line, handlers.MergedHere+" ") && !failed {
				failed = true
				return errors.New("connection reset"), false
			}
			return nil, false
		}
		if err := env.svc.MergeNotice(ctx, notice); err == nil {
			t.Fatal("the failed post gave no error")
		}
		for range 2 { // retried, and run once more
			if err := env.svc.MergeNotice(ctx, notice); err != nil {
				t.Fatal(err)
			}
		}
		away, here := fmt.Sprintf(": %s %d→%d", handlers.MergedAway, newer, older), fmt.Sprintf(": %s %d→%d", handlers.MergedHere, newer, older)
		if n, m := countLines(slack.posted(), away), countLines(slack.posted(), here); n != 1 || m != 1 {
			t.Errorf("notices %q: %d in the newer thread, %d in the older; want 1 and 1", slack.posted(), n, m)
		}

		// Undone and merged again: a second pair of merge notices.
		if _, err := env.svc.Unmerge(ctx, "UADV1", newer, handlers.ActionOrigin("enquiry_unmerge", "2.0", "6.1")); err != nil {
			t.Fatal(err)
		}
		if err := env.svc.MergeNotice(ctx, noticeJob(t, env.jobs.Take())); err != nil {
			t.Fatal(err)
		}
		if _, err := env.svc.Merge(ctx, "UADV1", newer, older, handlers.ActionOrigin("enquiry_merge", "2.0", "7.1")); err != nil {
			t.Fatal(err)
		}
		if err := env.svc.MergeNotice(ctx, noticeJob(t, env.jobs.Take())); err != nil {
			t.Fatal(err)
		}
		if n := countLines(slack.posted(), away); n != 2 {
			t.Errorf("notices %q: %d merges shown in the newer thread, want 2", slack.posted(), n)
		}
	})
}
