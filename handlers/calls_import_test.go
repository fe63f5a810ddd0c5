package handlers_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
)

// callHistory generates n calls, one in ten unanswered, and returns the CSV
// and the mean handling time of the answered ones in seconds.
func callHistory(n int) ([]byte, float64) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(handlers.CallCSVColumns)
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2025, 1, 2, 8, 0, 0, 0, time.UTC)
	var sum, answered float64
	for i := range n {
		at := start.Add(time.Duration(i) * 37 * time.Minute)
		row := []string{fmt.Sprintf("hist-%05d", i), at.Format(time.RFC3339), "", "", fmt.Sprintf("2%07d", i),
			"Borger " + fmt.Sprint(i), "Spørger om sortering af pap, \"glas\" og metal", "U" + fmt.Sprint(i%2)}
		if i%10 != 0 {
			secs := 300 + rng.IntN(2400)
			ans := at.Add(time.Minute)
			row[2], row[3] = ans.Format(time.RFC3339), ans.Add(time.Duration(secs)*time.Second).Format(time.RFC3339)
			sum, answered = sum+float64(secs), answered+1
		}
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes(), sum / answered
}

type callImportState struct {
	Enquiries, Closed, Calls, Events, Messages, Jobs int
	MeanHandled                                      float64
}

func importState(t *testing.T, db *storage.DB, jobs *jobRecorder) callImportState {
	var mean float64
	if err := db.Get(&mean, `SELECT AVG(handled_seconds) FROM calls WHERE handled_seconds IS NOT NULL`); err != nil {
		t.Fatal(err)
	}
	return callImportState{Enquiries: callCount(t, db, `SELECT COUNT(*) FROM enquiries`),
		Closed:   callCount(t, db, `SELECT COUNT(*) FROM enquiries WHERE status = 'closed' AND closed_at IS NOT NULL`),
		Calls:    callCount(t, db, `SELECT COUNT(*) FROM calls`),
		Events:   callCount(t, db, `SELECT COUNT(*) FROM events`),
		Messages: callCount(t, db, `SELECT COUNT(*) FROM messages`),
		Jobs:     len(kinds(jobs.Take())), MeanHandled: float64(int(mean*1000)) / 1000}
}

func TestImportCallsTwiceChangesNothing(t *testing.T) {
	const n = 5000
	file, mean := callHistory(n)
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, jobs, _ := newCallService(t, db)
		noBadRows := func(line int, err error) { t.Errorf("line %d: %v", line, err) }
		sum, err := svc.ImportCalls(ctx, bytes.NewReader(file), noBadRows)
		if err != nil || sum != (handlers.ImportSummary{Imported: n}) {
			t.Fatalf("first import = %v, %v", sum, err)
		}
		first := importState(t, db, jobs)
		want := callImportState{Enquiries: n, Closed: n, Calls: n, Events: n * 3, Messages: n, MeanHandled: float64(int(mean*1000)) / 1000}
		if diff := cmp.Diff(want, first); diff != "" {
			t.Errorf("after import (-want +got):\n%s", diff)
		}
		sum, err = svc.ImportCalls(ctx, bytes.NewReader(file), noBadRows)
		if err != nil || sum != (handlers.ImportSummary{Existing: n}) {
			t.Fatalf("second import = %v, %v", sum, err)
		}
		if diff := cmp.Diff(first, importState(t, db, jobs)); diff != "" {
			t.Errorf("re-import changed (-first +second):\n%s", diff)
		}
	})
}

func TestImportCallsReportsBadRows(t *testing.T) {
	file := strings.Join([]string{
		"adviser,note,caller_name,caller_number,ended_at,answered_at,transferred_at,call_id",
		"U1,Maling,Ida,12345678,2026-01-05T10:20:00Z,2026-01-05T10:00:00Z,2026-01-05T09:58:00Z,c-1",
		"U1,Maling,Ida,12345678,,,yesterday,c-2",
		",Sofa,,,,,2026-01-05T11:00:00Z,",
		",Sofa,,,2026-01-05T11:00:00Z,2026-01-05T11:30:00Z,2026-01-05T11:00:00Z,c-4",
		",Sofa,,,,,2026-01-06T11:00:00Z,c-5",
	}, "\n")
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc, _, _ := newCallService(t, db)
		var bad []string
		sum, err := svc.ImportCalls(context.Background(), strings.NewReader(file), func(line int, err error) {
			bad = append(bad, fmt.Sprintf("%d %v", line, err))
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{`3 transferred_at: "yesterday" is not an RFC 3339 time`, "4 call_id: required", "5 ended_at: before answered_at"}
		if diff := cmp.Diff(want, bad); diff != "" {
			t.Errorf("reported rows (-want +got):\n%s", diff)
		}
		if sum != (handlers.ImportSummary{Imported: 2, Bad: 3}) || sum.String() != "imported 2, skipped 0 existing, 3 bad rows" {
			t.Errorf("summary = %+v %q", sum, sum)
		}
		c, _ := db.CallByCallID(context.Background(), "c-1")
		e, _ := db.GetEnquiry(context.Background(), c.EnquiryID)
		if e.Holder != "U1" || e.CitizenPhone != "+4512345678" || *c.HandledSeconds != 1200 || !e.ClosedAt.Equal(*callAt("2026-01-05T10:20:00Z")) {
			t.Errorf("imported c-1: holder=%q phone=%q handled=%d closed=%v", e.Holder, e.CitizenPhone, *c.HandledSeconds, e.ClosedAt)
		}
	})
}

func TestImportCallsRefusesWrongHeader(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc, _, _ := newCallService(t, db)
		_, err := svc.ImportCalls(context.Background(), strings.NewReader("id,time\nx,y\n"), func(int, error) {})
		if err == nil || !strings.Contains(err.Error(), `"call_id"`) {
			t.Errorf("err = %v, want one naming the missing column", err)
		}
	})
}
