package stats

import (
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// weekly counts the period's enquiries per ISO week (Monday first) and
// takes each week's median first response in working hours.
func weekly(rows []Row, p workcal.Period, loc *time.Location) []Week {
	first := mondayOf(p.From)
	n := (workcal.Period{From: first, To: p.To}.Days() + 6) / 7
	weeks := make([]Week, n)
	minutes := make([][]float64, n)
	for i := range weeks {
		weeks[i].Monday = first.AddDays(7 * i)
	}
	for i := range rows {
		w := (workcal.Period{From: first, To: workcal.DateOf(rows[i].ReceivedAt, loc)}.Days() - 1) / 7
		if w < 0 || w >= n {
			continue
		}
		if rows[i].Channel == affaldsbot.ChannelPhone {
			weeks[w].Phone++
		} else {
			weeks[w].Mail++
		}
		if rows[i].FirstResponse != nil {
			minutes[w] = append(minutes[w], *rows[i].FirstResponse)
		}
		if r := rows[i].Rating; r != nil {
			weeks[w].Rated++
			if *r >= 4 {
				weeks[w].Satisfied++
			}
		}
	}
	for i := range weeks {
		if weeks[i].Rated > 0 {
			share := Round(100*float64(weeks[i].Satisfied)/float64(weeks[i].Rated), 1)
			weeks[i].SatisfiedShare = &share
		}
		if len(minutes[i]) > 0 {
			h := Round(Median(minutes[i])/60, 2)
			weeks[i].FirstResponseHours = &h
		}
	}
	return weeks
}

func mondayOf(d workcal.Date) workcal.Date {
	return d.AddDays(-int((d.Weekday() + 6) % 7))
}
