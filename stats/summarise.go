package stats

import (
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// summarise computes the report's figures from the period's rows.
func summarise(rows []Row, p workcal.Period, now time.Time) *Report {
	r := &Report{From: p.From, To: p.To, GeneratedAt: now.UTC().Truncate(time.Second),
		ByTopic: map[affaldsbot.Topic]int{}}
	for _, t := range affaldsbot.Topics {
		r.ByTopic[t] = 0
	}
	var first, handled []float64
	repeats := 0
	for i := range rows {
		row := &rows[i]
		r.count(row)
		if row.FirstResponse != nil {
			first = append(first, *row.FirstResponse)
		}
		if row.Handling != nil {
			handled = append(handled, *row.Handling)
		}
		if row.Repeat {
			repeats++
		}
	}
	r.FirstResponseMinutes = ResponseMinutes{Median: Round(Median(first), 1), P90: Round(Percentile(first, 0.9), 1)}
	r.CallHandlingMinutes = HandlingMinutes{Mean: Round(Mean(handled), 1), Median: Round(Median(handled), 1)}
	if len(rows) > 0 {
		r.RepeatContactRate = Round(float64(repeats)/float64(len(rows)), 3)
	}
	return r
}

// count adds one enquiry to the counts by channel, status and topic.
func (r *Report) count(row *Row) {
	r.Enquiries.Total++
	if row.Channel == affaldsbot.ChannelPhone {
		r.Enquiries.Phone++
	} else {
		r.Enquiries.Mail++
	}
	switch row.Status {
	case affaldsbot.StatusNew:
		r.Open.New++
	case affaldsbot.StatusClaimed:
		r.Open.Claimed++
	case affaldsbot.StatusAnswered:
		r.Open.Answered++
	}
	if row.Breached {
		r.DeadlineBreaches++
	}
	r.ByTopic[row.Topic]++
}

// perYear annualises each channel over its active days (SPEC §4.6); the
// total is the sum of the two rounded rates.
func perYear(c Counts, p workcal.Period, starts map[affaldsbot.Channel]time.Time, today workcal.Date, loc *time.Location) PerYear {
	rate := func(ch affaldsbot.Channel, n int) float64 {
		first, ok := starts[ch]
		return Round(Annualise(n, ActiveDays(p, first, ok, today, loc)), 1)
	}
	y := PerYear{Mail: rate(affaldsbot.ChannelMail, c.Mail), Phone: rate(affaldsbot.ChannelPhone, c.Phone)}
	y.Total = Round(y.Mail+y.Phone, 1)
	return y
}
