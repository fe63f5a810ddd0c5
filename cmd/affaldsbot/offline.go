package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// offline is what the commands that only read or write the database need
// (docs/commands.md: they need only DATABASE_URL): the migrated database, the
// handlers without Slack, and a queue that enqueues but never works.
func openOffline(ctx context.Context, e *env) (*handlers.Service, func(), error) {
	return offlineService(ctx, e, openDatabase)
}

// openReadOnly is openOffline for the commands that only read (stats,
// insights): they open an existing database only.
func openReadOnly(ctx context.Context, e *env) (*handlers.Service, func(), error) {
	return offlineService(ctx, e, openExistingDatabase)
}

func offlineService(ctx context.Context, e *env, openDB func(context.Context, string) (*storage.DB, int, error)) (*handlers.Service, func(), error) {
	db, _, err := openDB(ctx, e.cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	q, err := jobs.New(db.DB.DB, nil, jobs.Config{Dialect: db.Dialect, InsertOnly: true})
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	db.SetEnqueuer(q)
	cal, err := workcal.New(workcal.Config{Location: e.cfg.Location})
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	settings := handlers.DefaultSettings()
	settings.MailFrom, settings.Lang = e.cfg.MailFrom, e.cfg.BotLang
	svc := &handlers.Service{DB: db, Calendar: cal, Settings: settings, Routes: handlers.Routes{Default: e.cfg.SlackChannel},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: handlers.NopMetrics()}
	return svc, func() { db.Close() }, nil
}

func runStatsCommand(ctx context.Context, e *env, args []string) int {
	// flags first: -h or a mistake is answered without a database
	if _, err := parseStatsFlags(args, e.cfg.BotLang, e.stderr); errors.Is(err, flag.ErrHelp) {
		return exitOK
	} else if err != nil {
		return exitUsage
	}
	svc, closeDB, err := openReadOnly(ctx, e)
	if err != nil {
		return fail(e.stderr, err)
	}
	defer closeDB()
	return runStats(ctx, svc.DB, svc.Calendar, e.cfg.BotLang, args, e.stdout, e.stderr)
}

func runImport(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || (args[0] != "mail" && args[0] != "calls") {
		fmt.Fprintln(e.stderr, "usage: affaldsbot import mail --mbox FILE [--sent-mbox FILE] | --mailbox NAME --since DATE [--sent NAME]\n       affaldsbot import calls FILE.csv")
		return exitUsage
	}
	if args[0] == "mail" {
		// flags first: -h or a mistake must not create or migrate a database
		if _, _, err := parseImportMailFlags(args[1:], e.stderr); errors.Is(err, flag.ErrHelp) {
			return exitOK
		} else if err != nil {
			return exitUsage
		}
	}
	svc, closeDB, err := openOffline(ctx, e)
	if err != nil {
		return fail(e.stderr, err)
	}
	defer closeDB()
	if args[0] == "calls" {
		return runImportCalls(ctx, svc.DB, svc, args[1:], e.stdout, e.stderr)
	}
	svc.Log = newLevelLogger(e.cfg.LogFormat, e.stderr, slog.LevelWarn) // what could not be read in a mail is said
	m := &Main{Config: e.cfg}
	return runImportMail(ctx, svc, m.imapSettings(e.cfg.IMAPMailbox), args[1:], e.stdout, e.stderr)
}

func runGuidanceCommand(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "gaps" {
		return runGaps(ctx, e, args[1:])
	}
	return runGuidance(ctx, e.cfg.GuidanceDir, args, e.stdout, e.stderr)
}
