package insights_test

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/guidance"
	"github.com/affaldsbot/affaldsbot/insights"
)

// TestLowRetrievalMarksTheGuidanceGaps calibrates DefaultLowRetrieval on
// the guidance's labelled questions: questions no passage answers should
// mostly score below it, questions a confirmed passage answers rarely.
//
//	go test -v -run LowRetrieval ./insights
func TestLowRetrievalMarksTheGuidanceGaps(t *testing.T) {
	ix, err := guidance.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../guidance/testdata/questions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var answered, gaps []float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		q, ids, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(q, "#") {
			continue
		}
		hits, err := ix.Search(q, 1)
		if err != nil {
			t.Fatal(err)
		}
		score := 0.0
		if len(hits) > 0 {
			score = hits[0].Score
		}
		if ids == "-" {
			gaps = append(gaps, score)
		} else if len(hits) > 0 && strings.Contains(","+ids+",", ","+hits[0].ID+",") {
			answered = append(answered, score)
		}
	}
	below := func(xs []float64) int {
		n := 0
		for _, x := range xs {
			if x < insights.DefaultLowRetrieval {
				n++
			}
		}
		return n
	}
	sort.Float64s(answered)
	sort.Float64s(gaps)
	t.Logf("questions a passage answers (top hit right): %d, below %.2f: %d; scores %v", len(answered), insights.DefaultLowRetrieval, below(answered), fmt2(answered))
	t.Logf("questions no passage answers: %d, below %.2f: %d; scores %v", len(gaps), insights.DefaultLowRetrieval, below(gaps), fmt2(gaps))
	if below(answered)*10 > len(answered) {
		t.Errorf("%d of %d answered questions score below %.2f; want at most a tenth", below(answered), len(answered), insights.DefaultLowRetrieval)
	}
	if below(gaps)*2 < len(gaps) {
		t.Errorf("%d of %d questions without a passage score below %.2f; want at least half", below(gaps), len(gaps), insights.DefaultLowRetrieval)
	}
}

func fmt2(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.2f", x)
	}
	return strings.Join(parts, " ")
}
