package handlers_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
)

func sampleCall() handlers.CallReport {
	return handlers.CallReport{CallID: "pz-2026-000123", CallerNumber: "12 34 56 78", CallerName: "Jens Hansen",
		Note: "Spørger om storskrald i gården", Queue: "affald", TransferredBy: "Borgerservice",
		TransferredAt: callAt("2026-11-26T09:14:03+01:00")}
}

func TestReceiveCallOpensPhoneEnquiry(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, jobs, _ := newCallService(t, db)
		res, err := svc.ReceiveCall(ctx, sampleCall())
		if err != nil || res.Status != handlers.CallCreated {
			t.Fatalf("ReceiveCall = %+v, %v", res, err)
		}
		e, err := db.GetEnquiry(ctx, res.EnquiryID)
		if err != nil {
			t.Fatal(err)
		}
		want := affaldsbot.Enquiry{ID: res.EnquiryID, Channel: affaldsbot.ChannelPhone, Status: affaldsbot.StatusNew,
			Topic: affaldsbot.TopicStortIndbo, Subject: "Spørger om storskrald i gården", CitizenName: "Jens Hansen",
			CitizenPhone: "+4512345678", Mailbox: "affald", ReceivedAt: callAt("2026-11-26T08:14:03Z").UTC()}
		e.ReceivedAt, e.CreatedAt, e.UpdatedAt = e.ReceivedAt.UTC(), time.Time{}, time.Time{}
		if diff := cmp.Diff(want, *e); diff != "" {
			t.Errorf("enquiry (-want +got):\n%s", diff)
		}
		msgs, _ := db.Messages(ctx, e.ID)
		if len(msgs) != 1 || msgs[0].Kind != affaldsbot.MessageCallLog || msgs[0].Body != sampleCall().Note {
			t.Errorf("messages = %+v, want one call_log with the note", msgs)
		}
		if diff := cmp.Diff([]string{"sync_slack"}, kinds(jobs.Take())); diff != "" {
			t.Errorf("jobs (-want +got):\n%s", diff)
		}
	})
}

func TestReceiveCallDuplicateThenUpdate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, jobs, _ := newCallService(t, db)
		first, _ := svc.ReceiveCall(ctx, sampleCall())
		again, err := svc.ReceiveCall(ctx, sampleCall())
		if err != nil || again != (handlers.CallResult{Status: handlers.CallExists, EnquiryID: first.EnquiryID}) {
			t.Fatalf("duplicate = %+v, %v", again, err)
		}
		upd := sampleCall()
		upd.TransferredAt, upd.AnsweredAt, upd.EndedAt = nil, callAt("2026-11-26T09:20:00+01:00"), callAt("2026-11-26T09:38:30+01:00")
		res, err := svc.ReceiveCall(ctx, upd)
		if err != nil || res.Status != handlers.CallUpdated {
			t.Fatalf("update = %+v, %v", res, err)
		}
		c, _ := db.GetCall(ctx, first.EnquiryID)
		if c.HandledSeconds == nil || *c.HandledSeconds != 18*60+30 {
			t.Errorf("handled seconds = %v, want 1110", c.HandledSeconds)
		}
		if n := callCount(t, db, `SELECT COUNT(*) FROM events WHERE type = 'call_updated'`); n != 1 {
			t.Errorf("call_updated events = %d, want 1", n)
		}
		if repeat, _ := svc.ReceiveCall(ctx, upd); repeat.Status != handlers.CallExists {
			t.Errorf("same update again = %q, want exists", repeat.Status)
		}
		if diff := cmp.Diff([]string{"sync_slack", "update_root"}, kinds(jobs.Take())); diff != "" {
			t.Errorf("jobs (-want +got):\n%s", diff)
		}
	})
}

func TestReceiveCallRefusesBadReports(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, _, _ := newCallService(t, db)
		noTime := sampleCall()
		noTime.TransferredAt = nil
		backwards := sampleCall()
		backwards.AnsweredAt, backwards.EndedAt = callAt("2026-11-26T10:00:00Z"), callAt("2026-11-26T09:00:00Z")
		for field, r := range map[string]handlers.CallReport{"transferred_at": noTime, "ended_at": backwards} {
			_, err := svc.ReceiveCall(ctx, r)
			if fe, ok := err.(*handlers.FieldError); !ok || fe.Field != field {
				t.Errorf("error = %v, want a FieldError on %s", err, field)
			}
		}
		if n := callCount(t, db, `SELECT COUNT(*) FROM enquiries`); n != 0 {
			t.Errorf("%d enquiries stored from bad reports", n)
		}
	})
}

// TestReceiveCallConcurrentDuplicates sends one call from several clients at
// once: the unique call_id makes exactly one enquiry.
func TestReceiveCallConcurrentDuplicates(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		svc, _, _ := newCallService(t, db)
		var wg sync.WaitGroup
		statuses := make([]string, 8)
		for i := range statuses {
			wg.Go(func() {
				res, err := svc.ReceiveCall(context.Background(), sampleCall())
				if err != nil {
					t.Error(err)
				}
				statuses[i] = res.Status
			})
		}
		wg.Wait()
		created := 0
		for _, s := range statuses {
			if s == handlers.CallCreated {
				created++
			}
		}
		if n := callCount(t, db, `SELECT COUNT(*) FROM enquiries`); n != 1 || created != 1 {
			t.Errorf("enquiries = %d, created answers = %d (%v); want 1 and 1", n, created, statuses)
		}
	})
}

func TestRegisterManualCall(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		svc, _, _ := newCallService(t, db)
		r := handlers.CallReport{CallerNumber: "+45 87 65 43 21", Note: "Hvor skal pizzabakker sorteres?", Minutes: 17,
			TransferredAt: callAt("2026-11-26T10:00:00Z")}
		if _, err := svc.RegisterManualCall(ctx, "UOTHER", r); affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Fatalf("non-adviser: err = %v, want forbidden", err)
		}
		res, err := svc.RegisterManualCall(ctx, callAdviserID, r)
		if err != nil {
			t.Fatal(err)
		}
		e, _ := db.GetEnquiry(ctx, res.EnquiryID)
		c, _ := db.GetCall(ctx, res.EnquiryID)
		if e.Holder != callAdviserID || e.Status != affaldsbot.StatusAnswered || e.FirstResponseAt == nil {
			t.Errorf("enquiry holder=%q status=%q first response=%v", e.Holder, e.Status, e.FirstResponseAt)
		}
		if c.HandledSeconds == nil || *c.HandledSeconds != 17*60 || len(c.CallID) < len("manual-x") || c.CallID[:7] != "manual-" {
			t.Errorf("call id=%q handled=%v, want manual-… and 1020", c.CallID, c.HandledSeconds)
		}
	})
}
