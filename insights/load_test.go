package insights_test

import (
	"context"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/insights"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

func TestLoadReadsThePeriodAndTheOneBefore(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		cph := workcal.Default().Location()
		add := func(subject, email, phone string, at time.Time) {
			e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicSortering,
				Subject: subject, CitizenEmail: email, CitizenPhone: phone, ReceivedAt: at}
			if err := db.InTx(ctx, func(tx *storage.Tx) error { return tx.CreateEnquiry(ctx, e) }); err != nil {
				t.Fatal(err)
			}
		}
		add("Februar", "a@example.dk", "", time.Date(2026, 2, 28, 23, 30, 0, 0, cph))
		add("Marts", "B@Example.dk", "", time.Date(2026, 3, 1, 0, 30, 0, 0, cph))
		add("Opkald", "", "22 33 44 55", time.Date(2026, 3, 31, 23, 0, 0, 0, cph))
		add("April", "c@example.dk", "", time.Date(2026, 4, 1, 0, 0, 0, 0, cph))
		p := workcal.Period{From: workcal.Date{Year: 2026, Month: 3, Day: 1}, To: workcal.Date{Year: 2026, Month: 3, Day: 31}}
		scored := 0
		in, err := insights.Load(ctx, db, p, cph, func(q string) (float64, bool) { scored++; return 1.5, true })
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Enquiries) != 2 || in.Enquiries[0].Subject != "Marts" || in.Enquiries[1].Subject != "Opkald" {
			t.Fatalf("period = %+v", in.Enquiries)
		}
		if len(in.Before) != 1 || in.Before[0].Subject != "Februar" || in.Previous.From != (workcal.Date{Year: 2026, Month: 2, Day: 1}) {
			t.Errorf("previous period %v = %+v", in.Previous, in.Before)
		}
		if in.Enquiries[0].Citizen != "mail:b@example.dk" || in.Enquiries[1].Citizen != "phone:+4522334455" {
			t.Errorf("citizen keys %q, %q", in.Enquiries[0].Citizen, in.Enquiries[1].Citizen)
		}
		if scored != 2 || in.Enquiries[0].Retrieval == nil || *in.Enquiries[0].Retrieval != 1.5 || in.Before[0].Retrieval != nil {
			t.Errorf("scored %d questions; retrieval %v / %v", scored, in.Enquiries[0].Retrieval, in.Before[0].Retrieval)
		}
	})
}
