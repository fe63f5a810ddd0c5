package stats_test

import (
	"context"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var cph = workcal.Default().Location()

func cet(day, hour, min int) time.Time { return time.Date(2025, time.March, day, hour, min, 0, 0, cph) }

// fixture writes enquiries, events, replies and calls the way the handlers do.
type fixture struct {
	t   *testing.T
	db  *storage.DB
	ctx context.Context
}

func (f fixture) tx(fn func(tx *storage.Tx) error) {
	f.t.Helper()
	if err := f.db.InTx(f.ctx, fn); err != nil {
		f.t.Fatal(err)
	}
}

func (f fixture) enquiry(ch affaldsbot.Channel, st affaldsbot.Status, topic affaldsbot.Topic, email, phone, holder string, at time.Time) int64 {
	e := &affaldsbot.Enquiry{Channel: ch, Status: st, Topic: topic, CitizenEmail: email, CitizenPhone: phone, Holder: holder, ReceivedAt: at}
	f.tx(func(tx *storage.Tx) error { return tx.CreateEnquiry(f.ctx, e) })
	return e.ID
}

func (f fixture) event(id int64, typ affaldsbot.EventType, actor string, at time.Time) {
	f.tx(func(tx *storage.Tx) error {
		return tx.AddEvents(f.ctx, affaldsbot.Event{EnquiryID: id, Type: typ, Actor: actor, At: at})
	})
}

func (f fixture) sent(id int64, at time.Time) {
	m := &affaldsbot.Message{EnquiryID: &id, Kind: affaldsbot.MessageOutbound, SentAt: &at, ReceivedAt: at}
	f.tx(func(tx *storage.Tx) error {
		_, err := tx.InsertMessage(f.ctx, m, nil, "", storage.MailOrigin{})
		return err
	})
}

func (f fixture) call(id int64, at time.Time, answered, ended *time.Time, handled *int64) {
	c := &storage.Call{EnquiryID: id, CallID: at.String(), TransferredAt: at, AnsweredAt: answered, EndedAt: ended, HandledSeconds: handled}
	f.tx(func(tx *storage.Tx) error { _, err := tx.InsertCall(f.ctx, c); return err })
}

func ptr[T any](v T) *T { return &v }

// seedMarch is a month with every case of docs/statistics.md in it; the figures it
// should give are worked out by hand in TestComputeOnStorage.
func seedMarch(f fixture) {
	const mail, phone = affaldsbot.ChannelMail, affaldsbot.ChannelPhone
	x1 := f.enquiry(mail, affaldsbot.StatusClosed, affaldsbot.TopicSortering, "x@example.dk", "", "", time.Date(2025, 2, 25, 10, 0, 0, 0, cph))
	f.event(x1, affaldsbot.EventClaimed, "U1", time.Date(2025, 2, 25, 11, 0, 0, 0, cph))
	x2 := f.enquiry(mail, affaldsbot.StatusAnswered, affaldsbot.TopicSortering, "X@Example.dk", "", "U1", cet(2, 10, 0)) // Sunday
	f.sent(x2, cet(3, 8, 30))
	f.event(x2, affaldsbot.EventAnswered, "U1", cet(3, 8, 30))
	a := f.enquiry(mail, affaldsbot.StatusClosed, affaldsbot.TopicSortering, "jens@example.dk", "", "U1", cet(3, 9, 0))
	f.event(a, affaldsbot.EventClaimed, "U1", cet(3, 9, 10))
	f.sent(a, cet(3, 10, 30))
	f.event(a, affaldsbot.EventAnswered, "U1", cet(3, 10, 35))
	b := f.enquiry(mail, affaldsbot.StatusAnswered, affaldsbot.TopicAfhentning, "b@example.dk", "", "U2", cet(7, 15, 0))
	f.event(b, affaldsbot.EventAnswered, "U2", cet(10, 9, 0))
	f.enquiry(mail, affaldsbot.StatusNew, affaldsbot.TopicSortering, "c@example.dk", "", "", cet(4, 9, 0))
	d := f.enquiry(mail, affaldsbot.StatusClaimed, affaldsbot.TopicKlage, "JENS@example.dk", "", "U2", cet(14, 9, 0))
	f.event(d, affaldsbot.EventClaimed, "U2", cet(14, 9, 5))
	e := f.enquiry(phone, affaldsbot.StatusClosed, affaldsbot.TopicStortIndbo, "", "+4522334455", "U1", cet(5, 10, 0))
	f.event(e, affaldsbot.EventCallAttempt, "U1", cet(5, 10, 20))
	f.call(e, cet(5, 10, 0), ptr(cet(5, 10, 20)), ptr(cet(5, 10, 39)), nil)
	fc := f.enquiry(phone, affaldsbot.StatusClosed, affaldsbot.TopicAndet, "", "+4511111111", "U2", cet(6, 9, 0))
	f.call(fc, cet(6, 9, 0), ptr(cet(6, 9, 2)), nil, ptr(int64(1260)))
	g := f.enquiry(phone, affaldsbot.StatusNew, affaldsbot.TopicAndet, "", "22 33 44 55", "", cet(12, 13, 0))
	f.call(g, cet(12, 13, 0), nil, nil, nil)
	f.enquiry(mail, affaldsbot.StatusNew, affaldsbot.TopicAndet, "late@example.dk", "", "", time.Date(2025, 4, 1, 0, 0, 0, 0, cph))
}

func TestComputeOnStorage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedMarch(fixture{t, db, ctx})
		p := workcal.Period{From: workcal.Date{Year: 2025, Month: 3, Day: 1}, To: workcal.Date{Year: 2025, Month: 3, Day: 31}}
		now := cet(20, 12, 0)
		got, err := stats.Compute(ctx, db, p, workcal.Default(), now, stats.Options{Weekly: true, Rows: true})
		if err != nil {
			t.Fatal(err)
		}
		want := &stats.Report{From: p.From, To: p.To, GeneratedAt: now.UTC(),
			Enquiries: stats.Counts{Total: 8, Mail: 5, Phone: 3},
			// mail active 1–20 March (20 days), phone from its first call on 5 March (16 days)
			PerYear:              stats.PerYear{Mail: 91.3, Phone: 68.5, Total: 159.8},
			Open:                 stats.Open{New: 2, Claimed: 1, Answered: 2},
			FirstResponseMinutes: stats.ResponseMinutes{Median: 60, P90: 111}, // 20, 30, 90, 120
			CallHandlingMinutes:  stats.HandlingMinutes{Mean: 20, Median: 20}, // 19 and 21; the unanswered call has none
			DeadlineBreaches:     1,                                           // c: due 18 March, unanswered
			RepeatContactRate:    0.375,                                       // x2, d, g of 8
			ByTopic: map[affaldsbot.Topic]int{"sortering": 3, "afhentning": 1, "stort_indbo": 1, "farligt_affald": 0,
				"genbrugsstation": 0, "beholdere": 0, "erhverv": 0, "klage": 1, "andet": 2},
			ByAdviser: map[string]storage.AdviserTally{"U1": {Claimed: 1, Answered: 2}, "U2": {Claimed: 1, Answered: 1}},
			CSAT:      stats.CSAT{ByTopic: map[affaldsbot.Topic]stats.CSATPart{}, ByChannel: map[affaldsbot.Channel]stats.CSATPart{}},
			Forwarded: stats.Forwarded{ByDestination: map[string]int{}}, StandardAnswers: map[string]int{},
			Responded: 4, Handled: 2, PerYearDays: 20,
		}
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(stats.Report{}, "Rows", "Weekly")); diff != "" {
			t.Errorf("Compute (-want +got):\n%s", diff)
		}
		checkWeeks(t, got.Weekly)
		if len(got.Rows) != 8 {
			t.Errorf("Rows = %d, want 8", len(got.Rows))
		}
	})
}

func checkWeeks(t *testing.T, got []stats.Week) {
	t.Helper()
	monday := func(m time.Month, d int) workcal.Date { return workcal.Date{Year: 2025, Month: m, Day: d} }
	want := []stats.Week{
		{Monday: monday(2, 24), Mail: 1, FirstResponseHours: ptr(0.5)},
		{Monday: monday(3, 3), Mail: 3, Phone: 2, FirstResponseHours: ptr(1.5)}, // 20, 90, 120 minutes
		{Monday: monday(3, 10), Mail: 1, Phone: 1},
		{Monday: monday(3, 17)}, {Monday: monday(3, 24)}, {Monday: monday(3, 31)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Weekly (-want +got):\n%s", diff)
	}
}
