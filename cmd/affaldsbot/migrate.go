package main

import (
	"context"
	"fmt"

	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/storage"
)

func runMigrate(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(e.stderr, "affaldsbot: migrate takes no arguments")
		return exitUsage
	}
	db, n, err := openDatabase(ctx, e.cfg.DatabaseURL)
	if err != nil {
		return fail(e.stderr, err)
	}
	defer db.Close()
	fmt.Fprintf(e.stdout, "migrated %s database: %d new migrations applied\n", db.Dialect, n)
	return exitOK
}

// openDatabase connects and brings both our schema and the job queue's up to date.
func openDatabase(ctx context.Context, url string) (*storage.DB, int, error) {
	return migrated(ctx, url, storage.Open)
}

// openExistingDatabase is openDatabase for the commands that only read: a
// SQLite file that is not there is an error, not a new empty database.
func openExistingDatabase(ctx context.Context, url string) (*storage.DB, int, error) {
	return migrated(ctx, url, storage.OpenExisting)
}

func migrated(ctx context.Context, url string, open func(context.Context, string) (*storage.DB, error)) (*storage.DB, int, error) {
	db, err := open(ctx, url)
	if err != nil {
		return nil, 0, err
	}
	n, err := db.Migrate(ctx, func(ctx context.Context) error { return jobs.Migrate(ctx, db.DB.DB, db.Dialect) })
	if err != nil {
		db.Close()
		return nil, 0, err
	}
	return db, n, nil
}
