//go:build linux

package terminal

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the master end the test types into,
// and the terminal end the chat reads as its stdin.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Fatalf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Fatalf("ptsname: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Fatalf("open the terminal end: %v", err)
	}
	go io.Copy(io.Discard, m) // what the terminal echoes
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

func TestRunOnARealTerminal(t *testing.T) {
	master, tty := openPTY(t)
	out := &syncBuffer{}
	c := New(Options{Out: out, Lang: "da", Prompt: "› "})
	got := make(chan string, 10)
	c.Handle(Command{Word: "echo", Run: func(_ context.Context, args string) error { got <- args; return nil }})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx, tty) }()

	next := func() string {
		t.Helper()
		select {
		case s := <-got:
			return s
		case <-time.After(4 * time.Minute): // line editing redraws the line per character typed: slow under -race on a busy machine
			t.Fatalf("no command ran; output of %d bytes", len(out.String()))
			return ""
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "› ") { // the user types at the prompt
		if time.Now().After(deadline) {
			t.Fatalf("no prompt on a terminal:\n%q", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	// Longer than a cooked terminal passes on: line editing reads in raw
	// mode, so the whole line arrives.
	long := strings.Repeat("abcdefghij", 420)
	io.WriteString(master, "echo "+long+"\r")
	if s := next(); s != long {
		t.Errorf("a %d-character line arrived with %d", len(long), len(s))
	}
	io.WriteString(master, "echo kort\r")
	if s := next(); s != "kort" {
		t.Errorf("got %q, want kort", s)
	}
	io.WriteString(master, "\x1b[A\r") // Up: history
	if s := next(); s != "kort" {
		t.Errorf("Up then Enter ran %q, want the previous line", s)
	}
	io.WriteString(master, "quit\r")
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("quit did not end the chat")
	}
}
