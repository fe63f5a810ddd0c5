package storage

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrations embed.FS

// Migrate applies every migration of the dialect not applied yet, each in its
// own transaction, then the further steps `also` (the job queue's own
// migrations), and returns how many of ours it applied. Replicas starting at
// once take turns.
func (db *DB) Migrate(ctx context.Context, also ...func(context.Context) error) (n int, err error) {
	err = db.exclusive(ctx, func() error {
		if n, err = db.migrate(ctx); err != nil {
			return err
		}
		for _, step := range also {
			if err := step(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// exclusive runs fn holding PostgreSQL's session advisory lock for
// migrations, taken and released on one dedicated connection; SQLite's single
// writer needs none.
func (db *DB) exclusive(ctx context.Context, fn func() error) error {
	if db.Dialect != Postgres {
		return fn()
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7302190)`); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7302190)`)
	return fn()
}

func (db *DB) migrate(ctx context.Context) (int, error) {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	files, err := fs.Glob(migrations, "migrations/"+db.Dialect+"/*.sql")
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	applied := 0
	for _, f := range files {
		did, err := db.applyMigration(ctx, f)
		if err != nil {
			return applied, err
		}
		if did {
			applied++
		}
	}
	return applied, nil
}

func (db *DB) applyMigration(ctx context.Context, file string) (bool, error) {
	name := file[strings.LastIndex(file, "/")+1:]
	version, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
	if err != nil {
		return false, fmt.Errorf("migration %s: name must start with a number", name)
	}
	var n int
	if err := db.GetContext(ctx, &n, db.Rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), version); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if n > 0 {
		return false, nil
	}
	body, err := migrations.ReadFile(file)
	if err != nil {
		return false, err
	}
	err = db.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO schema_migrations (version, name) VALUES (?, ?)`), version, name)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	return true, nil
}
