package stats

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// TestWeeklyCountsRatings: each week's rated enquiries, those rated 4 or 5,
// and their share in per cent; no share in a week without ratings.
func TestWeeklyCountsRatings(t *testing.T) {
	loc := time.UTC
	at := func(d int) time.Time { return time.Date(2026, 11, d, 10, 0, 0, 0, loc) }
	n := func(v int) *int { return &v }
	rows := []Row{
		{ID: 1, Channel: affaldsbot.ChannelMail, ReceivedAt: at(2), Rating: n(5)},
		{ID: 2, Channel: affaldsbot.ChannelMail, ReceivedAt: at(3), Rating: n(2)},
		{ID: 3, Channel: affaldsbot.ChannelMail, ReceivedAt: at(4), Rating: n(4)},
		{ID: 4, Channel: affaldsbot.ChannelPhone, ReceivedAt: at(5)},
		{ID: 5, Channel: affaldsbot.ChannelMail, ReceivedAt: at(10)},
	}
	p := workcal.Period{From: workcal.Date{Year: 2026, Month: 11, Day: 2}, To: workcal.Date{Year: 2026, Month: 11, Day: 15}}
	weeks := weekly(rows, p, loc)
	type got struct {
		Rated, Satisfied int
		Share            *float64
	}
	share := 66.7
	want := []got{{3, 2, &share}, {0, 0, nil}}
	var have []got
	for _, w := range weeks {
		have = append(have, got{w.Rated, w.Satisfied, w.SatisfiedShare})
	}
	if d := cmp.Diff(want, have); d != "" {
		t.Errorf("weeks (-want +got):\n%s", d)
	}
}
