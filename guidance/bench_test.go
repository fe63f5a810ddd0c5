package guidance

import (
	"slices"
	"testing"
	"time"
)

// BenchmarkSearch runs the labelled questions round robin through Search, as
// drafts do, and reports the 99th percentile latency of a single search as
// "p99-µs":
//
//	go test -run XXX -bench Search -benchtime 2000x ./guidance/
func BenchmarkSearch(b *testing.B) {
	benchSearch(b, (*Index).Search)
}

func benchSearch(b *testing.B, search searcher) {
	ix := builtinIndex(b)
	qs := loadQuestions(b)
	durs := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := search(ix, qs[i%len(qs)].Question, 3); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(durs)
	p99 := durs[(len(durs)*99)/100]
	b.ReportMetric(float64(p99.Nanoseconds())/1e3, "p99-µs")
}

// BenchmarkLoadBuiltin measures building the index from the embedded
// corpus.
func BenchmarkLoadBuiltin(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ix, err := LoadBuiltin()
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchAll is BenchmarkSearch for SearchAll, unconfirmed passages
// included, as `guidance search` runs it.
func BenchmarkSearchAll(b *testing.B) {
	benchSearch(b, (*Index).SearchAll)
}
