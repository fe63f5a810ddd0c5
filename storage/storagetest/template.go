package storagetest

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"sync"
	"testing"

	"github.com/affaldsbot/affaldsbot/storage"
)

// A migrated PostgreSQL database per test costs a dozen migrations; a copy
// of a migrated template costs one CREATE DATABASE. The template belongs to
// the test run (its name carries the run's prefix) and is made once, by
// whichever test binary of the run needs it first.
var (
	templateOnce sync.Once
	templateErr  error
)

// fromTemplate creates a migrated database for t from the run's template.
func fromTemplate(t testing.TB) string {
	t.Helper()
	name := namePrefix() + "template"
	templateOnce.Do(func() { templateErr = ensureTemplate(context.Background(), name) })
	if templateErr != nil {
		t.Fatalf("PostgreSQL at %s is needed for storage tests (set TEST_DATABASE_URL): %v", PostgresAdminURL(), templateErr)
	}
	return createDatabase(t, name)
}

// ensureTemplate makes the migrated template name unless it exists. Test
// binaries of one run take turns on an advisory lock; the template is built
// under another name and renamed when complete, so a binary killed halfway
// leaves no half-migrated template behind.
func ensureTemplate(ctx context.Context, name string) error {
	admin, err := sql.Open("postgres", PostgresAdminURL())
	if err != nil {
		return err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	h := fnv.New64a()
	h.Write([]byte(name))
	key := int64(h.Sum64() >> 1)
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return fmt.Errorf("template lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil || exists {
		return err
	}
	building := name + "_building"
	for _, q := range []string{`DROP DATABASE IF EXISTS ` + building + ` WITH (FORCE)`, `CREATE DATABASE ` + building} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("template: %w", err)
		}
	}
	if err := migrate(ctx, databaseURL(building)); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `ALTER DATABASE `+building+` RENAME TO `+name); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}

func migrate(ctx context.Context, u string) error {
	db, err := storage.Open(ctx, u)
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}
