package stats_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
	"github.com/google/go-cmp/cmp"
)

// rated records a reply to enquiry id carrying rating links, sent unless
// sent is false, rated n unless n is 0.
func (f fixture) rated(id int64, at time.Time, sent bool, n int) {
	m := &affaldsbot.Message{EnquiryID: &id, MessageID: at.String() + "@kk.example", ReceivedAt: at}
	f.tx(func(tx *storage.Tx) error {
		if err := tx.InsertReply(f.ctx, m); err != nil {
			return err
		}
		hash := m.MessageID
		if err := tx.InsertCSATRating(f.ctx, &storage.CSATRating{TokenHash: hash, MessageID: m.ID, EnquiryID: id, Lang: "da"}); err != nil {
			return err
		}
		if sent {
			if err := tx.MarkReplySent(f.ctx, m.ID, at); err != nil {
				return err
			}
		}
		if n == 0 {
			return nil
		}
		r, err := tx.LockCSATRating(f.ctx, hash)
		if err != nil {
			return err
		}
		r.Rating, r.ChangedAt = &n, &at
		return tx.SaveCSATRating(f.ctx, r)
	})
}

func TestCSATFigures(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		f := fixture{t, db, ctx}
		const mail, phone = affaldsbot.ChannelMail, affaldsbot.ChannelPhone
		a := f.enquiry(mail, affaldsbot.StatusAnswered, affaldsbot.TopicSortering, "a@example.dk", "", "U1", cet(3, 9, 0))
		b := f.enquiry(mail, affaldsbot.StatusAnswered, affaldsbot.TopicSortering, "b@example.dk", "", "U1", cet(4, 9, 0))
		c := f.enquiry(mail, affaldsbot.StatusAnswered, affaldsbot.TopicKlage, "c@example.dk", "", "U1", cet(5, 9, 0))
		d := f.enquiry(phone, affaldsbot.StatusAnswered, affaldsbot.TopicKlage, "d@example.dk", "+4522334455", "U1", cet(6, 9, 0))
		e := f.enquiry(mail, affaldsbot.StatusAnswered, affaldsbot.TopicSortering, "e@example.dk", "", "U1", cet(7, 9, 0))
		april := f.enquiry(mail, affaldsbot.StatusAnswered, affaldsbot.TopicSortering, "f@example.dk", "", "U1", time.Date(2025, 4, 2, 9, 0, 0, 0, cph))
		f.rated(a, cet(3, 10, 0), true, 5)
		f.rated(b, cet(4, 10, 0), true, 4)
		f.rated(c, cet(5, 10, 0), true, 1)
		f.rated(d, cet(6, 10, 0), true, 0)  // a call answered by mail, not rated
		f.rated(e, cet(7, 10, 0), false, 0) // never left: not counted
		f.rated(april, time.Date(2025, 4, 2, 10, 0, 0, 0, cph), true, 1)
		p := workcal.Period{From: workcal.Date{Year: 2025, Month: 3, Day: 1}, To: workcal.Date{Year: 2025, Month: 3, Day: 31}}
		r, err := stats.Compute(ctx, db, p, workcal.Default(), cet(20, 12, 0), stats.Options{Rows: true})
		if err != nil {
			t.Fatal(err)
		}
		want := stats.CSAT{
			CSATPart: stats.CSATPart{Rated: 3, Responses: 4, Satisfied: 2, Score: 0.667, ResponseRate: 0.75},
			ByTopic: map[affaldsbot.Topic]stats.CSATPart{
				"sortering": {Rated: 2, Responses: 2, Satisfied: 2, Score: 1, ResponseRate: 1},
				"klage":     {Rated: 1, Responses: 2, Satisfied: 0, Score: 0, ResponseRate: 0.5},
			},
			ByChannel: map[affaldsbot.Channel]stats.CSATPart{
				"mail":  {Rated: 3, Responses: 3, Satisfied: 2, Score: 0.667, ResponseRate: 1},
				"phone": {Rated: 0, Responses: 1},
			},
		}
		if d := cmp.Diff(want, r.CSAT); d != "" {
			t.Errorf("csat (-want +got):\n%s", d)
		}
		checkCSATForms(t, r)
	})
}

func checkCSATForms(t *testing.T, r *stats.Report) {
	t.Helper()
	var js bytes.Buffer
	if err := stats.WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		CSAT map[string]json.RawMessage `json:"csat"`
	}
	if err := json.Unmarshal(js.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"rated", "responses", "score", "by_topic", "by_channel"} {
		if _, ok := raw.CSAT[k]; !ok {
			t.Errorf("csat JSON lacks %q: %s", k, js.String())
		}
	}
	var text strings.Builder
	stats.WriteText(&text, r, stats.Style{Lang: "da"})
	if !strings.Contains(text.String(), "vurderet 3 af 4 (75,0 %), tilfredse (4–5) 66,7 %") {
		t.Errorf("text lacks the satisfaction line:\n%s", text.String())
	}
	var out bytes.Buffer
	if err := stats.WriteCSV(&out, r, false); err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(&out).ReadAll()
	col := len(recs[0]) - 1
	var ratings []string
	for _, rec := range recs[1:] {
		ratings = append(ratings, rec[col])
	}
	if recs[0][col] != "rating" || cmp.Diff([]string{"5", "4", "1", "", ""}, ratings) != "" {
		t.Errorf("CSV rating column %q = %q; want 5, 4, 1 and two empty", recs[0][col], ratings)
	}
}
