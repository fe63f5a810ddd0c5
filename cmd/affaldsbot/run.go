package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"

	"github.com/affaldsbot/affaldsbot/redact"
)

func runRun(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(e.stderr, "affaldsbot: run takes no arguments")
		return exitUsage
	}
	if _, err := e.cfg.ChatSurface(); err != nil {
		return fail(e.stderr, err)
	}
	log := newLogger(e.cfg.LogFormat, e.stderr)
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit: the garbage collector works harder near it, so a burst
		// of large attachments does not balloon the process.
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	m := &Main{Config: e.cfg, Log: log}
	defer m.Close()
	if err := m.Open(ctx); err != nil {
		return fail(e.stderr, err)
	}
	m.logParts()
	debug.FreeOSMemory() // start-up's garbage (migrations, the guidance index) goes back to the system
	if err := m.Run(ctx); err != nil && ctx.Err() == nil {
		return fail(e.stderr, err)
	}
	log.Info("stopped")
	return exitOK
}

// defaultMemoryLimit is the soft heap limit unless GOMEMLIMIT says otherwise.
const defaultMemoryLimit = 96 << 20

// newLogger writes the log in format; every line is scrubbed of CPR numbers,
// phone numbers and e-mail addresses that an error's text may carry.
func newLogger(format string, w io.Writer) *slog.Logger {
	return newLevelLogger(format, w, slog.LevelInfo)
}

// newLevelLogger logs records of level and above, scrubbed as newLogger's.
func newLevelLogger(format string, w io.Writer, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(redact.LogHandler(slog.NewJSONHandler(w, opts)))
	}
	return slog.New(redact.LogHandler(slog.NewTextHandler(w, opts)))
}
