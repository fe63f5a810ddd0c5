package stats

import (
	"math"
	"slices"
	"time"

	"github.com/affaldsbot/affaldsbot/workcal"
)

// Median is the middle value; of an even count, the mean of the middle two.
// It is 0 for no values.
func Median(xs []float64) float64 {
	return Percentile(xs, 0.5)
}

// Percentile interpolates linearly between the closest ranks, at rank
// (n−1)·q of the sorted values: Percentile(xs, 0.5) is the Median. It is 0
// for no values; xs is not changed.
func Percentile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return percentileSorted(s, q)
}

func percentileSorted(s []float64, q float64) float64 {
	pos := float64(len(s)-1) * q
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	return s[lo] + (s[hi]-s[lo])*(pos-float64(lo))
}

// Mean is the arithmetic mean, 0 for no values.
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// Round rounds x to the given number of decimals, halves away from zero.
func Round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// ActiveDays counts the days, both ends included, from the later of the
// period's start and the channel's first enquiry to the earlier of the
// period's end and today; 0 when the channel had none by then.
func ActiveDays(p workcal.Period, first time.Time, hasFirst bool, today workcal.Date, loc *time.Location) int {
	if !hasFirst {
		return 0
	}
	from, to := p.From, p.To
	if d := workcal.DateOf(first, loc); d.After(from) {
		from = d
	}
	if today.Before(to) {
		to = today
	}
	if to.Before(from) {
		return 0
	}
	return workcal.Period{From: from, To: to}.Days()
}

// Annualise scales a count over active days to a year of 365.25 days.
func Annualise(count, activeDays int) float64 {
	if activeDays <= 0 {
		return 0
	}
	return float64(count) / (float64(activeDays) / 365.25)
}
