package insights_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/insights"
	"github.com/affaldsbot/affaldsbot/workcal"
	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

// few builds n enquiries of a topic from id on, an hour apart.
func few(id int64, n int, topic affaldsbot.Topic, at time.Time) []insights.Enquiry {
	var out []insights.Enquiry
	for i := range n {
		out = append(out, insights.Enquiry{ID: id + int64(i), Subject: "Spørgsmål", Topic: topic,
			Channel: affaldsbot.ChannelMail, ReceivedAt: at.Add(time.Duration(i) * time.Hour)})
	}
	return out
}

func TestPreviousPeriod(t *testing.T) {
	d := func(y int, m time.Month, day int) workcal.Date { return workcal.Date{Year: y, Month: m, Day: day} }
	for _, tc := range []struct{ p, want workcal.Period }{
		{workcal.Period{From: d(2025, 3, 1), To: d(2025, 3, 31)}, workcal.Period{From: d(2025, 2, 1), To: d(2025, 2, 28)}},
		{workcal.Period{From: d(2025, 1, 1), To: d(2025, 3, 31)}, workcal.Period{From: d(2024, 10, 1), To: d(2024, 12, 31)}},
		{workcal.Period{From: d(2025, 1, 1), To: d(2025, 12, 31)}, workcal.Period{From: d(2024, 1, 1), To: d(2024, 12, 31)}},
		{workcal.Period{From: d(2025, 3, 10), To: d(2025, 3, 16)}, workcal.Period{From: d(2025, 3, 3), To: d(2025, 3, 9)}},
		{workcal.Period{From: d(2025, 3, 1), To: d(2025, 3, 20)}, workcal.Period{From: d(2025, 2, 9), To: d(2025, 2, 28)}},
	} {
		if got := insights.Previous(tc.p); got != tc.want {
			t.Errorf("Previous(%v) = %v; want %v", tc.p, got, tc.want)
		}
	}
}

func TestTopicsRiseAndFall(t *testing.T) {
	now := append(few(100, 12, affaldsbot.TopicSortering, t0), few(200, 2, affaldsbot.TopicKlage, t0)...)
	now = append(now, few(300, 5, affaldsbot.TopicAfhentning, t0)...)
	before := append(few(1, 4, affaldsbot.TopicSortering, t0.AddDate(0, -1, 0)), few(20, 9, affaldsbot.TopicKlage, t0.AddDate(0, -1, 0))...)
	before = append(before, few(40, 4, affaldsbot.TopicAfhentning, t0.AddDate(0, -1, 0))...)
	r := insights.Analyse(insights.Input{Enquiries: now, Before: before}, insights.Options{})
	got := map[affaldsbot.Topic]insights.TopicTrend{}
	for _, tr := range r.Topics {
		got[tr.Topic] = tr
	}
	want := map[affaldsbot.Topic]insights.TopicTrend{
		"sortering":  {Topic: "sortering", Count: 12, Previous: 4, Change: 8, Trend: "rising"},
		"klage":      {Topic: "klage", Count: 2, Previous: 9, Change: -7, Trend: "falling"},
		"afhentning": {Topic: "afhentning", Count: 5, Previous: 4, Change: 1, Trend: "steady"},
	}
	for topic, w := range want {
		if d := cmp.Diff(w, got[topic]); d != "" {
			t.Errorf("%s (-want +got):\n%s", topic, d)
		}
	}
	if r.Topics[0].Topic != "sortering" || r.Topics[1].Topic != "klage" {
		t.Errorf("topics not ordered by the size of their move: %v, %v", r.Topics[0].Topic, r.Topics[1].Topic)
	}
}

func TestRewriteMeasuresChangedWords(t *testing.T) {
	for _, tc := range []struct {
		draft, reply string
		want         float64
	}{
		{"En pizzabakke med fedt skal i restaffald.", "En pizzabakke med fedt skal i restaffald.", 0},
		{"En pizzabakke med fedt skal i restaffald.", "en PIZZABAKKE med fedt skal i restaffald!", 0},
		{"En pizzabakke med fedt skal i restaffald.", "En pizzabakke med fedt skal i pap.", 1.0 / 7},
		{"En pizzabakke med fedt skal i restaffald.", "Ring til os i morgen.", 6.0 / 7}, // "i" stays
		{"Glas i glascontaineren.", "Ring til os.", 1},
		{"", "", 0},
	} {
		if got := insights.Rewrite(tc.draft, tc.reply); abs(got-tc.want) > 1e-9 {
			t.Errorf("Rewrite(%q, %q) = %.3f; want %.3f", tc.draft, tc.reply, got, tc.want)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestPoorlyAnsweredSaysWhy(t *testing.T) {
	es := []insights.Enquiry{
		{ID: 1, Subject: "Trampolin", Retrieval: ptr(0.04)},
		{ID: 2, Subject: "Pizzabakker", Retrieval: ptr(9.0), Discarded: 1, Drafts: 2},
		{ID: 3, Subject: "Maling", Retrieval: ptr(8.0), Draft: "Maling skal på genbrugsstationen.", Reply: "Ring til os, så finder vi en løsning sammen."},
		{ID: 4, Subject: "Glas", Retrieval: ptr(8.0), Draft: "Glas skal i glascontaineren.", Reply: "Glas skal i glascontaineren. Mvh"},
		{ID: 5, Subject: "Ukendt"},
	}
	r := insights.Analyse(insights.Input{Enquiries: es}, insights.Options{})
	got := map[int64][]string{}
	for _, p := range r.Poorly {
		got[p.Enquiry] = p.Reasons
	}
	want := map[int64][]string{1: {"low_retrieval"}, 2: {"draft_discarded"}, 3: {"draft_rewritten"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("poorly answered (-want +got):\n%s", d)
	}
}

func TestRepeatHotspotsNameTheRepeatContacts(t *testing.T) {
	var es []insights.Enquiry
	add := func(id int64, citizen string, topic affaldsbot.Topic, at time.Time) {
		es = append(es, insights.Enquiry{ID: id, Subject: "x", Topic: topic, Citizen: citizen, ReceivedAt: at})
	}
	for i := range 4 {
		c := string(rune('a' + i))
		add(int64(10*i+1), c, affaldsbot.TopicAfhentning, t0.Add(time.Duration(i)*time.Hour))
		add(int64(10*i+2), c, affaldsbot.TopicAfhentning, t0.Add(time.Duration(i)*time.Hour+3*24*time.Hour)) // within 14 days
	}
	add(100, "z", affaldsbot.TopicSortering, t0)
	add(101, "z", affaldsbot.TopicSortering, t0.Add(15*24*time.Hour)) // too late
	before := []insights.Enquiry{{ID: 90, Citizen: "z", Topic: affaldsbot.TopicSortering, ReceivedAt: t0.Add(-24 * time.Hour)}}
	r := insights.Analyse(insights.Input{Enquiries: es, Before: before}, insights.Options{})
	want := []insights.Hotspot{{Kind: "topic", Name: "afhentning", Repeats: 4, Of: 8, Rate: 0.5, Enquiries: []int64{2, 12, 22, 32}}}
	if d := cmp.Diff(want, r.Repeats); d != "" {
		t.Errorf("hotspots (-want +got):\n%s", d)
	}
}

func TestLowestRatedFirst(t *testing.T) {
	es := []insights.Enquiry{{ID: 1, Rating: ptr(5)}, {ID: 2, Rating: ptr(2)}, {ID: 3, Rating: ptr(1)}, {ID: 4}, {ID: 5, Rating: ptr(1)}}
	r := insights.Analyse(insights.Input{Enquiries: es}, insights.Options{})
	var got []int64
	for _, x := range r.LowestRated {
		got = append(got, x.Enquiry)
	}
	if d := cmp.Diff([]int64{5, 3, 2}, got); d != "" {
		t.Errorf("lowest rated (-want +got):\n%s", d)
	}
}

func TestReportForms(t *testing.T) {
	es, _ := plantedHistory(t)
	var year []insights.Enquiry
	for _, e := range es {
		if e.ReceivedAt.Year() == 2025 {
			year = append(year, e)
		}
	}
	year[0].Rating, year[1].Discarded = ptr(1), 1
	p := workcal.Period{From: workcal.Date{Year: 2025, Month: 1, Day: 1}, To: workcal.Date{Year: 2025, Month: 12, Day: 31}}
	r := insights.Analyse(insights.Input{Period: p, Previous: insights.Previous(p), Enquiries: year}, insights.Options{})
	var js bytes.Buffer
	if err := insights.WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"from", "to", "previous_from", "topics", "recurring", "poorly_answered", "repeat_hotspots", "lowest_rated"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if doc["previous_from"] != "2024-01-01" || doc["previous_to"] != "2024-12-31" {
		t.Errorf("previous period %v..%v; want the year 2024", doc["previous_from"], doc["previous_to"])
	}
	for lang, want := range map[string][]string{
		"da": {"Hvad borgerne har svært ved 2025-01-01..2025-12-31", "Spørgsmål der går igen", "fx: \"", "#", "Lavest vurderede svar"},
		"en": {"What citizens struggle with", "Recurring questions", "e.g.: \"", "Lowest-rated answers"},
	} {
		var b strings.Builder
		if err := insights.WriteText(&b, r, lang); err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s text lacks %q:\n%s", lang, w, b.String())
			}
		}
	}
}
