package handlers_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// ratingSlack is a thread that keeps rating posts; failAfterPost makes the
// next post reach the thread and then fail, as a lost answer does.
type ratingSlack struct {
	callSlack
	mu            sync.Mutex
	posts         map[int64]int // notice → posts
	failAfterPost bool
}

func (s *ratingSlack) PostRating(_ context.Context, _, _ string, v handlers.RatingView) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.posts[v.NoticeID]++
	if s.failAfterPost {
		s.failAfterPost = false
		return "", errors.New("connection reset")
	}
	return "9.9", nil
}

func (s *ratingSlack) FindRating(_ context.Context, _, _ string, id int64) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return "9.9", s.posts[id] > 0, nil
}

// TestRatingIsPostedOnceWhateverFails: a rating change is posted once in
// the thread; a post whose answer was lost is found on the retry, not made
// again; the job run again posts nothing.
func TestRatingIsPostedOnceWhateverFails(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc, jobs, _ := newCallService(t, db)
		slack := &ratingSlack{posts: map[int64]int{}, failAfterPost: true}
		svc.Slack = slack
		ctx := context.Background()
		e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusAnswered, Subject: "Pap",
			CitizenEmail: "borger@example.dk", ReceivedAt: time.Now()}
		m := &affaldsbot.Message{Kind: affaldsbot.MessageOutbound, MessageID: "svar-1@kk.example", FromAddr: "affald@kk.example",
			ToAddr: e.CitizenEmail, Body: "Svar", ReceivedAt: time.Now()}
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			if err := tx.CreateEnquiry(ctx, e); err != nil {
				return err
			}
			m.EnquiryID = &e.ID
			return tx.InsertReply(ctx, m)
		})
		if err == nil { // the citizen rates the reply later
			err = db.InTx(ctx, func(tx *storage.Tx) error {
				return svc.RatingChanged(ctx, tx, csat.Rated{EnquiryID: e.ID, MessageID: m.ID, Rating: 5, At: time.Now()})
			})
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := db.MarkRootPending(ctx, e.ID, "CCALLS"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetRootTS(ctx, e.ID, "1.0"); err != nil {
			t.Fatal(err)
		}
		if kinds := strings.Join(kinds(jobs.Take()), ","); kinds != "rating_notice,update_root" {
			t.Fatalf("enqueued with the rating: %s", kinds)
		}
		args := handlers.RatingArgs{NoticeID: int64(callCount(t, db, `SELECT MAX(id) FROM csat_notices`))}
		if err := svc.PostRating(ctx, args); err == nil {
			t.Fatal("the lost answer: want the job to fail and be retried")
		}
		for range 2 {
			if err := svc.PostRating(ctx, args); err != nil {
				t.Fatal(err)
			}
		}
		if n := slack.posts[args.NoticeID]; n != 1 {
			t.Errorf("%d posts of the rating, want 1", n)
		}
		n, err := db.GetRatingNotice(ctx, args.NoticeID)
		if err != nil || n.SlackTS != "9.9" {
			t.Errorf("notice %+v, %v; want it recorded as posted", n, err)
		}
	})
}
