package workcal

import (
	"math/rand/v2"
	"sort"
	"sync"
	"testing"
	"time"
)

// randomInstant returns an instant between 2022 and 2028, often on a full
// quarter hour so that the edges of the working day come up.
func randomInstant(r *rand.Rand) time.Time {
	base := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	span := int64(6 * 365 * 24 * time.Hour)
	t := base.Add(time.Duration(r.Int64N(span)))
	if r.IntN(2) == 0 {
		t = t.Truncate(15 * time.Minute)
	}
	return t
}

func sortedInstants(r *rand.Rand, n int) []time.Time {
	ts := make([]time.Time, n)
	for i := range ts {
		ts[i] = randomInstant(r)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	return ts
}

func TestWorkingDurationIsAdditive(t *testing.T) {
	c, r := Default(), rand.New(rand.NewPCG(2025, 6))
	for range 3000 {
		ts := sortedInstants(r, 3)
		a, b, d := ts[0], ts[1], ts[2]
		whole, parts := c.WorkingDuration(a, d), c.WorkingDuration(a, b)+c.WorkingDuration(b, d)
		if whole != parts {
			t.Fatalf("WorkingDuration(%v, %v) = %v, but split at %v it is %v", a, d, whole, b, parts)
		}
	}
}

// naiveDuration walks day by day; it is the reference for the year totals.
func naiveDuration(c *Calendar, from, to time.Time) time.Duration {
	var total time.Duration
	for d := DateOf(from, c.loc); !d.After(DateOf(to, c.loc)); d = d.AddDays(1) {
		if !c.IsWorkingDate(d) {
			continue
		}
		open := later(from, c.wallClock(d, c.start))
		closing := earlier(to, c.wallClock(d, c.end))
		if closing.After(open) {
			total += closing.Sub(open)
		}
	}
	return total
}

func TestWorkingDurationMatchesDayByDay(t *testing.T) {
	c, r := Default(), rand.New(rand.NewPCG(7, 11))
	for range 300 {
		ts := sortedInstants(r, 2)
		if got, want := c.WorkingDuration(ts[0], ts[1]), naiveDuration(c, ts[0], ts[1]); got != want {
			t.Fatalf("WorkingDuration(%v, %v) = %v, day by day %v", ts[0], ts[1], got, want)
		}
	}
}

func TestAddWorkingTimeRoundTrip(t *testing.T) {
	c, r := Default(), rand.New(rand.NewPCG(42, 1))
	for range 2000 {
		start := randomInstant(r)
		d := time.Duration(r.Int64N(int64(400 * h)))
		if r.IntN(3) == 0 {
			d = d.Truncate(time.Hour)
		}
		end := c.AddWorkingTime(start, d)
		if got := c.WorkingDuration(start, end); got != d {
			t.Fatalf("WorkingDuration(%v, AddWorkingTime(…, %v) = %v) = %v", start, d, end, got)
		}
		if d > 0 && !c.IsWorkingTime(end.Add(-time.Nanosecond)) {
			t.Fatalf("AddWorkingTime(%v, %v) = %v, not the end of working time", start, d, end)
		}
	}
}

func TestCalendarConcurrentUse(t *testing.T) {
	c := Default()
	var wg sync.WaitGroup
	results := make([]time.Duration, 8)
	for i := range results {
		wg.Go(func() {
			results[i] = c.WorkingDuration(at(2000+i, 1, 1, 0, 0), at(2030, 1, 1, 0, 0))
		})
	}
	wg.Wait()
	for i, got := range results {
		if want := naiveDuration(c, at(2000+i, 1, 1, 0, 0), at(2030, 1, 1, 0, 0)); got != want {
			t.Errorf("from %d: %v, day by day %v", 2000+i, got, want)
		}
	}
}

// BenchmarkWorkingDuration measures the statistics' use: spans of minutes to
// months from random receipts.
func BenchmarkWorkingDuration(b *testing.B) {
	c, r := Default(), rand.New(rand.NewPCG(1, 2))
	starts := make([]time.Time, 1024)
	ends := make([]time.Time, len(starts))
	for i := range starts {
		starts[i] = randomInstant(r)
		ends[i] = starts[i].Add(time.Duration(r.Int64N(int64(60 * 24 * h))))
	}
	for i := 0; b.Loop(); i++ {
		c.WorkingDuration(starts[i%len(starts)], ends[i%len(ends)])
	}
}

func BenchmarkAddWorkingDays(b *testing.B) {
	c := Default()
	t := at(2025, 3, 7, 18, 0)
	for b.Loop() {
		c.AddWorkingDays(t, 10)
	}
}
