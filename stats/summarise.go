package stats

import (
	"context"
	"math"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// fromSummary fills in the counts of the report.
func fromSummary(s *storage.StatsSummary, p workcal.Period, now time.Time) *Report {
	r := &Report{From: p.From, To: p.To, GeneratedAt: now.UTC().Truncate(time.Second),
		ByTopic: map[affaldsbot.Topic]int{}}
	for _, t := range affaldsbot.Topics {
		r.ByTopic[t] = 0
	}
	for t, n := range s.ByTopic {
		r.ByTopic[t] += n
	}
	r.Enquiries = Counts{Total: s.Total, Mail: s.Total - s.Phone, Phone: s.Phone}
	r.Open = Open{New: s.New, Claimed: s.Claimed, Answered: s.Answered}
	if s.Total > 0 {
		r.RepeatContactRate = Round(float64(s.Repeats)/float64(s.Total), 3)
	}
	return r
}

// ranksOf are the ranks Percentile(·, q) of n sorted values reads.
func ranksOf(n int, qs ...float64) []int {
	var out []int
	for _, q := range qs {
		pos := float64(n-1) * q
		out = append(out, int(math.Floor(pos)), int(math.Ceil(pos)))
	}
	return out
}

// percentileAt is Percentile over n sorted values known at their ranks.
func percentileAt(n int, q float64, at func(int) float64) float64 {
	if n == 0 {
		return 0
	}
	pos := float64(n-1) * q
	lo, hi := int(math.Floor(pos)), int(math.Ceil(pos))
	return at(lo) + (at(hi)-at(lo))*(pos-float64(lo))
}

// responses is the median and 90th percentile first response in working
// minutes, read at their ranks in the database.
func (q *query) responses(ctx context.Context, n int) (ResponseMinutes, error) {
	if n == 0 {
		return ResponseMinutes{}, nil
	}
	ranked, err := q.src.ResponseRanks(ctx, q.from, q.to, ranksOf(n, 0.5, 0.9))
	if err != nil {
		return ResponseMinutes{}, err
	}
	at := func(k int) float64 { return time.Duration(ranked[k].Ns).Minutes() }
	return ResponseMinutes{Median: Round(percentileAt(n, 0.5, at), 1), P90: Round(percentileAt(n, 0.9, at), 1)}, nil
}

// handling is the mean and median handling time of the answered calls.
func (q *query) handling(ctx context.Context, s *storage.StatsSummary) (HandlingMinutes, error) {
	n := s.Handled
	if n == 0 {
		return HandlingMinutes{}, nil
	}
	ranked, err := q.src.HandlingRanks(ctx, q.from, q.to, ranksOf(n, 0.5))
	if err != nil {
		return HandlingMinutes{}, err
	}
	at := func(k int) float64 { return storage.HandlingMinutes(ranked[k].Ns, ranked[k].Logged) }
	mean, err := q.handlingMean(ctx, s)
	return HandlingMinutes{Mean: Round(mean, 1), Median: Round(percentileAt(n, 0.5, at), 1)}, err
}

// handlingMean is the mean handling time from the database's exact sum.
// Summed in another order, floating point could round a mean that lies on
// a rounding boundary the other way; such a mean is summed again from the
// values in the enquiries' order, as Mean does.
func (q *query) handlingMean(ctx context.Context, s *storage.StatsSummary) (float64, error) {
	mean := float64(s.HandlingNs) / float64(s.Handled) / float64(time.Minute)
	if _, frac := math.Modf(math.Abs(mean) * 10); math.Abs(frac-0.5) > 1e-6 {
		return mean, nil
	}
	times, err := q.src.HandlingTimes(ctx, q.from, q.to)
	if err != nil {
		return 0, err
	}
	xs := make([]float64, len(times))
	for i, t := range times {
		xs[i] = storage.HandlingMinutes(t.Ns, t.Logged)
	}
	return Mean(xs), nil
}

// perYear annualises each channel over its active days (docs/statistics.md);
// the total is the sum of the two unrounded rates, rounded once. It also
// returns the longest channel's active days.
func perYear(c Counts, p workcal.Period, starts map[affaldsbot.Channel]time.Time, today workcal.Date, loc *time.Location) (PerYear, int) {
	days := 0
	rate := func(ch affaldsbot.Channel, n int) float64 {
		first, ok := starts[ch]
		d := ActiveDays(p, first, ok, today, loc)
		days = max(days, d)
		return Annualise(n, d)
	}
	mail, phone := rate(affaldsbot.ChannelMail, c.Mail), rate(affaldsbot.ChannelPhone, c.Phone)
	return PerYear{Mail: Round(mail, 1), Phone: Round(phone, 1), Total: Round(mail+phone, 1)}, days
}
