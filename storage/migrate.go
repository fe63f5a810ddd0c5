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
// own transaction, and returns how many it applied.
func (db *DB) Migrate(ctx context.Context) (int, error) {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	if db.Dialect == Postgres {
		// Several replicas may start at once: one migrates, the others wait.
		if _, err := db.ExecContext(ctx, `SELECT pg_advisory_lock(7302190)`); err != nil {
			return 0, fmt.Errorf("migrate: lock: %w", err)
		}
		defer db.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7302190)`)
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
