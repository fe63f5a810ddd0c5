package redact

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// The redaction corpus (testdata/corpus.txt) is made of citizen texts
// written for this test with every piece of personal data labelled; the
// waste corpus (testdata/waste.txt) holds ordinary texts without any. The
// report: run `go test -v -run Corpus ./redact`.

// corpusLabels maps a label letter to its kind.
var corpusLabels = map[byte]string{'C': KindCPR, 'P': KindPhone, 'E': KindEmail, 'N': KindName, 'A': KindAddress,
	'B': KindPlate, 'K': KindAccount}

// minRecall is the share of each kind's labels that must be found whole.
var minRecall = map[string]float64{KindCPR: 0.99, KindPhone: 0.99, KindEmail: 0.99, KindAddress: 0.99, KindName: 0.95,
	KindPlate: 0.9, KindAccount: 0.9}

// maxWasteFalsePositives is the largest share of ordinary texts in which
// anything may be replaced.
const maxWasteFalsePositives = 0.02

type corpusText struct {
	line        int
	name, email string
	text        string
	labels      []span
}

func readCorpus(t testing.TB) []corpusText {
	t.Helper()
	var out []corpusText
	eachLine(t, "testdata/corpus.txt", func(n int, line string) {
		parts := strings.SplitN(line, " | ", 3)
		if len(parts) != 3 {
			t.Fatalf("corpus.txt:%d: want NAME | E-MAIL | TEXT", n)
		}
		c := corpusText{line: n, name: field(parts[0]), email: field(parts[1])}
		c.text, c.labels = parseLabels(t, n, strings.ReplaceAll(parts[2], `\n`, "\n"))
		out = append(out, c)
	})
	return out
}

func field(s string) string {
	if s = strings.TrimSpace(s); s == "-" {
		return ""
	}
	return s
}

// parseLabels takes the {X:…} labels out of s.
func parseLabels(t testing.TB, n int, s string) (string, []span) {
	var b strings.Builder
	var labels []span
	for {
		i := strings.Index(s, "{")
		if i < 0 || i+2 >= len(s) || s[i+2] != ':' || corpusLabels[s[i+1]] == "" {
			if strings.ContainsAny(s, "{}") {
				t.Fatalf("corpus.txt:%d: a brace that is no label in %q", n, s)
			}
			b.WriteString(s)
			return b.String(), labels
		}
		j := strings.Index(s[i:], "}")
		if j < 0 {
			t.Fatalf("corpus.txt:%d: unclosed label", n)
		}
		b.WriteString(s[:i])
		start := b.Len()
		b.WriteString(s[i+3 : i+j])
		labels = append(labels, span{start, b.Len(), corpusLabels[s[i+1]]})
		s = s[i+j+1:]
	}
}

func eachLine(t testing.TB, path string, fn func(n int, line string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if line := sc.Text(); strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") {
			fn(n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func (c corpusText) redactor() *Redactor {
	return New(c.name).Known(KindEmail, c.email)
}

// covered reports whether every byte of l lies in one of the spans.
func covered(l span, spans []span) bool {
	for _, s := range spans {
		if s.start <= l.start && l.end <= s.end {
			return true
		}
	}
	return false
}

func overlapsAny(s span, labels []span) bool {
	for _, l := range labels {
		if s.start < l.end && l.start < s.end {
			return true
		}
	}
	return false
}

type kindTally struct{ found, total int }

func TestRedactionCorpus(t *testing.T) {
	corpus := readCorpus(t)
	if len(corpus) < 200 {
		t.Fatalf("the corpus holds %d texts, want at least 200", len(corpus))
	}
	tally := map[string]*kindTally{}
	var missed, spurious []string
	var elapsed time.Duration
	for _, c := range corpus {
		r := c.redactor()
		start := time.Now()
		out := r.Redact(c.text)
		elapsed += time.Since(start)
		if back := r.Restore(out); back != c.text {
			t.Errorf("corpus.txt:%d: Restore(Redact(text)) differs:\n%q\n%q", c.line, c.text, back)
		}
		found := c.redactor().find(c.text)
		for _, l := range c.labels {
			k := tally[l.kind]
			if k == nil {
				k = &kindTally{}
				tally[l.kind] = k
			}
			k.total++
			if covered(l, found) {
				k.found++
			} else {
				missed = append(missed, fmt.Sprintf("corpus.txt:%d %s %q", c.line, l.kind, c.text[l.start:l.end]))
			}
		}
		for _, s := range found {
			if !overlapsAny(s, c.labels) {
				spurious = append(spurious, fmt.Sprintf("corpus.txt:%d %s %q", c.line, s.kind, c.text[s.start:s.end]))
			}
		}
	}
	kinds := slices.Sorted(func(yield func(string) bool) {
		for k := range tally {
			if !yield(k) {
				return
			}
		}
	})
	t.Logf("redaction of %d labelled texts, %.1f µs a text:", len(corpus), float64(elapsed.Microseconds())/float64(len(corpus)))
	for _, k := range kinds {
		v := tally[k]
		recall := float64(v.found) / float64(v.total)
		t.Logf("  %-12s recall %.3f (%d of %d), bar %.2f", k, recall, v.found, v.total, minRecall[k])
		if recall < minRecall[k] {
			t.Errorf("%s: recall %.3f below %.2f", k, recall, minRecall[k])
		}
	}
	for _, m := range missed {
		t.Logf("  missed   %s", m)
	}
	t.Logf("  %d replacements outside any label", len(spurious))
	for _, s := range spurious {
		t.Logf("  extra    %s", s)
	}
	for _, want := range []string{KindCPR, KindPhone, KindEmail, KindName, KindAddress, KindPlate, KindAccount} {
		if tally[want] == nil || tally[want].total < 10 {
			t.Errorf("the corpus labels too few of %s", want)
		}
	}
}

func TestRedactionWasteFalsePositives(t *testing.T) {
	var texts, flagged, words, wrong int
	var hits []string
	eachLine(t, "testdata/waste.txt", func(n int, line string) {
		text := strings.ReplaceAll(line, `\n`, "\n")
		texts++
		words += len(strings.Fields(text))
		found := New().find(text)
		if len(found) > 0 {
			flagged++
		}
		for _, s := range found {
			wrong += len(strings.Fields(text[s.start:s.end]))
			hits = append(hits, fmt.Sprintf("waste.txt:%d %s %q", n, s.kind, text[s.start:s.end]))
		}
	})
	rate := float64(flagged) / float64(texts)
	t.Logf("false positives on %d ordinary texts: %.1f %% of texts (%d), %.2f %% of words (%d of %d)",
		texts, 100*rate, flagged, 100*float64(wrong)/float64(words), wrong, words)
	for _, h := range hits {
		t.Logf("  %s", h)
	}
	if texts < 100 {
		t.Errorf("%d ordinary texts, want at least 100", texts)
	}
	if rate >= maxWasteFalsePositives {
		t.Errorf("%.1f %% of ordinary texts had something replaced, want below %.0f %%", 100*rate, 100*maxWasteFalsePositives)
	}
}

// BenchmarkRedactCorpus redacts every text of the corpus once per op.
func BenchmarkRedactCorpus(b *testing.B) {
	corpus := readCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		for _, c := range corpus {
			c.redactor().Redact(c.text)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(corpus)), "µs/text")
}
