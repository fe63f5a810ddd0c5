package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/internal/terminal"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/redact"
)

// demoOptions are the demo's flags.
type demoOptions struct {
	seedOnly, noSeed bool
}

// demoIO is where the demo reads and writes; ready (tests) is called once
// the bot runs, before the mailbox is seeded.
type demoIO struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	ready          func(*demoRun)
	exportDir      string // where `stats … eksport` writes; the working directory when ""
}

func runDemo(ctx context.Context, e *env, args []string) int {
	return demo(ctx, e.cfg, args, demoIO{stdin: os.Stdin, stdout: e.stdout, stderr: e.stderr})
}

// demo runs the whole loop on one machine: embedded IMAP and SMTP servers,
// SQLite in a temporary folder, the real bot, and Slack when both tokens are
// set, else the terminal chat reading commands from stdin.
func demo(ctx context.Context, cfg *config.Config, args []string, dio demoIO) int {
	stderr := dio.stderr
	opt, code := parseDemoFlags(args, stderr)
	if code >= 0 {
		return code
	}
	w, err := startDemoWorld()
	if err != nil {
		return fail(stderr, err)
	}
	defer w.Close()
	cfg = w.config(cfg)
	slack := cfg.SlackBotToken != "" && cfg.SlackAppToken != ""
	if slack {
		if err := cfg.RequireSlack(); err != nil {
			return fail(stderr, err)
		}
	}
	d := &demoRun{world: w, opt: opt, stdout: dio.stdout, ready: dio.ready}
	d.main = &Main{Config: cfg, Log: slog.New(redact.LogHandler(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))}
	if !slack {
		d.chat = newDemoChat(cfg, dio.stdout, dio.exportDir)
		d.main.Surface, d.main.Directory, d.main.Names = d.chat, demoDirectory{user: demoAdviser}, d.chat
	}
	return d.run(ctx, dio.stdin, stderr)
}

func parseDemoFlags(args []string, stderr io.Writer) (demoOptions, int) {
	var o demoOptions
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.seedOnly, "seed-only", false, "deliver the sample enquiries, show them and exit")
	fs.BoolVar(&o.noSeed, "no-seed", false, "start with an empty mailbox")
	if err := fs.Parse(args); err != nil {
		return o, exitUsage
	}
	if fs.NArg() > 0 || (o.seedOnly && o.noSeed) {
		fmt.Fprintln(stderr, "affaldsbot: usage: affaldsbot demo [--seed-only | --no-seed]")
		return o, exitUsage
	}
	return o, -1
}

// newDemoChat is the terminal chat of the demo's adviser, who is also the
// team lead.
func newDemoChat(cfg *config.Config, stdout io.Writer, exportDir string) *terminal.Chat {
	name := locale.NewPrinter(cfg.BotLang).Printf("demo_adviser")
	// The prompt shows on a terminal only; a script's transcript has none.
	return terminal.New(terminal.Options{Out: stdout, User: demoAdviser, Names: map[string]string{demoAdviser: name},
		Lang: cfg.BotLang, Location: cfg.Location, Prompt: "› ", ExportDir: exportDir})
}
