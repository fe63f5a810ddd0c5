package main

import (
	"strings"
	"testing"
)

// TestReadsTheGuidanceLines: the recall test prints one line for the drafts'
// passages and one for all; the table takes the weaker, and the search
// benchmark's p99 in microseconds.
func TestReadsTheGuidanceLines(t *testing.T) {
	r := read(strings.NewReader(`recall@3, drafts (confirmed passages) = 0.950 (91/91 questions)
recall@3, all passages = 1.000 (136/136 questions)
BenchmarkSearch-2      	    2000	    104368 ns/op	       494.5 p99-µs	   61874 B/op	     675 allocs/op
`))
	if got := r["Recall"]; got["recall"] != 0.95 || got["questions"] != 91 {
		t.Errorf("recall %v, want 0.95 on 91 questions", got)
	}
	text, ok, present := rows[len(rows)-1].measured(r)
	if !present || !ok || text != "p99 0.49 ms; recall@3 0.950 on 91 questions" {
		t.Errorf("guidance row %q ok=%v present=%v", text, ok, present)
	}
}
