package affaldsbot

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// labelledEnquiry is one enquiry of testdata/topics_*.json with the topic an
// adviser would give it.
type labelledEnquiry struct {
	Topic   Topic  `json:"topic"`
	Subject string `json:"subject"`
	Text    string `json:"text"`
}

func loadEnquiries(tb testing.TB, path string) []labelledEnquiry {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var out []labelledEnquiry
	if err := json.Unmarshal(data, &out); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	for i, e := range out {
		if !e.Topic.Valid() {
			tb.Fatalf("%s #%d: unknown topic %q", path, i, e.Topic)
		}
	}
	return out
}

// topicScores are precision, recall and F1 per topic and their macro mean.
type topicScores struct {
	Precision, Recall, F1 map[Topic]float64
	MacroF1               float64
}

// scoreTopics compares predicted with wanted topics, one pair per enquiry.
func scoreTopics(want, got []Topic) topicScores {
	tp, fp, fn := map[Topic]int{}, map[Topic]int{}, map[Topic]int{}
	for i := range want {
		if want[i] == got[i] {
			tp[want[i]]++
			continue
		}
		fp[got[i]]++
		fn[want[i]]++
	}
	s := topicScores{Precision: map[Topic]float64{}, Recall: map[Topic]float64{}, F1: map[Topic]float64{}}
	for _, t := range Topics {
		s.Precision[t] = ratio(tp[t], tp[t]+fp[t])
		s.Recall[t] = ratio(tp[t], tp[t]+fn[t])
		if p, r := s.Precision[t], s.Recall[t]; p+r > 0 {
			s.F1[t] = 2 * p * r / (p + r)
		}
		s.MacroF1 += s.F1[t] / float64(len(Topics))
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s topicScores) print(w io.Writer, name string, n int) {
	fmt.Fprintf(w, "%s (%d enquiries)\n%-16s %9s %6s %6s\n", name, n, "topic", "precision", "recall", "F1")
	for _, t := range Topics {
		fmt.Fprintf(w, "%-16s %9.3f %6.3f %6.3f\n", t, s.Precision[t], s.Recall[t], s.F1[t])
	}
	fmt.Fprintf(w, "macro-F1 %.3f\n", s.MacroF1)
}

func classifyAll(es []labelledEnquiry) (want, got []Topic) {
	for _, e := range es {
		want = append(want, e.Topic)
		got = append(got, ClassifyTopic(e.Subject, e.Text))
	}
	return want, got
}

func TestScoreTopics(t *testing.T) {
	s := scoreTopics(
		[]Topic{TopicKlage, TopicKlage, TopicAfhentning, TopicAndet},
		[]Topic{TopicKlage, TopicAfhentning, TopicAfhentning, TopicAndet})
	if s.Precision[TopicAfhentning] != 0.5 || s.Recall[TopicKlage] != 0.5 || s.F1[TopicAndet] != 1 {
		t.Errorf("scores = %+v", s)
	}
	if s.F1[TopicErhverv] != 0 {
		t.Errorf("a topic that never occurs scores %v, want 0", s.F1[TopicErhverv])
	}
}

const minMacroF1 = 0.85

// TestTopicAccuracy measures the classifier on enquiries kept apart from the
// ones its rules were tuned on (testdata/topics_dev.json):
//
//	go test -count=1 -run TopicAccuracy -v .
func TestTopicAccuracy(t *testing.T) {
	es := loadEnquiries(t, "testdata/topics_test.json")
	if len(es) < 300 {
		t.Fatalf("only %d labelled enquiries, want at least 300", len(es))
	}
	s := scoreTopics(classifyAll(es))
	var b strings.Builder
	s.print(&b, "held-out test set", len(es))
	fmt.Print(b.String())
	if s.MacroF1 < minMacroF1 {
		t.Errorf("macro-F1 %.3f, want >= %.2f", s.MacroF1, minMacroF1)
	}
}

// TestTopicAccuracyDev prints the same figures on the tuning set and lists
// its misses, to tune the rules against.
func TestTopicAccuracyDev(t *testing.T) {
	es := loadEnquiries(t, "testdata/topics_dev.json")
	want, got := classifyAll(es)
	s := scoreTopics(want, got)
	var b strings.Builder
	s.print(&b, "tuning set", len(es))
	fmt.Print(b.String())
	for i := range es {
		if want[i] != got[i] {
			t.Logf("miss: want %s got %s: %q / %q", want[i], got[i], es[i].Subject, es[i].Text)
		}
	}
}

// BenchmarkClassifyTopic classifies the held-out enquiries round robin; ns/op
// is the time for one enquiry:
//
//	go test -run '^$' -bench ClassifyTopic .
func BenchmarkClassifyTopic(b *testing.B) {
	es := loadEnquiries(b, "testdata/topics_test.json")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e := es[i%len(es)]
		ClassifyTopic(e.Subject, e.Text)
	}
}
