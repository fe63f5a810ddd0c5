package terminal

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/chzyer/readline"
	"golang.org/x/term"
)

// Limits of one input line.
const (
	// CanonicalLineLimit is the longest line a Linux terminal in canonical
	// (cooked) mode passes on: N_TTY_BUF_SIZE (4096, drivers/tty/n_tty.c)
	// less the newline. A longer typed or pasted line arrives cut to this
	// length. Line editing reads in raw mode and has no such limit.
	CanonicalLineLimit = 4095
	// MaxLine is the longest line read from a pipe or file; a longer one is
	// refused rather than run in part.
	MaxLine = 1 << 20
)

// Multi-line input: a line ending in a backslash goes on on the next line,
// and a line ending in blockMark opens a block that a line holding only
// blockMark closes (for pasting a text of several paragraphs).
const (
	continuation = `\`
	blockMark    = `"""`
)

// errCut is a line that did not arrive whole.
type errCut struct{ limit int }

func (e errCut) Error() string { return fmt.Sprintf("line cut at %d characters", e.limit) }

// errInterrupt is Ctrl-C while editing a line: the line is dropped.
var errInterrupt = errors.New("interrupt")

// lineSource reads one physical line at a time.
type lineSource interface {
	// Line shows prompt (where the source shows prompts) and returns the
	// next line without its end; io.EOF at the end of input.
	Line(prompt string) (string, error)
	// Output is where the chat writes while the source is open: with line
	// editing, a writer that redraws the prompt and the half-typed line
	// after what it writes.
	Output(out io.Writer) io.Writer
	Close() error
}

// EditorOptions open line editing on a stream other than the process's
// terminal, as tests do: the stream is taken to be a terminal in raw mode.
type EditorOptions struct {
	In    io.ReadCloser
	Width int // columns; 80 when 0
}

// newEditor is line editing and history (github.com/chzyer/readline) on in,
// which is a terminal: fd ≥ 0 is its file descriptor, kept in raw mode
// (output processing left on) from now until Close, so that what is typed
// or pasted while a command runs is not cut by the terminal's canonical
// line limit either; fd < 0 (tests) leaves the mode alone.
func newEditor(in io.ReadCloser, out io.Writer, fd int, width int) (*editor, error) {
	cfg := &readline.Config{
		Stdin: in, Stdout: out, Stderr: out, HistoryLimit: 1000, DisableAutoSaveHistory: true,
		InterruptPrompt: "^C", EOFPrompt: "\n", ForceUseInteractive: true,
		FuncIsTerminal: func() bool { return true },
		FuncMakeRaw:    func() error { return nil },
		FuncExitRaw:    func() error { return nil },
	}
	e := &editor{fd: fd}
	if fd >= 0 {
		saved, err := readline.MakeRaw(fd)
		if err != nil {
			return nil, err
		}
		e.saved = saved
		cfg.FuncGetWidth = func() int {
			if w, _, err := term.GetSize(fd); err == nil && w > 0 {
				return w
			}
			return 80
		}
	} else {
		if width <= 0 {
			width = 80
		}
		cfg.FuncGetWidth = func() int { return width }
		cfg.FuncOnWidthChanged = func(func()) {}
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		e.restore()
		return nil, err
	}
	e.rl = rl
	return e, nil
}

// editor is line editing with history.
type editor struct {
	rl    *readline.Instance
	fd    int
	saved *readline.State // the terminal's mode before, restored by Close
}

func (e *editor) restore() {
	if e.saved != nil {
		readline.Restore(e.fd, e.saved)
		e.saved = nil
	}
}

func (e *editor) Line(prompt string) (string, error) {
	e.rl.SetPrompt(prompt)
	line, err := e.rl.Readline()
	switch {
	case errors.Is(err, readline.ErrInterrupt) && strings.TrimSpace(line) == "":
		return "", io.EOF // Ctrl-C on an empty line stops, as it would without line editing
	case errors.Is(err, readline.ErrInterrupt):
		return "", errInterrupt
	case err != nil:
		return "", err
	}
	if strings.TrimSpace(line) != "" {
		e.rl.SaveHistory(line)
	}
	return line, nil
}

func (e *editor) Output(io.Writer) io.Writer { return e.rl.Stdout() }
func (e *editor) Close() error {
	defer e.restore()
	return e.rl.Close()
}

// plainSource reads lines from a pipe, a file or a terminal without line
// editing. limit is the length at which a line is taken to be cut (a
// terminal in canonical mode) or refused (MaxLine).
type plainSource struct {
	r      *bufio.Reader
	out    io.Writer // where prompts go; nil for none
	limit  int
	closer io.Closer
}

func (p *plainSource) Line(prompt string) (string, error) {
	if p.out != nil && prompt != "" {
		io.WriteString(p.out, prompt)
	}
	var b []byte
	for {
		chunk, err := p.r.ReadSlice('\n')
		if len(b)+len(chunk) <= p.limit+1 {
			b = append(b, chunk...)
		} else if len(b) <= p.limit {
			b = append(b, chunk[:p.limit+1-len(b)]...) // enough to know it is too long
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line := strings.TrimRight(string(b), "\r\n")
		if err != nil && (len(b) == 0 || !errors.Is(err, io.EOF)) {
			return "", err
		}
		if len(line) >= p.limit {
			return "", errCut{limit: p.limit}
		}
		return line, nil
	}
}

func (p *plainSource) Output(out io.Writer) io.Writer { return out }

func (p *plainSource) Close() error {
	if p.closer != nil {
		return p.closer.Close()
	}
	return nil
}

// openSource picks how to read in: line editing on a terminal, plain lines
// otherwise (or when line editing cannot start).
func openSource(in io.Reader, out io.Writer) lineSource {
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if e, err := newEditor(f, out, int(f.Fd()), 0); err == nil {
			return e
		}
		return &plainSource{r: bufio.NewReader(f), out: out, limit: CanonicalLineLimit}
	}
	return &plainSource{r: bufio.NewReader(in), limit: MaxLine} // no prompts in a pipe
}
