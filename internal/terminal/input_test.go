package terminal

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is output written from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// editorSession is a chat with line editing, driven through the bytes a
// terminal in raw mode sends: keys, escape sequences and pastes.
type editorSession struct {
	t    *testing.T
	chat *Chat
	out  *syncBuffer
	keys *io.PipeWriter
	done chan error

	mu   sync.Mutex
	got  []string // what the echo command received
	seen chan struct{}
}

func startEditor(t *testing.T, lang string) *editorSession {
	t.Helper()
	s := &editorSession{t: t, out: &syncBuffer{}, done: make(chan error, 1), seen: make(chan struct{}, 100)}
	s.chat = New(Options{Out: s.out, Lang: lang, Prompt: "› "})
	s.chat.Handle(Command{Word: "echo", Usage: "echo TEXT", Help: "repeats TEXT", Run: func(_ context.Context, args string) error {
		s.mu.Lock()
		s.got = append(s.got, args)
		s.mu.Unlock()
		s.seen <- struct{}{}
		return nil
	}})
	pr, pw := io.Pipe()
	s.keys = pw
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); pw.Close() })
	go func() { s.done <- s.chat.RunEditor(ctx, EditorOptions{In: pr, Width: 100}) }()
	return s
}

func (s *editorSession) type_(keys string) {
	s.t.Helper()
	if _, err := io.WriteString(s.keys, keys); err != nil {
		s.t.Fatal(err)
	}
}

// echoed waits for n commands and returns what they received.
func (s *editorSession) echoed(n int) []string {
	s.t.Helper()
	for range n {
		select {
		case <-s.seen:
		case <-time.After(10 * time.Second):
			s.t.Fatalf("the command did not run; output:\n%q", s.out.String())
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

// waitOutput waits until the output, from offset on, satisfies ok.
func (s *editorSession) waitOutput(from int, what string, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		out := s.out.String()
		if len(out) >= from && ok(out[from:]) {
			return out[from:]
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no %s in the output:\n%q", what, out)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestEditorHistoryAndLineEditing(t *testing.T) {
	s := startEditor(t, "da")
	s.type_("echo første\r")
	s.echoed(1)
	s.type_("\x1b[A\r") // Up: the previous line again
	s.echoed(1)
	s.type_("echo ac\x1b[Db\r")           // Left, then insert
	s.type_("echo slet mig\x15echo ny\r") // Ctrl-U clears the line
	got := s.echoed(2)
	want := []string{"første", "første", "abc", "ny"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("commands received %q, want %q", got, want)
	}
	if strings.Contains(s.out.String(), "Ukendt kommando") {
		t.Errorf("an escape sequence reached the commands:\n%s", s.out.String())
	}
	s.type_("\x04") // Ctrl-D on an empty line ends the chat
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-D did not end the chat")
	}
	if !strings.Contains(s.out.String(), "Farvel.") {
		t.Errorf("no goodbye after Ctrl-D:\n%s", s.out.String())
	}
}

func TestEditorCtrlC(t *testing.T) {
	s := startEditor(t, "en")
	s.type_("echo never\x03") // Ctrl-C drops the line
	s.type_("echo kept\r")
	if got := s.echoed(1); len(got) != 1 || got[0] != "kept" {
		t.Errorf("commands received %q, want only the line after Ctrl-C", got)
	}
	s.type_("\x03") // on an empty line: stop
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-C on an empty line did not end the chat")
	}
	if !strings.Contains(s.out.String(), "Goodbye.") {
		t.Errorf("no goodbye:\n%q", s.out.String())
	}
}

func TestEditorMultiLineInput(t *testing.T) {
	s := startEditor(t, "da")
	s.type_("echo Hej Jens,\\\rTak for din mail.\r")
	s.type_("echo \"\"\"\rFørste afsnit.\r\r- punkt et\r\"\"\"\r")
	got := s.echoed(2)
	want := []string{"Hej Jens,\nTak for din mail.", "Første afsnit.\n\n- punkt et"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("commands received %q, want %q", got, want)
	}
}

func TestUpdatesRedrawThePrompt(t *testing.T) {
	s := startEditor(t, "en")
	s.waitOutput(0, "prompt", func(o string) bool { return strings.Contains(o, "› ") })
	s.type_("echo half") // typed, not yet sent
	s.waitOutput(0, "typed text", func(o string) bool { return strings.Contains(o, "half") })
	mark := len(s.out.String())
	s.chat.Print("🔄 #3 Pizzabakker med fedt — Claimed")
	after := s.waitOutput(mark, "the prompt drawn again", func(o string) bool {
		i := strings.Index(o, "Claimed\n")
		return i >= 0 && strings.Contains(o[i:], "› echo half")
	})
	if i := strings.Index(after, "🔄"); i < 0 || strings.Contains(after[:i], "\n") {
		t.Errorf("the update did not start on a line of its own: %q", after)
	}
	s.type_("\r")
	if got := s.echoed(1); got[0] != "half" {
		t.Errorf("the half-typed line became %q after the update", got[0])
	}
}

func TestPlainInputReportsACutLine(t *testing.T) {
	for _, tc := range []struct {
		name  string
		limit int
		line  string
	}{
		{"a terminal in canonical mode", CanonicalLineLimit, "echo " + strings.Repeat("x", CanonicalLineLimit-5)},
		{"a pipe", MaxLine, "echo " + strings.Repeat("x", MaxLine+10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			c := New(Options{Out: &out, Lang: "en"})
			var got []string
			c.Handle(Command{Word: "echo", Run: func(_ context.Context, args string) error { got = append(got, args); return nil }})
			src := &plainSource{r: bufioReader(tc.line + "\necho after\n"), limit: tc.limit}
			if err := c.run(context.Background(), src); err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != "after" {
				t.Errorf("commands run: %d (the cut line must not run; the next must)", len(got))
			}
			if !strings.Contains(out.String(), "cut the line at") {
				t.Errorf("no message about the cut line:\n%s", out.String())
			}
		})
	}
}

func TestPipedInputKeepsWorking(t *testing.T) {
	var out bytes.Buffer
	c := New(Options{Out: &out, Lang: "da", Prompt: "› "})
	var got []string
	c.Handle(Command{Word: "echo", Run: func(_ context.Context, args string) error { got = append(got, args); return nil }})
	if err := c.Run(context.Background(), strings.NewReader("echo en\necho to \\\ntre\n")); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != "en|to \ntre" {
		t.Errorf("commands received %q", got)
	}
	if strings.Contains(out.String(), "›") {
		t.Errorf("a prompt was written into a pipe's transcript:\n%s", out.String())
	}
}

func bufioReader(s string) *bufio.Reader { return bufio.NewReader(strings.NewReader(s)) }
