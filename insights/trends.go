package insights

import (
	"math"
	"sort"

	"github.com/affaldsbot/affaldsbot"
)

// A topic rises or falls when its count changed by at least
// trendMinChange enquiries and by at least trendMinShare of the larger
// count; smaller moves are steady.
const (
	trendMinChange = 3
	trendMinShare  = 0.2
)

// Trends.
const (
	TrendRising  = "rising"
	TrendFalling = "falling"
	TrendSteady  = "steady"
)

// topicTrends compares each topic's count with the previous period's,
// biggest moves first.
func topicTrends(now, before []Enquiry) []TopicTrend {
	cur, prev := countTopics(now), countTopics(before)
	out := []TopicTrend{}
	for _, t := range topicsOf(cur, prev) {
		tr := TopicTrend{Topic: t, Count: cur[t], Previous: prev[t], Change: cur[t] - prev[t], Trend: TrendSteady}
		larger := max(tr.Count, tr.Previous)
		if abs(tr.Change) >= trendMinChange && float64(abs(tr.Change)) >= trendMinShare*float64(larger) {
			tr.Trend = TrendRising
			if tr.Change < 0 {
				tr.Trend = TrendFalling
			}
		}
		out = append(out, tr)
	}
	sort.SliceStable(out, func(a, b int) bool { return abs(out[a].Change) > abs(out[b].Change) })
	return out
}

func countTopics(es []Enquiry) map[affaldsbot.Topic]int {
	out := map[affaldsbot.Topic]int{}
	for _, e := range es {
		out[e.Topic]++
	}
	return out
}

// topicsOf lists the known topics in their order, then any others seen.
func topicsOf(ms ...map[affaldsbot.Topic]int) []affaldsbot.Topic {
	out := append([]affaldsbot.Topic(nil), affaldsbot.Topics...)
	seen := map[affaldsbot.Topic]bool{}
	for _, t := range out {
		seen[t] = true
	}
	var extra []affaldsbot.Topic
	for _, m := range ms {
		for t := range m {
			if !seen[t] {
				seen[t] = true
				extra = append(extra, t)
			}
		}
	}
	sort.Slice(extra, func(a, b int) bool { return extra[a] < extra[b] })
	return append(out, extra...)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
