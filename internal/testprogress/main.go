// Command testprogress reads `go test -json` on stdin and prints what a
// person waiting for the run wants to see: one line per package as it ends,
// the whole output of a package that failed or did not build, a line naming
// the packages still running whenever nothing was printed for a while, and
// at the end the slowest tests. scripts/test pipes its test stages through
// it; the exit status stays go test's.
//
// Output lines matching -show (benchmark results, say) are printed as they
// come.
//
//	go test -json ./... | go run ./internal/testprogress [-quiet 30s] [-slowest 8] [-show REGEXP]
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action      string
	Package     string
	ImportPath  string // build-output, build-fail
	Test        string
	Elapsed     float64
	Output      string
	FailedBuild string
}

func main() {
	quiet := flag.Duration("quiet", 30*time.Second, "print the running packages after this long without output")
	slowest := flag.Int("slowest", 8, "how many of the slowest tests to list at the end")
	show := flag.String("show", "", "a regular expression: output lines that match are printed at once")
	flag.Parse()
	p := newPrinter(os.Stdout)
	if *show != "" {
		p.show = regexp.MustCompile(*show)
	}
	stop := make(chan struct{})
	go p.heartbeat(*quiet, stop)
	p.read(os.Stdin)
	close(stop)
	p.summary(*slowest)
}

// printer holds what has been read so far; its methods are safe to call
// from the reading loop and the heartbeat at once.
type printer struct {
	mu      sync.Mutex
	w       io.Writer
	last    time.Time            // when something was last printed
	running map[string]time.Time // packages started and not ended
	output  map[string][]string  // output lines of each running package and test, by outputKey
	tests   []timing             // top-level tests that ended
	failed  []string             // packages that failed or did not build
	count   map[string]int       // top-level tests by outcome: pass, fail, skip
	show    *regexp.Regexp       // output lines printed at once; nil: none
}

type timing struct {
	name    string
	elapsed float64
}

func newPrinter(w io.Writer) *printer {
	return &printer{w: w, last: time.Now(), running: map[string]time.Time{}, output: map[string][]string{}, count: map[string]int{}}
}

func (p *printer) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			p.println(sc.Text()) // go test's own messages, not JSON
			continue
		}
		p.handle(e)
	}
}

func (p *printer) handle(e event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case e.Action == "build-output":
		p.output[e.ImportPath] = append(p.output[e.ImportPath], e.Output)
	case e.Action == "build-fail":
		p.failed = append(p.failed, e.ImportPath)
		p.printLocked(strings.Join(p.output[e.ImportPath], ""))
	case e.Action == "start":
		p.running[e.Package] = time.Now()
	case e.Action == "output":
		k := outputKey(e.Package, e.Test)
		p.output[k] = append(p.output[k], e.Output)
		if p.show != nil && p.show.MatchString(e.Output) {
			p.printLocked(e.Output)
		}
	case e.Test != "" && (e.Action == "pass" || e.Action == "fail" || e.Action == "skip"):
		p.testDone(e)
	case e.Test == "" && (e.Action == "pass" || e.Action == "fail" || e.Action == "skip"):
		p.packageDone(e)
	}
}

// testDone prints the output of a test that failed and forgets the output of
// one that did not.
func (p *printer) testDone(e event) {
	k := outputKey(e.Package, e.Test)
	if e.Action == "fail" {
		p.printLocked(strings.Join(p.output[k], ""))
	}
	delete(p.output, k)
	if !strings.Contains(e.Test, "/") {
		p.tests = append(p.tests, timing{e.Package + " " + e.Test, e.Elapsed})
		p.count[e.Action]++
	}
}

func outputKey(pkg, test string) string { return pkg + " " + test }

// packageDone prints the package's line, and its whole output when it failed.
func (p *printer) packageDone(e event) {
	k := outputKey(e.Package, "")
	out := p.output[k]
	delete(p.output, k)
	delete(p.running, e.Package)
	switch e.Action {
	case "fail":
		p.failed = append(p.failed, e.Package)
		p.printLocked(strings.Join(out, "") + fmt.Sprintf("FAIL %s (%.1fs)\n", e.Package, e.Elapsed))
	case "skip":
		p.printLocked(fmt.Sprintf("  -  %s (no tests)\n", e.Package))
	default:
		p.printLocked(fmt.Sprintf("  ok %s (%.1fs)\n", e.Package, e.Elapsed))
	}
}

func (p *printer) println(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.printLocked(s + "\n")
}

func (p *printer) printLocked(s string) {
	fmt.Fprint(p.w, s)
	p.last = time.Now()
}

// heartbeat names the running packages after every quiet spell.
func (p *printer) heartbeat(quiet time.Duration, stop chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			p.mu.Lock()
			if time.Since(p.last) >= quiet && len(p.running) > 0 {
				p.printLocked("     … still running: " + p.runningLocked() + "\n")
			}
			p.mu.Unlock()
		}
	}
}

func (p *printer) runningLocked() string {
	var names []string
	for pkg, since := range p.running {
		names = append(names, fmt.Sprintf("%s (%s)", pkg, time.Since(since).Round(time.Second)))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// summary lists the slowest tests and the packages that failed, and ends
// with the count of tests in the form CI reads: "tests: N passed, N failed".
func (p *printer) summary(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	sort.Slice(p.tests, func(i, j int) bool { return p.tests[i].elapsed > p.tests[j].elapsed })
	if len(p.tests) > 0 && n > 0 {
		fmt.Fprintln(p.w, "     slowest tests:")
		for _, t := range p.tests[:min(n, len(p.tests))] {
			fmt.Fprintf(p.w, "     %6.1fs %s\n", t.elapsed, t.name)
		}
	}
	if len(p.failed) > 0 {
		fmt.Fprintf(p.w, "FAILED: %s\n", strings.Join(p.failed, " "))
	}
	failed := p.count["fail"]
	if failed == 0 {
		failed = len(p.failed) // a build failure, a panic outside a test, a timeout
	}
	fmt.Fprintf(p.w, "tests: %d passed, %d failed, %d skipped\n", p.count["pass"], failed, p.count["skip"])
}
