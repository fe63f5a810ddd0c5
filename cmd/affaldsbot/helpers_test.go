package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"testing"
)

// discardLogger is the program's log in tests: nothing is printed, but every
// line passes the suite's scan for citizens' data.
func discardLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(&suiteLog, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// citizenData is the personal data of the suite's test citizens: addresses,
// names, numbers and words from their mails. None may appear in a log line;
// the log names enquiries by number.
var citizenData = []string{
	"jens@example.dk", "jens.hansen@example.dk", "ole@example.dk", "Jens Hansen",
	"karl.nielsen@example.dk", "Karl Nielsen", "Nørrebrogade", "020285-4321", "23 45 67 89", "plyssofa",
}

// logScan remembers every log line that holds citizen data.
type logScan struct {
	mu    sync.Mutex
	lines int
	hits  []string
}

var suiteLog logScan

func (s *logScan) Write(p []byte) (int, error) {
	lower := bytes.ToLower(p)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines++
	for _, v := range citizenData {
		if bytes.Contains(lower, bytes.ToLower([]byte(v))) && len(s.hits) < 50 {
			s.hits = append(s.hits, fmt.Sprintf("%q in: %s", v, bytes.TrimSpace(p)))
		}
	}
	return len(p), nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	suiteLog.mu.Lock()
	defer suiteLog.mu.Unlock()
	for _, h := range suiteLog.hits {
		fmt.Fprintln(os.Stderr, "citizen data in the log:", h)
	}
	if len(suiteLog.hits) > 0 {
		code = 1
	}
	if testing.Verbose() {
		fmt.Fprintf(os.Stderr, "log scan: %d lines, %d with citizen data\n", suiteLog.lines, len(suiteLog.hits))
	}
	os.Exit(code)
}
