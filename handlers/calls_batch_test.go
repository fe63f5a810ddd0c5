package handlers_test

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
)

// gatedJobs records jobs like jobRecorder, but holds the first transaction
// that inserts any until open is closed, so later reports queue up; with
// refuseGroups it fails every insert of more than one job.
type gatedJobs struct {
	jobRecorder
	entered, open chan struct{}
	once          sync.Once
	refuseGroups  bool
}

func newGatedJobs() *gatedJobs {
	return &gatedJobs{entered: make(chan struct{}), open: make(chan struct{})}
}

func (g *gatedJobs) InsertTx(ctx context.Context, tx *sql.Tx, jobs []affaldsbot.Job) error {
	g.once.Do(func() {
		close(g.entered)
		<-g.open
	})
	if g.refuseGroups && len(jobs) > 1 {
		return errors.New("refused")
	}
	return g.jobRecorder.InsertTx(ctx, tx, jobs)
}

// queueBehind sends first, waits until its transaction is held, then sends
// the others concurrently and releases the gate once all of them wait.
func queueBehind(t *testing.T, b *handlers.CallBatcher, g *gatedJobs, first handlers.CallReport, others []handlers.CallReport) ([]handlers.CallResult, []error) {
	all := append([]handlers.CallReport{first}, others...)
	res, errs := make([]handlers.CallResult, len(all)), make([]error, len(all))
	var wg sync.WaitGroup
	send := func(i int) { wg.Go(func() { res[i], errs[i] = b.ReceiveCall(context.Background(), all[i]) }) }
	send(0)
	<-g.entered
	for i := range others {
		send(i + 1)
	}
	for deadline := time.Now().Add(5 * time.Second); b.Stats().Waiting < len(others); {
		if time.Now().After(deadline) {
			t.Fatalf("waiting = %d, want %d", b.Stats().Waiting, len(others))
		}
		time.Sleep(time.Millisecond)
	}
	close(g.open)
	wg.Wait()
	return res, errs
}

func batchCall(id string) handlers.CallReport {
	r := sampleCall()
	r.CallID = id
	return r
}

func TestCallBatcherGroupsConcurrentReports(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc, _, _ := newCallService(t, db)
		g := newGatedJobs()
		db.SetEnqueuer(g)
		b := handlers.NewCallBatcher(svc, handlers.CallBatchOptions{Parallel: 1})
		upd := batchCall("a")
		upd.TransferredAt, upd.AnsweredAt, upd.EndedAt = nil, callAt("2026-11-26T09:20:00+01:00"), callAt("2026-11-26T09:30:00+01:00")
		refused := batchCall("r")
		refused.TransferredAt = nil
		res, errs := queueBehind(t, b, g, batchCall("a"),
			[]handlers.CallReport{batchCall("x"), batchCall("y"), batchCall("x"), upd, batchCall("a"), refused})
		var fe *handlers.FieldError
		if !errors.As(errs[6], &fe) || fe.Field != "transferred_at" {
			t.Errorf("refused report: err = %v, want a FieldError on transferred_at", errs[6])
		}
		got := map[string]int{}
		for i, r := range res[:6] {
			if errs[i] != nil {
				t.Errorf("report %d: %v", i, errs[i])
			}
			got[r.Status]++
		}
		want := map[string]int{handlers.CallCreated: 3, handlers.CallExists: 2, handlers.CallUpdated: 1}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		if res[1].EnquiryID == res[2].EnquiryID || res[0].EnquiryID != res[4].EnquiryID {
			t.Errorf("enquiry ids %+v", res)
		}
		checkBatchStored(t, db, g, 3, []string{"sync_slack", "sync_slack", "sync_slack", "update_root"})
		if st := b.Stats(); st.Groups != 3 || st.Reports != 7 || st.Alone != 0 {
			t.Errorf("stats = %+v, want 3 groups of 7 reports, none alone", st)
		}
	})
}

func checkBatchStored(t *testing.T, db *storage.DB, jobs *gatedJobs, enquiries int, want []string) {
	t.Helper()
	if n := callCount(t, db, `SELECT COUNT(*) FROM enquiries`); n != enquiries {
		t.Errorf("enquiries = %d, want %d", n, enquiries)
	}
	for _, table := range []string{"calls", "messages"} {
		if n := callCount(t, db, `SELECT COUNT(*) FROM `+table); n != enquiries {
			t.Errorf("%s rows = %d, want %d", table, n, enquiries)
		}
	}
	if n := callCount(t, db, `SELECT COUNT(*) FROM events WHERE type = 'created'`); n != enquiries {
		t.Errorf("created events = %d, want %d", n, enquiries)
	}
	got := kinds(jobs.Take())
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("jobs (-want +got):\n%s", diff)
	}
}

// TestCallBatcherFailedGroupStoresEachAlone: when the group's transaction
// fails, every report is stored on its own and answered as usual.
func TestCallBatcherFailedGroupStoresEachAlone(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc, _, _ := newCallService(t, db)
		g := newGatedJobs()
		g.refuseGroups = true
		db.SetEnqueuer(g)
		b := handlers.NewCallBatcher(svc, handlers.CallBatchOptions{Parallel: 1})
		res, errs := queueBehind(t, b, g, batchCall("a"), []handlers.CallReport{batchCall("x"), batchCall("y"), batchCall("z")})
		for i, r := range res {
			if errs[i] != nil || r.Status != handlers.CallCreated {
				t.Errorf("report %d = %+v, %v; want created", i, r, errs[i])
			}
		}
		checkBatchStored(t, db, g, 4, []string{"sync_slack", "sync_slack", "sync_slack", "sync_slack"})
		if st := b.Stats(); st.Groups != 2 || st.Alone != 3 {
			t.Errorf("stats = %+v, want 2 groups and 3 reports stored alone", st)
		}
	})
}
