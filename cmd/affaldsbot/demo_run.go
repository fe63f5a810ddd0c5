package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/affaldsbot/affaldsbot/locale"

	"github.com/affaldsbot/affaldsbot/internal/terminal"
)

// demoRun is one run of the demo.
type demoRun struct {
	world  *demoWorld
	opt    demoOptions
	main   *Main
	chat   *terminal.Chat // nil with Slack
	stdout io.Writer
	ready  func(*demoRun)
	mu     sync.Mutex // stdout without the chat
}

func (d *demoRun) run(ctx context.Context, stdin io.Reader, stderr io.Writer) int {
	m := d.main
	defer m.Close()
	if err := m.Open(ctx); err != nil {
		return fail(stderr, err)
	}
	if d.chat != nil {
		d.chat.Attach(m.Service)
		for _, c := range d.world.citizenCommands(m.DB) {
			d.chat.Handle(c)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	go d.world.watchSent(ctx, d.print)
	go d.world.watchSMS(ctx, d.print)
	d.print(d.banner()...)
	if d.ready != nil {
		d.ready(d)
	}
	code := d.drive(ctx, stdin, stderr)
	cancel()
	if err := <-done; err != nil && code == exitOK {
		return fail(stderr, err)
	}
	return code
}

// drive seeds the mailbox and then lets the adviser work until they quit
// (terminal) or the demo is stopped (Slack).
func (d *demoRun) drive(ctx context.Context, stdin io.Reader, stderr io.Writer) int {
	if !d.opt.noSeed {
		if err := d.world.seed(ctx, d.main); err != nil {
			return fail(stderr, err)
		}
	}
	if d.opt.seedOnly {
		want := 12
		if err := waitUntil(ctx, demoWait, func() (bool, error) { return shownAll(ctx, d.main.DB, want) }); err != nil {
			return fail(stderr, fmt.Errorf("demo: the sample enquiries were not all shown: %w", err))
		}
		return exitOK
	}
	if d.chat == nil {
		<-ctx.Done()
		return exitOK
	}
	if err := d.chat.Run(ctx, stdin); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// print writes lines through the chat, or straight to stdout with Slack.
func (d *demoRun) print(lines ...string) {
	if d.chat != nil {
		d.chat.Print(lines...)
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	fmt.Fprintln(d.stdout, strings.Join(lines, "\n"))
}

// banner says what runs where, in BOT_LANG.
func (d *demoRun) banner() []string {
	c := d.main.Config
	p := locale.NewPrinter(c.BotLang)
	lines := []string{p.Printf("demo_banner_title"), p.Printf("demo_banner_mailbox", c.MailFrom, c.IMAPAddr, c.SMTPAddr),
		p.Printf("demo_banner_db", c.DatabaseURL), p.Printf("demo_banner_http", d.main.HTTPAddr()), p.Printf("demo_banner_sms", c.SMSGatewayURL)}
	if d.main.drafter != "" {
		lines = append(lines, p.Printf("demo_banner_llm", d.main.drafter))
	} else {
		lines = append(lines, p.Printf("demo_banner_guidance"))
	}
	if d.chat == nil {
		return append(lines, p.Printf("demo_banner_slack", c.SlackChannel), "")
	}
	return append(lines, p.Printf("demo_banner_terminal"), "")
}
