package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// TestRanksReadSortedValues: the ranks of the period's response and
// handling times, sorted by value and then unlogged before logged, leaving
// out enquiries merged away, without a value or outside the period.
func TestRanksReadSortedValues(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		type row struct {
			response, handling *int64
			logged, merged     bool
			outside            bool
		}
		ns := func(v int64) *int64 { return &v }
		rows := []row{
			{response: ns(300), handling: ns(7_000_000_000), logged: true},
			{response: ns(100), handling: ns(7_000_000_000)},
			{response: ns(200), handling: ns(2_000_000_000)},
			{response: ns(0)},
			{response: ns(1 << 50), handling: ns(9_000_000_000), logged: true},
			{response: ns(5), handling: ns(1), merged: true},
			{response: ns(6), handling: ns(1), outside: true},
			{},
		}
		var ids []string
		for i := range rows {
			ids = append(ids, fmt.Sprintf("r%d", i))
		}
		calls := newCalls(ids...)
		createCalls(t, db, calls)
		for i, r := range rows {
			id := calls[i].Enquiry.ID
			logged := 0
			if r.logged {
				logged = 1
			}
			at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
			if r.outside {
				at = at.AddDate(1, 0, 0)
			}
			if _, err := db.Exec(db.Rebind(`UPDATE enquiries SET response_ns = ?, handling_ns = ?, handling_logged = ?, received_at = ? WHERE id = ?`),
				r.response, r.handling, logged, at, id); err != nil {
				t.Fatal(err)
			}
			if r.merged {
				if _, err := db.Exec(db.Rebind(`UPDATE enquiries SET merged_into = ? WHERE id = ?`), calls[0].Enquiry.ID, id); err != nil {
					t.Fatal(err)
				}
			}
		}
		from, to := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		resp, err := db.ResponseRanks(ctx, from, to, []int{0, 1, 2, 3, 4, 5, -1})
		if err != nil {
			t.Fatal(err)
		}
		want := map[int]storage.Ranked{0: {Ns: 0}, 1: {Ns: 100}, 2: {Ns: 200}, 3: {Ns: 300}, 4: {Ns: 1 << 50}}
		if fmt.Sprint(resp) != fmt.Sprint(want) {
			t.Errorf("response ranks = %v, want %v", resp, want)
		}
		hand, err := db.HandlingRanks(ctx, from, to, []int{0, 1, 2, 3})
		if err != nil {
			t.Fatal(err)
		}
		want = map[int]storage.Ranked{0: {Ns: 2_000_000_000}, 1: {Ns: 7_000_000_000}, 2: {Ns: 7_000_000_000, Logged: true}, 3: {Ns: 9_000_000_000, Logged: true}}
		if fmt.Sprint(hand) != fmt.Sprint(want) {
			t.Errorf("handling ranks = %v, want %v", hand, want)
		}
		empty, err := db.HandlingRanks(ctx, to, to.AddDate(0, 1, 0), []int{0})
		if err != nil || len(empty) != 0 {
			t.Errorf("ranks of a period without values = %v, %v; want none", empty, err)
		}
	})
}
