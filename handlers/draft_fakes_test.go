package handlers_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/guidance"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
)

func lastDraft(t *testing.T, j *jobRecorder) handlers.DraftArgs {
	t.Helper()
	jobs := j.Peek()
	for i := len(jobs) - 1; i >= 0; i-- {
		if a, ok := jobs[i].(handlers.DraftArgs); ok {
			return a
		}
	}
	t.Fatal("no draft job enqueued")
	return handlers.DraftArgs{}
}

// draftScreen is a chat surface that keeps every draft post and update.
type draftScreen struct {
	callSlack
	mu      sync.Mutex
	posts   []handlers.DraftView
	updates []handlers.DraftView
	where   []string // channel/rootTS of each post
}

func (s *draftScreen) PostDraft(_ context.Context, channel, rootTS string, d handlers.DraftView) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.posts = append(s.posts, d)
	s.where = append(s.where, channel+"/"+rootTS)
	return "1700000000.000100", nil
}

func (s *draftScreen) UpdateDraft(_ context.Context, _, _ string, d handlers.DraftView) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates = append(s.updates, d)
	return nil
}

// last is what the draft message shows now.
func (s *draftScreen) last(t *testing.T) handlers.DraftView {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.updates) > 0 {
		return s.updates[len(s.updates)-1]
	}
	if len(s.posts) == 0 {
		t.Fatal("no draft message was posted")
	}
	return s.posts[len(s.posts)-1]
}

var (
	draftGuidanceOnce sync.Once
	draftGuidanceIx   *guidance.Index
	draftGuidanceErr  error
)

func draftGuidance(t *testing.T) *guidance.Index {
	t.Helper()
	draftGuidanceOnce.Do(func() { draftGuidanceIx, draftGuidanceErr = guidance.LoadBuiltin() })
	if draftGuidanceErr != nil {
		t.Fatal(draftGuidanceErr)
	}
	return draftGuidanceIx
}

// draftRig is a service over a real database with one enquiry whose root
// message is posted.
type draftRig struct {
	s       *handlers.Service
	jobs    *jobRecorder
	screen  *draftScreen
	enquiry *affaldsbot.Enquiry
}

const draftAdviser = "U0ADVISER"

func newDraftRig(t *testing.T, db *storage.DB, drafter handlers.Drafter, e *affaldsbot.Enquiry, body string) *draftRig {
	t.Helper()
	ctx := context.Background()
	r := &draftRig{jobs: &jobRecorder{}, screen: &draftScreen{}, enquiry: e}
	db.SetEnqueuer(r.jobs)
	err := db.InTx(ctx, func(tx *storage.Tx) error {
		if err := tx.CreateEnquiry(ctx, e); err != nil {
			return err
		}
		m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageInbound, FromAddr: e.CitizenEmail,
			Subject: e.Subject, Body: body, ReceivedAt: e.ReceivedAt}
		_, err := tx.InsertMessage(ctx, m, nil, "", storage.MailOrigin{})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.MarkRootPending(ctx, e.ID, "C0ENQUIRY"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRootTS(ctx, e.ID, fmt.Sprintf("1700000000.%06d", e.ID)); err != nil {
		t.Fatal(err)
	}
	r.s = &handlers.Service{DB: db, Directory: adviserSet{draftAdviser: true}, Settings: handlers.DefaultSettings(),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Drafter: drafter, Slack: r.screen, Guidance: draftGuidance(t)}
	return r
}

// draft presses the draft button and runs the job it enqueued.
func (r *draftRig) draft(t *testing.T) int64 {
	t.Helper()
	ctx := context.Background()
	if err := r.s.RequestDraft(ctx, draftAdviser, r.enquiry.ID); err != nil {
		t.Fatalf("RequestDraft: %v", err)
	}
	a := lastDraft(t, r.jobs)
	if err := r.s.Draft(ctx, a); err != nil {
		t.Fatalf("Draft job: %v", err)
	}
	return a.DraftID
}

func draftEnquiry(subject string) *affaldsbot.Enquiry {
	return &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicSortering,
		Subject: subject, CitizenName: "Mette Frederiksen-Holm", CitizenEmail: "mette.fh@example.dk", Mailbox: "INBOX",
		ReceivedAt: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
}
