// Command benchtable reads the output of scripts/bench's benchmarks (`go
// test -bench` lines, and the recall line of guidance's TestRecall) on
// stdin and prints the README's performance table: each bar of docs/performance.md,
// what was measured and whether it holds.
//
//	go test ./e2e -run '^$' -bench . | go run ./internal/benchtable
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// results maps a benchmark (without the -N suffix) to its metrics by unit.
type results map[string]map[string]float64

// recallLine is a line of the guidance's recall test, for the drafts'
// passages or for all of them: "recall@3, drafts (confirmed passages) =
// 1.000 (91/91 questions)"; the older form had no label.
var recallLine = regexp.MustCompile(`recall@3(?:, [^=]*)? = ([0-9.]+) \((\d+)/(\d+)`)

func read(r io.Reader) results {
	out := results{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := recallLine.FindStringSubmatch(line); m != nil {
			// The table shows the weakest recall and the fewest questions
			// behind a figure.
			v, _ := strconv.ParseFloat(m[1], 64)
			n, _ := strconv.ParseFloat(m[3], 64)
			if prev, ok := out["Recall"]; ok {
				v, n = min(v, prev["recall"]), min(n, prev["questions"])
			}
			out["Recall"] = map[string]float64{"recall": v, "questions": n}
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i]
		}
		metrics := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				metrics[f[i+1]] = v
			}
		}
		out[name] = metrics
	}
	return out
}

// get is one metric, and whether it was measured.
func (r results) get(bench, unit string) (float64, bool) {
	v, ok := r[bench][unit]
	return v, ok
}

// row is one line of the table.
type row struct {
	bar      string
	measured func(r results) (text string, ok, present bool)
	command  string
}

var rows = []row{
	{"mail in IMAP → root message: median ≤ 50 ms, p99 ≤ 250 ms", perDialect("BenchmarkMailToRoot", func(m map[string]float64) (string, bool) {
		return fmt.Sprintf("median %.1f ms, p99 %.1f ms", m["median-ms"], m["p99-ms"]), m["median-ms"] <= 50 && m["p99-ms"] <= 250
	}), "go test ./e2e -run '^$' -bench MailToRoot -benchtime 200x"},
	{"1,000 mails waiting, fake Slack at 50 posts/s: done within 1.25 × posts ÷ 50 s; ≤ 3 posts per mail", perDialect("BenchmarkBacklog1000", func(m map[string]float64) (string, bool) {
		return fmt.Sprintf("%.1f s against a bar of %.1f s, %.2f posts per mail", m["drain-s"], m["bar-s"], m["posts/mail"]),
			m["drain-s"] <= m["bar-s"] && m["posts/mail"] <= 3
	}), "go test ./e2e -run '^$' -bench Backlog1000 -benchtime 1x"},
	{"memory: ≤ 40 MB RSS idle, ≤ 150 MB in that burst (1 mail in 100 with a 10 MB attachment)", perDialect("BenchmarkBacklog1000", func(m map[string]float64) (string, bool) {
		return fmt.Sprintf("idle %.1f MB, peak %.1f MB", m["idle-RSS-MB"], m["peak-RSS-MB"]), m["idle-RSS-MB"] <= 40 && m["peak-RSS-MB"] <= 150
	}), ""},
	{"click → Slack acknowledged: p99 ≤ 50 ms", perDialect("BenchmarkAck", func(m map[string]float64) (string, bool) {
		return fmt.Sprintf("median %.2f ms, p99 %.2f ms", m["median-ms"], m["p99-ms"]), m["p99-ms"] <= 50
	}), "go test ./e2e -run '^$' -bench Ack -benchtime 2000x"},
	{"`/api/calls`: ≥ 2,000 signed requests/s, p99 ≤ 20 ms", perDialect("BenchmarkCallsWebhook", func(m map[string]float64) (string, bool) {
		return fmt.Sprintf("%.0f calls/s, median %.1f ms, p99 %.1f ms (jobs meanwhile: %.0f Slack posts/s)", m["calls/s"], m["median-ms"], m["p99-ms"], m["slack-posts/s"]),
			m["calls/s"] >= 2000 && m["p99-ms"] <= 20
	}), "go test ./e2e -run '^$' -bench CallsWebhook -benchtime 20000x"},
	{"statistics for one year over 500,000 enquiries ≤ 200 ms", perDialect("BenchmarkStatsYear", func(m map[string]float64) (string, bool) {
		return fmt.Sprintf("%.0f ms (%.0f enquiries that year)", m["ns/op"]/1e6, m["enquiries"]), m["ns/op"] <= 200e6
	}), "go test ./stats -run '^$' -bench StatsYear -benchtime 5x"},
	{"guidance search p99 ≤ 5 ms; recall@3 ≥ 0.9", func(r results) (string, bool, bool) {
		p99, ok1 := r.get("BenchmarkSearch", "p99-µs")
		rec, ok2 := r.get("Recall", "recall")
		n := r["Recall"]["questions"]
		return fmt.Sprintf("p99 %.2f ms; recall@3 %.3f on %.0f questions", p99/1000, rec, n), p99 <= 5000 && rec >= 0.9, ok1 && ok2
	}, "go test ./guidance -run Recall -v -bench Search -benchtime 2000x"},
}

// perDialect shows a benchmark's SQLite and PostgreSQL results on one line.
func perDialect(bench string, show func(map[string]float64) (string, bool)) func(results) (string, bool, bool) {
	return func(r results) (string, bool, bool) {
		var parts []string
		all, seen := true, false
		for _, d := range []struct{ key, name string }{{"sqlite", "SQLite"}, {"postgres", "PostgreSQL"}} {
			m, ok := r[bench+"/"+d.key]
			if !ok {
				continue
			}
			text, good := show(m)
			parts = append(parts, d.name+": "+text)
			all, seen = all && good, true
		}
		return strings.Join(parts, "; "), all, seen
	}
}

func main() {
	r := read(os.Stdin)
	fmt.Println("| bar ([docs/performance.md](docs/performance.md)) | measured | holds | command |")
	fmt.Println("|---|---|---|---|")
	failed := false
	for _, row := range rows {
		text, ok, present := row.measured(r)
		verdict := "yes"
		switch {
		case !present:
			text, verdict = "not measured", "—"
		case !ok:
			verdict, failed = "**no**", true
		}
		command := "`" + row.command + "`"
		if row.command == "" {
			command = "the same"
		}
		fmt.Printf("| %s | %s | %s | %s |\n", row.bar, text, verdict, command)
	}
	if failed {
		os.Exit(1)
	}
}
