package insights

import (
	"math"
	"sort"
)

// vector is a sparse TF-IDF vector of unit length, by term index.
type vector []entry

type entry struct {
	term int32
	w    float64
}

// vocabulary gives each term of the period an index and its document
// frequency.
type vocabulary struct {
	index map[string]int32
	df    []int
	n     int // documents counted
}

// newVocabulary counts the terms of the period's documents. A term of one
// document only is kept: it makes that document less like the others.
func newVocabulary(docs [][]string) *vocabulary {
	df := map[string]int{}
	for _, d := range docs {
		for t := range uniq(d) {
			df[t]++
		}
	}
	v := &vocabulary{index: map[string]int32{}, n: len(docs)}
	names := make([]string, 0, len(df))
	for t := range df {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		v.index[t] = int32(len(v.df))
		v.df = append(v.df, df[t])
	}
	return v
}

// vector weighs a document's terms by (1 + ln tf) · ln(N / df), unit
// length; terms outside the vocabulary are left out.
func (v *vocabulary) vector(doc []string) vector {
	tf := map[int32]int{}
	for _, t := range doc {
		if i, ok := v.index[t]; ok {
			tf[i]++
		}
	}
	out := make(vector, 0, len(tf))
	var norm float64
	for i, n := range tf {
		w := (1 + math.Log(float64(n))) * math.Log(float64(v.n)/float64(v.df[i]))
		if w > 0 {
			out = append(out, entry{i, w})
			norm += w * w
		}
	}
	norm = math.Sqrt(norm)
	for k := range out {
		out[k].w /= norm
	}
	sort.Slice(out, func(a, b int) bool { return out[a].term < out[b].term })
	return out
}

func uniq(ts []string) map[string]bool {
	out := make(map[string]bool, len(ts))
	for _, t := range ts {
		out[t] = true
	}
	return out
}
