// Package terminal is a chat surface in a terminal, for `affaldsbot demo`:
// it implements the whole of handlers.ChatSurface by printing to a writer, and reads an adviser's commands (claim 3, reply 3 …) from a reader.
// Every command calls the same handlers as Slack's buttons and slash
// commands; the terminal only prints.
package terminal

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// Options configure a Chat.
type Options struct {
	Out      io.Writer
	User     string            // the adviser typing, as a user ID the Directory knows
	Names    map[string]string // user IDs → names to show
	Lang     string            // "da" (default) or "en"
	Location *time.Location    // for deadlines; UTC when nil
	Prompt   string            // shown before each command on a terminal; "" for none
	// ExportDir is where `stats … eksport` writes its CSV and chart; the
	// working directory when empty.
	ExportDir string
}

// Command is one word the chat understands beyond the built-in ones.
type Command struct {
	Word  string
	Usage string // e.g. "citizen N TEXT"
	Help  string // what it does, one line, shown by help
	Run   func(ctx context.Context, args string) error
}

// Chat is the terminal surface. Attach the service before reading commands.
type Chat struct {
	svc    *handlers.Service
	user   string
	names  map[string]string
	lang   string
	loc    *time.Location
	prompt string
	export string
	extra  []Command

	mu     sync.Mutex
	out    io.Writer
	seq    int
	roots  map[string]int64            // root ts → enquiry id
	shown  map[int64]string            // the last status line shown per enquiry
	posts  map[string]map[int64]string // root ts → message id → ts
	drafts map[int64]int64             // enquiry id → newest ready draft
	rated  map[string]map[int64]string // root ts → rating notice id → ts
	marks  map[string]map[string]bool  // root ts → marks of notices posted once
}

// New returns a chat printing to o.Out.
func New(o Options) *Chat {
	c := &Chat{user: o.User, names: o.Names, lang: o.Lang, loc: o.Location, prompt: o.Prompt, export: o.ExportDir, out: o.Out,
		roots: map[string]int64{}, shown: map[int64]string{}, posts: map[string]map[int64]string{}, drafts: map[int64]int64{},
		rated: map[string]map[int64]string{}, marks: map[string]map[string]bool{}}
	if c.lang != "en" {
		c.lang = "da"
	}
	if c.loc == nil {
		c.loc = time.UTC
	}
	return c
}

// Attach gives the chat the service its commands call.
func (c *Chat) Attach(svc *handlers.Service) { c.svc = svc }

// Handle adds a command.
func (c *Chat) Handle(cmd Command) { c.extra = append(c.extra, cmd) }

// Roots is how many root messages have been shown.
func (c *Chat) Roots() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.roots)
}

// Print writes a block of lines at once, so that output from the jobs and
// from commands never interleaves within a block.
func (c *Chat) Print(lines ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.printLocked(lines...)
}

func (c *Chat) printLocked(lines ...string) {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	io.WriteString(c.out, b.String())
}

// nextTS returns a fresh message timestamp in Slack's form.
func (c *Chat) nextTS() string {
	c.seq++
	return fmt.Sprintf("%d.%06d", time.Now().Unix(), c.seq)
}

// name is how a user ID is shown.
func (c *Chat) name(user string) string {
	if n, ok := c.names[user]; ok {
		return n
	}
	if user == "" {
		return "–"
	}
	return user
}
