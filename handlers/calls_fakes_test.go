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
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// callSlack is a whole chat surface that records the notices, replies
// failed, drafts, ratings, homes, digests, reports and erasures it is asked
// for as lines; the other posts succeed.
type callSlack struct {
	mu      sync.Mutex
	notices []string
	marks   map[string]bool // marks of the notices posted with one
	// fault, when set, is asked about each notice: it may fail the post
	// before it is made (after false) or once it is made (after true), as
	// a process killed at that moment would.
	fault func(line string) (err error, after bool)
}

// post records a notice line, and its mark, unless the fault says no.
func (s *callSlack) post(line, mark string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	after := false
	if s.fault != nil {
		err, after = s.fault(line)
	}
	if err != nil && !after {
		return err
	}
	s.notices = append(s.notices, line)
	if mark != "" {
		if s.marks == nil {
			s.marks = map[string]bool{}
		}
		s.marks[mark] = true
	}
	return err
}

func (s *callSlack) PostRoot(context.Context, string, handlers.RootView) (string, error) {
	return "1.0", nil
}
func (s *callSlack) FindRoot(context.Context, string, int64, time.Time) (string, bool, error) {
	return "", false, nil
}
func (s *callSlack) UpdateRoot(context.Context, string, string, handlers.RootView) error { return nil }
func (s *callSlack) PostThread(context.Context, string, string, *affaldsbot.Message, []affaldsbot.Attachment) (string, error) {
	return "2.0", nil
}
func (s *callSlack) FindThread(context.Context, string, string, int64) (string, bool, error) {
	return "", false, nil
}
func (s *callSlack) Ephemeral(context.Context, string, string, string) error { return nil }
func (s *callSlack) PostNotice(_ context.Context, channel, rootTS, text string) error {
	return s.post(channel+"/"+rootTS+": "+text, "")
}
func (s *callSlack) PostMarkedNotice(_ context.Context, channel, rootTS, mark, text string) error {
	return s.post(channel+"/"+rootTS+": "+text, channel+"/"+rootTS+"/"+mark)
}
func (s *callSlack) FindNotice(_ context.Context, channel, rootTS, mark string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.marks[channel+"/"+rootTS+"/"+mark], nil
}

func (s *callSlack) PostMergeNotice(_ context.Context, channel, rootTS string, n handlers.MergeNotice) error {
	mark := ""
	if n.Mark != "" {
		mark = channel + "/" + rootTS + "/" + n.Mark
	}
	return s.post(fmt.Sprintf("%s/%s: %s %d→%d", channel, rootTS, n.Kind, n.Newer, n.Older), mark)
}

// note records one post of the surface as a line of text.
func (s *callSlack) note(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.notices = append(s.notices, line)
}

func (s *callSlack) PostReplyFailed(_ context.Context, channel, rootTS string, f handlers.FailedReply) error {
	s.note(fmt.Sprintf("%s/%s: reply %d failed: %s", channel, rootTS, f.MessageID, f.Reason))
	return nil
}
func (s *callSlack) PostDraft(_ context.Context, channel, rootTS string, d handlers.DraftView) (string, error) {
	s.note(fmt.Sprintf("%s/%s: draft %d", channel, rootTS, d.DraftID))
	return "3.0", nil
}
func (s *callSlack) UpdateDraft(_ context.Context, channel, ts string, d handlers.DraftView) error {
	s.note(fmt.Sprintf("%s/%s: draft %d %s", channel, ts, d.DraftID, d.State))
	return nil
}
func (s *callSlack) PostRating(_ context.Context, channel, rootTS string, v handlers.RatingView) (string, error) {
	s.note(fmt.Sprintf("%s/%s: rating %d", channel, rootTS, v.NoticeID))
	return "4.0", nil
}
func (s *callSlack) FindRating(context.Context, string, string, int64) (string, bool, error) {
	return "", false, nil
}
func (s *callSlack) PublishHome(_ context.Context, user string, _ *handlers.Home) error {
	s.note("home of " + user)
	return nil
}
func (s *callSlack) PostDigest(_ context.Context, channel string, d *handlers.Digest) error {
	s.note(channel + ": " + handlers.DigestText(d))
	return nil
}
func (s *callSlack) PostInsights(_ context.Context, lead string, w *handlers.WeeklyInsights) error {
	s.note(lead + ": " + handlers.InsightsText(w))
	return nil
}
func (s *callSlack) EraseThread(_ context.Context, channel, rootTS string) (handlers.ThreadErasure, error) {
	s.note(channel + "/" + rootTS + ": erased")
	return handlers.ThreadErasure{}, nil
}

var _ handlers.ChatSurface = (*callSlack)(nil)

func (s *callSlack) posted() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.notices...)
}

const callAdviserID = "UADVISER"

func newCallService(t testing.TB, db *storage.DB) (*handlers.Service, *jobRecorder, *callSlack) {
	t.Helper()
	jobs, slack := &jobRecorder{}, &callSlack{}
	db.SetEnqueuer(jobs)
	svc := &handlers.Service{DB: db, Slack: slack, Directory: adviserSet{callAdviserID: true},
		Calendar: workcal.Default(), Settings: handlers.DefaultSettings(),
		Routes: handlers.Routes{Default: "CCALLS"}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	return svc, jobs, slack
}

func callAt(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

func callCount(t testing.TB, db *storage.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.GetContext(context.Background(), &n, db.Rebind(query), args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
