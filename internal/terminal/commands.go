package terminal

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
)

// errQuit ends Run.
var errQuit = errors.New("quit")

// builtin is one of the chat's own commands: args is the rest of the line.
// Its usage and its line in help are the texts "u_"+words[0] and
// "h_"+words[0] in the chat's language.
type builtin struct {
	words []string
	run   func(c *Chat, ctx context.Context, args string) error
}

// builtins are the commands every chat has: the English word first, then
// the other words it answers to (Danish ones flagged by danish).
func builtins() []builtin {
	return []builtin{
		{[]string{"claim", "tag"}, actOn("claim")},
		{[]string{"release", "slip"}, actOn("release")},
		{[]string{"reply", "svar"}, (*Chat).reply},
		{[]string{"draft", "udkast"}, (*Chat).draft},
		{[]string{"use", "brug"}, (*Chat).useDraft},
		{[]string{"note"}, (*Chat).note},
		{[]string{"forward", "videresend"}, (*Chat).forward},
		{[]string{"answers", "standardsvar"}, (*Chat).listAnswers},
		{[]string{"close", "luk"}, actOn("close")},
		{[]string{"reopen", "genåbn"}, actOn("reopen")},
		{[]string{"solved", "løst"}, (*Chat).callSolved},
		{[]string{"book", "aftal"}, (*Chat).book},
		{[]string{"merge", "flet"}, (*Chat).merge},
		{[]string{"unmerge", "fortrydflet"}, (*Chat).unmerge},
		{[]string{"noanswer", "intetsvar"}, (*Chat).callNoAnswer},
		{[]string{"wantsmail", "vilhamail"}, (*Chat).callWantsMail},
		{[]string{"show", "vis"}, (*Chat).show},
		{[]string{"list", "open", "åbne"}, listing("open")},
		{[]string{"mine"}, listing("mine")},
		{[]string{"find", "søg"}, listing("find")},
		{[]string{"stats", "statistik"}, (*Chat).stats},
		{[]string{"help", "hjælp"}, (*Chat).help},
		{[]string{"quit", "exit", "afslut"}, func(*Chat, context.Context, string) error { return errQuit }},
	}
}

// danish are the words of builtins that only Danish help lists.
var danish = map[string]bool{"tag": true, "slip": true, "svar": true, "udkast": true, "brug": true, "luk": true,
	"genåbn": true, "løst": true, "intetsvar": true, "vilhamail": true, "vis": true, "åbne": true, "søg": true,
	"statistik": true, "hjælp": true, "afslut": true}

// Run reads commands until the input ends, `quit` or ctx ends. On a
// terminal it offers line editing and history, and what the bot prints
// meanwhile appears above the prompt, which is drawn again below it; from a
// pipe or a file it reads plain lines and shows no prompt.
func (c *Chat) Run(ctx context.Context, in io.Reader) error {
	return c.run(ctx, openSource(in, c.out))
}

// RunEditor is Run with line editing on a stream that is not the process's
// terminal: what a terminal would send (keys, escape sequences, pastes)
// is read from o.In as if in raw mode.
func (c *Chat) RunEditor(ctx context.Context, o EditorOptions) error {
	e, err := newEditor(o.In, c.out, -1, o.Width)
	if err != nil {
		return err
	}
	return c.run(ctx, e)
}

func (c *Chat) run(ctx context.Context, src lineSource) error {
	c.mu.Lock()
	plain := c.out
	c.out = src.Output(plain)
	c.mu.Unlock()
	defer func() {
		src.Close()
		c.mu.Lock()
		c.out = plain
		c.mu.Unlock()
	}()
	type read struct {
		line string
		err  error
	}
	for {
		got := make(chan read, 1)
		go func() {
			line, err := c.readCommand(src)
			got <- read{line, err}
		}()
		var r read
		select {
		case <-ctx.Done():
			return nil
		case r = <-got:
		}
		var cut errCut
		switch {
		case errors.As(r.err, &cut):
			c.Print(c.t("cut", cut.limit, blockMark, blockMark))
			continue
		case errors.Is(r.err, errInterrupt):
			continue
		case r.err != nil:
			c.Print(c.t("bye"))
			if errors.Is(r.err, io.EOF) {
				return nil
			}
			return r.err
		}
		if errors.Is(c.Exec(ctx, r.line), errQuit) {
			c.Print(c.t("bye"))
			return nil
		}
	}
}

// readCommand reads one command, which may span several lines: a line
// ending in a backslash goes on on the next line, and a line ending in """
// opens a block that a line of """ alone closes. The lines are joined with
// newlines.
func (c *Chat) readCommand(src lineSource) (string, error) {
	line, err := src.Line(c.prompt)
	if err != nil {
		return "", err
	}
	if head, ok := strings.CutSuffix(strings.TrimRight(line, " \t"), blockMark); ok {
		lines := []string{strings.TrimRight(head, " \t")}
		for {
			next, err := src.Line(c.t("prompt_block"))
			if err != nil {
				return "", err
			}
			if strings.TrimSpace(next) == blockMark {
				return strings.Join(lines, "\n"), nil
			}
			lines = append(lines, next)
		}
	}
	var lines []string
	for {
		rest, more := strings.CutSuffix(line, continuation)
		lines = append(lines, rest)
		if !more {
			return strings.Join(lines, "\n"), nil
		}
		if line, err = src.Line(c.t("prompt_more")); err != nil {
			return "", err
		}
	}
}

// Exec runs one command line; errors are shown, not returned, except quit.
func (c *Chat) Exec(ctx context.Context, line string) error {
	word, args := splitWord(strings.TrimSpace(line))
	if word == "" {
		return nil
	}
	word = strings.ToLower(word)
	run, ok := c.lookup(word)
	if !ok {
		c.Print(c.t("unknown", word))
		return nil
	}
	err := run(ctx, args)
	if errors.Is(err, errQuit) {
		return err
	}
	var u UsageError
	switch {
	case errors.As(err, &u):
		c.Print(c.t("usage", string(u)))
	case err != nil:
		c.Print(c.t("error", c.plain(affaldsbot.ErrorText(locale.NewPrinter(c.lang), err))))
	}
	return nil
}

// splitWord is the first word of s and the rest, split at any white space
// (a command's text may begin on the next line).
func splitWord(s string) (string, string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

func (c *Chat) lookup(word string) (func(context.Context, string) error, bool) {
	for _, b := range builtins() {
		for _, w := range b.words {
			if w == word {
				return func(ctx context.Context, args string) error { return b.run(c, ctx, args) }, true
			}
		}
	}
	for _, x := range c.extra {
		if x.Word == word {
			return x.Run, true
		}
	}
	return nil, false
}

// UsageError tells how a command is written.
type UsageError string

func (u UsageError) Error() string { return "usage: " + string(u) }

// EnquiryArg splits "N REST" (N may be written #N) into the enquiry number
// and the rest.
func EnquiryArg(args, usage string) (int64, string, error) {
	first, rest := splitWord(strings.TrimSpace(args))
	id, err := strconv.ParseInt(strings.TrimPrefix(first, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, "", UsageError(usage)
	}
	return id, strings.TrimSpace(rest), nil
}

func (c *Chat) usageOf(word string) string { return c.t("u_" + word) }

// help lists every command with its usage, its other names and what it
// does, then how to write a text of several lines and how to edit a line.
func (c *Chat) help(ctx context.Context, _ string) error {
	type entry struct{ usage, help string }
	var entries []entry
	for _, b := range builtins() {
		usage := c.usageOf(b.words[0])
		var other []string
		for _, w := range b.words[1:] {
			if c.lang == "da" || !danish[w] {
				other = append(other, w)
			}
		}
		if len(other) > 0 {
			usage += " (" + strings.Join(other, ", ") + ")"
		}
		entries = append(entries, entry{usage, c.t("h_" + b.words[0])})
	}
	for _, x := range c.extra {
		entries = append(entries, entry{x.Usage, x.Help})
	}
	width := 0
	for _, e := range entries {
		width = max(width, utf8.RuneCountInString(e.usage))
	}
	lines := []string{c.t("commands")}
	for _, e := range entries {
		lines = append(lines, "  "+e.usage+strings.Repeat(" ", width+2-utf8.RuneCountInString(e.usage))+e.help)
	}
	lines = append(lines, "", c.t("help_multiline"), c.t("help_editing"))
	c.Print(lines...)
	return nil
}
