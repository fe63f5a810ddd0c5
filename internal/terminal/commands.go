package terminal

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/locale"
)

// errQuit ends Run.
var errQuit = errors.New("quit")

// builtin is one of the chat's own commands: args is the rest of the line.
type builtin struct {
	words []string
	usage string
	run   func(c *Chat, ctx context.Context, args string) error
}

// builtins are the commands every chat has.
func builtins() []builtin {
	return []builtin{
		{[]string{"claim", "tag"}, "claim N", actOn("claim")},
		{[]string{"release", "slip"}, "release N", actOn("release")},
		{[]string{"reply", "svar"}, "reply N TEKST", (*Chat).reply},
		{[]string{"draft", "udkast"}, "draft N", (*Chat).draft},
		{[]string{"use", "brug"}, "use N", (*Chat).useDraft},
		{[]string{"note"}, "note N TEKST", (*Chat).note},
		{[]string{"close", "luk"}, "close N", actOn("close")},
		{[]string{"reopen", "genåbn"}, "reopen N", actOn("reopen")},
		{[]string{"book", "aftal"}, "book N YYYY-MM-DD HH:MM [mail|sms]", (*Chat).book},
		{[]string{"merge", "flet"}, "merge N M", (*Chat).merge},
		{[]string{"unmerge", "fortrydflet"}, "unmerge N", (*Chat).unmerge},
		{[]string{"show", "vis"}, "show N", (*Chat).show},
		{[]string{"list", "open", "åbne"}, "list", listing("open")},
		{[]string{"mine"}, "mine", listing("mine")},
		{[]string{"find", "søg"}, "find TEKST", listing("find")},
		{[]string{"stats"}, "stats [periode]", (*Chat).stats},
		{[]string{"help", "hjælp"}, "help", (*Chat).help},
		{[]string{"quit", "exit"}, "quit", func(*Chat, context.Context, string) error { return errQuit }},
	}
}

// Run reads commands, one a line, until the reader ends, `quit` or ctx ends.
func (c *Chat) Run(ctx context.Context, in io.Reader) error {
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	for {
		c.showPrompt()
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok || errors.Is(c.Exec(ctx, line), errQuit) {
				c.Print(c.t("bye"))
				return nil
			}
		}
	}
}

func (c *Chat) showPrompt() {
	if c.prompt != "" {
		c.mu.Lock()
		io.WriteString(c.out, c.prompt)
		c.mu.Unlock()
	}
}

// Exec runs one command line; errors are shown, not returned, except quit.
func (c *Chat) Exec(ctx context.Context, line string) error {
	word, args, _ := strings.Cut(strings.TrimSpace(line), " ")
	if word == "" {
		return nil
	}
	word, args = strings.ToLower(word), strings.TrimSpace(args)
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
	first, rest, _ := strings.Cut(args, " ")
	id, err := strconv.ParseInt(strings.TrimPrefix(first, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, "", UsageError(usage)
	}
	return id, strings.TrimSpace(rest), nil
}

func (c *Chat) usageOf(word string) string {
	for _, b := range builtins() {
		if b.words[0] == word {
			return b.usage
		}
	}
	return word
}

func (c *Chat) help(ctx context.Context, _ string) error {
	lines := []string{c.t("commands")}
	for _, b := range builtins() {
		lines = append(lines, fmt.Sprintf("  %-22s %s", b.usage, strings.Join(b.words[1:], ", ")))
	}
	for _, x := range c.extra {
		lines = append(lines, "  "+x.Usage)
	}
	c.Print(lines...)
	return nil
}
