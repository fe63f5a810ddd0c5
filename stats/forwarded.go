package stats

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/affaldsbot/affaldsbot/locale"
)

// Forwarded counts the period's enquiries sent on to another authority, by
// the destination's name.
type Forwarded struct {
	Total         int            `json:"total"`
	ByDestination map[string]int `json:"by_destination"`
}

// tools adds the forwards and the standard answers used to the report.
func (q *query) tools(ctx context.Context, r *Report) error {
	by, err := q.src.ForwardTally(ctx, q.from, q.to)
	if err != nil {
		return err
	}
	r.Forwarded = Forwarded{ByDestination: by}
	for _, n := range by {
		r.Forwarded.Total += n
	}
	r.StandardAnswers, err = q.src.AnswerUses(ctx, q.from, q.to)
	return err
}

// writeTools writes the forwards by destination and the standard answers
// used, most first.
func writeTools(b *strings.Builder, r *Report, lang string) {
	p := locale.NewPrinter(lang)
	fmt.Fprintf(b, "\n%s\n", p.Printf("stats_forwarded", locale.Number(r.Forwarded.Total)))
	writeCounts(b, r.Forwarded.ByDestination)
	total := 0
	for _, n := range r.StandardAnswers {
		total += n
	}
	fmt.Fprintf(b, "\n%s\n", p.Printf("stats_answers", locale.Number(total)))
	writeCounts(b, r.StandardAnswers)
}

func writeCounts(b *strings.Builder, counts map[string]int) {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		fmt.Fprintf(b, "  %-32s %10d\n", k, counts[k])
	}
}
