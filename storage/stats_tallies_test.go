package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
)

// Adviser tallies sum whole UTC days from their day counts and the hours
// at either end from the events; both must agree with counting the events.
func TestAdviserTalliesSumDaysAndEdges(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		events := []affaldsbot.Event{
			{EnquiryID: e.ID, Type: affaldsbot.EventClaimed, Actor: "U1", At: day.Add(-2 * time.Hour)},
			{EnquiryID: e.ID, Type: affaldsbot.EventClaimed, Actor: "U1", At: day.Add(-30 * time.Minute)},
			{EnquiryID: e.ID, Type: affaldsbot.EventAnswered, Actor: "U1", At: day.Add(5 * time.Hour)},
			{EnquiryID: e.ID, Type: affaldsbot.EventClaimed, Actor: "U2", At: day.Add(30 * time.Hour)},
			{EnquiryID: e.ID, Type: affaldsbot.EventAnswered, Actor: "U2", At: day.Add(47 * time.Hour)},
			{EnquiryID: e.ID, Type: affaldsbot.EventClaimed, Actor: affaldsbot.ActorSystem, At: day.Add(6 * time.Hour)},
			{EnquiryID: e.ID, Type: affaldsbot.EventNoted, Actor: "U3", At: day.Add(7 * time.Hour)},
		}
		if err := db.InTx(ctx, func(tx *storage.Tx) error { return tx.AddEvents(ctx, events...) }); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name     string
			from, to time.Time
			want     map[string]storage.AdviserTally
		}{
			{"local days", day.Add(-time.Hour), day.Add(47 * time.Hour),
				map[string]storage.AdviserTally{"U1": {Claimed: 1, Answered: 1}, "U2": {Claimed: 1}}},
			{"within a day", day.Add(4 * time.Hour), day.Add(6 * time.Hour),
				map[string]storage.AdviserTally{"U1": {Answered: 1}}},
			{"whole days", day, day.Add(48 * time.Hour),
				map[string]storage.AdviserTally{"U1": {Answered: 1}, "U2": {Claimed: 1, Answered: 1}}},
			{"nothing", day.Add(10 * time.Hour), day.Add(20 * time.Hour), map[string]storage.AdviserTally{}},
		}
		for _, tt := range tests {
			got, err := db.AdviserTallies(ctx, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s: (-want +got)\n%s", tt.name, diff)
			}
		}
	})
}

// Deleting events takes them off the day counts.
func TestAdviserTalliesForgetDeletedEvents(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		e := newEnquiry(t, db)
		day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			return tx.AddEvents(ctx, affaldsbot.Event{EnquiryID: e.ID, Type: affaldsbot.EventClaimed, Actor: "U1", At: day.Add(time.Hour)})
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, db.Rebind(`DELETE FROM events WHERE enquiry_id = ? AND actor = 'U1'`), e.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.AdviserTallies(ctx, day, day.Add(48*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]storage.AdviserTally{}, got); diff != "" {
			t.Errorf("(-want +got)\n%s", diff)
		}
	})
}
