package insights

import (
	"sort"
	"strings"

	"github.com/affaldsbot/affaldsbot"
)

// maxExamples is how many subjects show a recurring question.
const maxExamples = 3

// recurring describes the kept clusters, at most opts.Top, each with the
// standard answer that covers it.
func recurring(es []Enquiry, cs *clusters, answers []StandardAnswer, opts Options) []Recurring {
	poor := map[int64]bool{}
	for _, p := range poorly(es, opts) {
		poor[p.Enquiry] = true
	}
	repeat := repeatSet(es, nil)
	out := []Recurring{}
	for _, c := range cs.list {
		if len(out) == opts.Top {
			break
		}
		r := Recurring{Count: len(c.members), Previous: c.before, Cohesion: round(c.cohesion(), 3)}
		topics := map[affaldsbot.Topic]int{}
		for _, i := range c.members {
			e := es[i]
			r.Enquiries = append(r.Enquiries, e.ID)
			topics[e.Topic]++
			if poor[e.ID] {
				r.Poor++
			}
			if repeat[e.ID] {
				r.Repeats++
			}
		}
		sort.Slice(r.Enquiries, func(a, b int) bool { return r.Enquiries[a] < r.Enquiries[b] })
		r.Topic = commonest(topics)
		r.Examples = examples(es, c, cs.vectors)
		r.Question = r.Examples[0]
		r.Answer = covering(es, c, cs, answers, opts)
		out = append(out, r)
	}
	return out
}

// covering is the standard answer that covers a cluster: the one its
// enquiries were answered with most often, else the answer that uses the
// largest share (at least opts.AnswerCoverage) of the cluster's key terms;
// "" when none does.
func covering(es []Enquiry, c *cluster, cs *clusters, answers []StandardAnswer, opts Options) string {
	used := map[string]int{}
	best, n := "", 0
	for _, i := range c.members {
		if a := es[i].Answer; a != "" {
			if used[a]++; used[a] > n || (used[a] == n && a < best) {
				best, n = a, used[a]
			}
		}
	}
	if best != "" {
		return best
	}
	key := c.keyTerms(KeyTerms)
	top := opts.AnswerCoverage
	for _, a := range answers {
		if share := coverage(key, cs.voc, terms(a.Text)); share >= top {
			best, top = a.Name, share
		}
	}
	return best
}

// coverage is the share of the key terms' weight that the text's terms
// hold.
func coverage(key vector, voc *vocabulary, text []string) float64 {
	has := map[int32]bool{}
	for _, t := range text {
		if i, ok := voc.index[t]; ok {
			has[i] = true
		}
	}
	var held, all float64
	for _, e := range key {
		all += e.w
		if has[e.term] {
			held += e.w
		}
	}
	if all == 0 {
		return 0
	}
	return held / all
}

// uncovered are the recurring questions no standard answer covers.
func uncovered(rs []Recurring) []Recurring {
	out := []Recurring{}
	for _, r := range rs {
		if r.Answer == "" {
			out = append(out, r)
		}
	}
	return out
}

// examples are the distinct subjects of the members closest to the
// centre, most typical first.
func examples(es []Enquiry, c *cluster, vs []vector) []string {
	idx := append([]int(nil), c.members...)
	sim := make(map[int]float64, len(idx))
	for _, i := range idx {
		sim[i] = c.similarity(vs[i])
	}
	sort.SliceStable(idx, func(a, b int) bool { return sim[idx[a]] > sim[idx[b]] })
	var out []string
	seen := map[string]bool{}
	for _, i := range idx {
		s := strings.TrimSpace(es[i].Subject)
		if s == "" {
			s = firstLine(es[i].Text)
		}
		if key := strings.ToLower(s); !seen[key] {
			seen[key] = true
			out = append(out, s)
		}
		if len(out) == maxExamples {
			break
		}
	}
	return out
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80]) + "…"
	}
	return s
}

func commonest(m map[affaldsbot.Topic]int) affaldsbot.Topic {
	best, n := affaldsbot.TopicAndet, -1
	for _, t := range affaldsbot.Topics {
		if m[t] > n {
			best, n = t, m[t]
		}
	}
	return best
}
