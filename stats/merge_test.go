package stats_test

import (
	"context"
	"testing"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// A merged enquiry counts once, as the enquiry it was merged into: a month
// seeded twice, with every enquiry of the second seeding merged into its
// twin, gives every figure of the month seeded once, the advisers' claims
// and answers included: those of an enquiry merged away count no more.
func TestMergedEnquiriesCountOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := fixture{t, db, ctx}
		p := workcal.Period{From: workcal.Date{Year: 2025, Month: 3, Day: 1}, To: workcal.Date{Year: 2025, Month: 3, Day: 31}}
		now := cet(20, 12, 0)
		compute := func() *stats.Report {
			t.Helper()
			r, err := stats.Compute(ctx, db, p, workcal.Default(), now, stats.Options{Weekly: true, Rows: true})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		seedMarch(f)
		once := compute()
		first := maxID(t, db)
		seedMarch(f)
		if twice := compute(); twice.Enquiries.Total != 2*once.Enquiries.Total {
			t.Fatalf("seeded twice: %d enquiries, want %d", twice.Enquiries.Total, 2*once.Enquiries.Total)
		}
		if twice := compute(); len(once.ByAdviser) == 0 || cmp.Equal(once.ByAdviser, twice.ByAdviser) {
			t.Fatalf("the month's advisers %v, seeded twice %v: want some, doubled", once.ByAdviser, twice.ByAdviser)
		}
		for id := first + 1; id <= 2*first; id++ {
			merge(t, db, id, id-first)
		}
		got := compute()
		opts := cmpopts.IgnoreFields(stats.Report{}, "Rows")
		if diff := cmp.Diff(once, got, opts); diff != "" {
			t.Errorf("merged twins (-seeded once +merged):\n%s", diff)
		}
		if len(got.Rows) != len(once.Rows) {
			t.Errorf("%d rows, want %d", len(got.Rows), len(once.Rows))
		}
	})
}

func maxID(t *testing.T, db *storage.DB) int64 {
	t.Helper()
	es, err := db.ListEnquiries(context.Background(), storage.EnquiryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var m int64
	for _, e := range es {
		m = max(m, e.ID)
	}
	return m
}

// merge marks enquiry id as merged into into, as a merge leaves it.
func merge(t *testing.T, db *storage.DB, id, into int64) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *storage.Tx) error {
		e, err := tx.LockEnquiry(ctx, id)
		if err != nil {
			return err
		}
		e.MergedInto, e.Status = &into, affaldsbot.StatusClosed
		at := e.ReceivedAt
		e.ClosedAt = &at
		return tx.SaveEnquiry(ctx, e)
	})
	if err != nil {
		t.Fatal(err)
	}
}
