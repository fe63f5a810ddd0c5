package insights_test

import (
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/insights"
	"github.com/affaldsbot/affaldsbot/internal/historygen"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// plantedHistory is three years of the pilot's volume in which a fifth of
// the mails and calls ask one of the twelve planted questions, in their own
// words, and the rest ask one-off questions. planted maps enquiry number to
// the question asked (0 for none).
func plantedHistory(t testing.TB) (es []insights.Enquiry, planted map[int64]int) {
	t.Helper()
	o := historygen.Default(11)
	o.Questions = &historygen.Questions{Planted: len(historygen.PlantedQuestions), Share: 0.2}
	h := historygen.Generate(o, workcal.Default())
	planted = map[int64]int{}
	for _, m := range h.Mails {
		id := int64(len(es) + 1)
		es = append(es, insights.Enquiry{ID: id, Subject: m.Subject, Text: m.Body, Channel: affaldsbot.ChannelMail,
			Topic: affaldsbot.ClassifyTopic(m.Subject, m.Body), ReceivedAt: m.Received, Citizen: m.From})
		planted[id] = m.Planted
	}
	for _, c := range h.Calls {
		id := int64(len(es) + 1)
		es = append(es, insights.Enquiry{ID: id, Text: c.Note, Channel: affaldsbot.ChannelPhone,
			Topic: affaldsbot.ClassifyTopic("", c.Note), ReceivedAt: c.TransferredAt, Citizen: c.Number})
		planted[id] = c.Planted
	}
	return es, planted
}

// membership scores the recurring questions found against the planted
// ones: each cluster belongs to the question most of its members ask (or
// to noise); precision is the share of members of the planted questions'
// clusters that ask that question, recall the share of each planted
// question's enquiries found in its clusters.
type membership struct {
	precision, recall float64
	found             int // planted questions with a cluster
	invented          int // clusters most of whose members are noise
	perQuestion       map[int][2]int
	clusters          map[int]int // clusters per planted question
}

func score(rec []insights.Recurring, planted map[int64]int, questions int) membership {
	total := map[int]int{}
	for _, k := range planted {
		total[k]++
	}
	m := membership{perQuestion: map[int][2]int{}, clusters: map[int]int{}}
	var right, members int
	inCluster := map[int]int{}
	for _, r := range rec {
		votes := map[int]int{}
		for _, id := range r.Enquiries {
			votes[planted[id]]++
		}
		best := 0
		for k, n := range votes {
			if n > votes[best] || (n == votes[best] && k < best) {
				best = k
			}
		}
		if best == 0 {
			m.invented++
			continue
		}
		m.clusters[best]++
		right += votes[best]
		members += len(r.Enquiries)
		inCluster[best] += votes[best]
	}
	var recall float64
	for k := 1; k <= questions; k++ {
		if inCluster[k] > 0 {
			m.found++
		}
		recall += float64(inCluster[k]) / float64(total[k])
		m.perQuestion[k] = [2]int{inCluster[k], total[k]}
	}
	m.recall = recall / float64(questions)
	if members > 0 {
		m.precision = float64(right) / float64(members)
	}
	return m
}

// TestPlantedQuestionsAreFound: over a three-year history the recurring
// questions found are the planted ones, and noise makes few clusters.
func TestPlantedQuestionsAreFound(t *testing.T) {
	es, planted := plantedHistory(t)
	n := len(historygen.PlantedQuestions)
	start := time.Now()
	r := insights.Analyse(insights.Input{Enquiries: es}, insights.Options{Top: 1000})
	took := time.Since(start)
	m := score(r.Recurring, planted, n)
	t.Logf("%d enquiries in %s: %d clusters; planted questions found %d of %d; membership precision %.3f, recall %.3f; clusters of noise %d",
		len(es), took.Round(time.Millisecond), len(r.Recurring), m.found, n, m.precision, m.recall, m.invented)
	for k := 1; k <= n; k++ {
		t.Logf("  %-32s %4d of %4d in %d cluster(s)", historygen.PlantedQuestions[k-1].Name, m.perQuestion[k][0], m.perQuestion[k][1], m.clusters[k])
	}
	for _, rec := range r.Recurring {
		if votes := 0; rec.Count > 0 {
			for _, id := range rec.Enquiries {
				if planted[id] == 0 {
					votes++
				}
			}
			if 2*votes > rec.Count {
				t.Logf("  noise cluster of %d: %s", rec.Count, strings.Join(rec.Examples, " | "))
			}
		}
	}
	if m.found != n || m.precision < 0.95 || m.recall < 0.85 {
		t.Errorf("found %d of %d planted questions, precision %.3f, recall %.3f; want all, ≥ 0.95 and ≥ 0.85", m.found, n, m.precision, m.recall)
	}
	if m.invented > 3 {
		t.Errorf("%d clusters of noise; want at most 3", m.invented)
	}
	for _, rec := range r.Recurring[:min(len(r.Recurring), n)] {
		if len(rec.Examples) != 3 {
			t.Errorf("%q has %d examples; want 3", rec.Question, len(rec.Examples))
		}
	}
}
