package insights

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// Source is what Load reads; *storage.DB implements it.
type Source interface {
	// InsightRows returns the enquiries received in [from, to).
	InsightRows(ctx context.Context, from, to time.Time) ([]storage.InsightRow, error)
}

// Scorer says how well the sorting guidance matches a question (the best
// passage's search score); ok is false when it cannot tell.
type Scorer func(question string) (score float64, ok bool)

// Previous is the period just before p: as many whole months when p is
// whole months (a month, a quarter, a year), else as many days.
func Previous(p workcal.Period) workcal.Period {
	if months, ok := wholeMonths(p); ok {
		start := time.Date(p.From.Year, p.From.Month-time.Month(months), 1, 0, 0, 0, 0, time.UTC)
		return workcal.Period{From: workcal.Date{Year: start.Year(), Month: start.Month(), Day: 1}, To: p.From.AddDays(-1)}
	}
	n := p.Days()
	return workcal.Period{From: p.From.AddDays(-n), To: p.From.AddDays(-1)}
}

// wholeMonths is how many calendar months p spans when it starts on the
// first of a month and ends on the last day of one.
func wholeMonths(p workcal.Period) (int, bool) {
	if p.From.Day != 1 || p.To.AddDays(1).Day != 1 {
		return 0, false
	}
	return (p.To.Year-p.From.Year)*12 + int(p.To.Month-p.From.Month) + 1, true
}

// Load reads the enquiries of p and of the period before it, in loc;
// score, when not nil, rates how well the guidance covers each question of
// p. Erased enquiries count in the trends but have no text to cluster.
func Load(ctx context.Context, src Source, p workcal.Period, loc *time.Location, score Scorer) (Input, error) {
	in := Input{Period: p, Previous: Previous(p)}
	now, err := src.InsightRows(ctx, p.Start(loc), p.End(loc))
	if err != nil {
		return in, fmt.Errorf("insights: %w", err)
	}
	before, err := src.InsightRows(ctx, in.Previous.Start(loc), in.Previous.End(loc))
	if err != nil {
		return in, fmt.Errorf("insights: %w", err)
	}
	in.Enquiries, in.Before = enquiries(now, score), enquiries(before, nil)
	return in, nil
}

func enquiries(rows []storage.InsightRow, score Scorer) []Enquiry {
	out := make([]Enquiry, len(rows))
	for i, r := range rows {
		e := Enquiry{ID: r.ID, Subject: r.Subject, Text: r.Text, Topic: affaldsbot.Topic(r.Topic),
			Channel: affaldsbot.Channel(r.Channel), ReceivedAt: r.ReceivedAt, Citizen: citizenKey(r),
			Drafts: r.Drafts, Discarded: r.Discarded, Draft: r.Draft, Reply: r.Reply, Rating: r.Rating, Answer: r.Answer}
		if score != nil && !r.Erased && strings.TrimSpace(r.Subject+r.Text) != "" {
			if s, ok := score(r.Subject + "\n" + r.Text); ok {
				e.Retrieval = &s
			}
		}
		out[i] = e
	}
	return out
}

// citizenKey is the citizen's address in lower case, else their number in
// E.164, as repeat contacts count them (docs/statistics.md).
func citizenKey(r storage.InsightRow) string {
	if r.CitizenEmail != "" {
		return "mail:" + strings.ToLower(r.CitizenEmail)
	}
	if r.CitizenPhone != "" {
		return "phone:" + storage.CitizenPhoneKey(r.CitizenPhone)
	}
	return ""
}
