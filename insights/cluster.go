package insights

import (
	"math"
	"sort"
)

// cluster is a group of similar enquiries: the sum of their vectors, whose
// direction is the group's centre.
type cluster struct {
	sum     map[int32]float64
	norm2   float64 // |sum|²
	members []int   // indexes into the period's enquiries
	before  int     // similar enquiries of the previous period
}

func newCluster() *cluster { return &cluster{sum: map[int32]float64{}} }

// add puts enquiry i with vector v in the cluster and returns the terms
// the centre did not have before.
func (c *cluster) add(i int, v vector) (fresh []int32) {
	for _, e := range v {
		old, had := c.sum[e.term]
		if !had {
			fresh = append(fresh, e.term)
		}
		c.sum[e.term] = old + e.w
		c.norm2 += (old+e.w)*(old+e.w) - old*old
	}
	c.members = append(c.members, i)
	return fresh
}

// similarity is the cosine between v (unit length) and the centre.
func (c *cluster) similarity(v vector) float64 {
	if c.norm2 <= 0 {
		return 0
	}
	var dot float64
	for _, e := range v {
		dot += e.w * c.sum[e.term]
	}
	return dot / math.Sqrt(c.norm2)
}

// keyTerms are the k heaviest terms of the centre, heaviest first.
func (c *cluster) keyTerms(k int) vector {
	out := make(vector, 0, len(c.sum))
	for t, w := range c.sum {
		out = append(out, entry{t, w})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].w != out[b].w {
			return out[a].w > out[b].w
		}
		return out[a].term < out[b].term
	})
	return out[:min(k, len(out))]
}

// cohesion is the mean cosine between two different members: for unit
// vectors, (|Σv|² − n) / (n(n − 1)).
func (c *cluster) cohesion() float64 {
	n := float64(len(c.members))
	if n < 2 {
		return 0
	}
	return (c.norm2 - n) / (n * (n - 1))
}

// clusters are the recurring questions found, largest first.
type clusters struct {
	list    []*cluster
	of      []int // the cluster index of each enquiry; -1 for none
	vectors []vector
	voc     *vocabulary // the period's terms, for texts other than the enquiries'
}

// clusterEnquiries groups the period's enquiries by leader clustering over
// TF-IDF vectors of their Danish stems: each enquiry, oldest first, joins
// the most similar cluster if that is at least opts.Similarity, else
// starts one. A second pass assigns every enquiry again to its most
// similar final centre, which undoes what the order decided. Clusters of
// opts.MinCluster enquiries or more whose members resemble each other on
// average by opts.Cohesion are kept. The previous period's enquiries are
// then counted against the kept centres.
func clusterEnquiries(now, before []Enquiry, opts Options) *clusters {
	docs := make([][]string, len(now))
	for i, e := range now {
		docs[i] = terms(e.Subject + "\n" + e.Text)
	}
	voc := newVocabulary(docs)
	cs := &clusters{vectors: make([]vector, len(now)), voc: voc}
	for i, d := range docs {
		cs.vectors[i] = voc.vector(d)
	}
	leaders := leaderPass(cs.vectors, nil, opts.Similarity)
	final := leaderPass(cs.vectors, merge(leaders, opts.Similarity), opts.Similarity)
	cs.keep(final, opts)
	cs.countBefore(voc, before, opts.Similarity)
	return cs
}

// leaderPass assigns each vector to the most similar cluster of centres
// (fixed) or, with no centres, of the clusters it builds as it goes.
func leaderPass(vs []vector, centres []*cluster, threshold float64) []*cluster {
	building := centres == nil
	var out []*cluster
	ix := newPostings()
	if !building {
		out = make([]*cluster, len(centres))
		for k := range out {
			out[k] = newCluster()
		}
		for k, c := range centres {
			ix.addCluster(k, c)
		}
	}
	for i, v := range vs {
		if len(v) == 0 {
			continue
		}
		best, _ := ix.best(v, threshold, func(k int) *cluster {
			if building {
				return out[k]
			}
			return centres[k]
		})
		switch {
		case best >= 0:
			fresh := out[best].add(i, v)
			if building {
				ix.addTerms(best, fresh)
			}
		case building:
			c := newCluster()
			out = append(out, c)
			ix.addTerms(len(out)-1, c.add(i, v))
		}
	}
	return out
}

// merge joins clusters of two or more whose centres are at least
// threshold alike, the most alike pair first (average-linkage
// agglomeration over the centres): a question asked in two sets of words
// that the leader pass kept apart becomes one.
func merge(cs []*cluster, threshold float64) []*cluster {
	var big []*cluster
	for _, c := range cs {
		if len(c.members) >= 2 {
			big = append(big, c)
		}
	}
	for len(big) > 1 {
		a, b, sim := mostAlike(big)
		if sim < threshold {
			break
		}
		for t, w := range big[b].sum {
			old := big[a].sum[t]
			big[a].sum[t] = old + w
			big[a].norm2 += (old+w)*(old+w) - old*old
		}
		big[a].members = append(big[a].members, big[b].members...)
		big = append(big[:b], big[b+1:]...)
	}
	return big
}

// mostAlike finds the two clusters whose centres are most alike (a < b).
func mostAlike(cs []*cluster) (a, b int, sim float64) {
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			if s := centreCosine(cs[i], cs[j]); s > sim {
				a, b, sim = i, j, s
			}
		}
	}
	return a, b, sim
}

func centreCosine(x, y *cluster) float64 {
	if len(x.sum) > len(y.sum) {
		x, y = y, x
	}
	var dot float64
	for t, w := range x.sum {
		dot += w * y.sum[t]
	}
	return dot / math.Sqrt(x.norm2*y.norm2)
}

// keep takes the clusters that make recurring questions, largest first.
func (cs *clusters) keep(all []*cluster, opts Options) {
	cs.of = make([]int, len(cs.vectors))
	for i := range cs.of {
		cs.of[i] = -1
	}
	for _, c := range all {
		if len(c.members) >= opts.MinCluster && c.cohesion() >= opts.Cohesion {
			cs.list = append(cs.list, c)
		}
	}
	sort.SliceStable(cs.list, func(a, b int) bool { return len(cs.list[a].members) > len(cs.list[b].members) })
	for k, c := range cs.list {
		for _, i := range c.members {
			cs.of[i] = k
		}
	}
}

// countBefore counts the previous period's enquiries that would have
// joined each kept cluster.
func (cs *clusters) countBefore(voc *vocabulary, before []Enquiry, threshold float64) {
	ix := newPostings()
	for k, c := range cs.list {
		ix.addCluster(k, c)
	}
	for _, e := range before {
		v := voc.vector(terms(e.Subject + "\n" + e.Text))
		if k, _ := ix.best(v, threshold, func(k int) *cluster { return cs.list[k] }); k >= 0 {
			cs.list[k].before++
		}
	}
}

// postings find, for a vector, the clusters that share a term with it.
type postings map[int32][]int

func newPostings() postings { return postings{} }

func (p postings) addTerms(k int, ts []int32) {
	for _, t := range ts {
		p[t] = append(p[t], k)
	}
}

func (p postings) addCluster(k int, c *cluster) {
	for t := range c.sum {
		p[t] = append(p[t], k)
	}
}

// best is the most similar cluster with a similarity of at least
// threshold, and how similar; -1 when none is. Ties go to the older
// cluster.
//
// A centre has unit length, so by Cauchy–Schwarz a cluster that shares
// with v only terms whose weights in v have a norm below threshold cannot
// reach it: v's lightest terms, up to that norm, are not used to find
// candidates. Common words are light, and their long lists are skipped.
func (p postings) best(v vector, threshold float64, get func(int) *cluster) (int, float64) {
	seen := map[int]bool{}
	best, sim := -1, 0.0
	for _, e := range strongTerms(v, threshold) {
		for _, k := range p[e.term] {
			if seen[k] {
				continue
			}
			seen[k] = true
			s := get(k).similarity(v)
			if s > sim || (s == sim && best >= 0 && k < best) {
				best, sim = k, s
			}
		}
	}
	if sim < threshold {
		return -1, sim
	}
	return best, sim
}

// strongTerms are v's terms but the lightest ones whose weights have a
// norm below threshold.
func strongTerms(v vector, threshold float64) vector {
	byWeight := append(vector(nil), v...)
	sort.Slice(byWeight, func(a, b int) bool { return byWeight[a].w < byWeight[b].w })
	var sum2 float64
	for i, e := range byWeight {
		if sum2+e.w*e.w >= threshold*threshold {
			return byWeight[i:]
		}
		sum2 += e.w * e.w
	}
	return nil
}
