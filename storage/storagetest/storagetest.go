// Package storagetest opens real, migrated databases for tests: a SQLite file
// in a temporary folder and a fresh PostgreSQL database per test.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	_ "github.com/lib/pq"
)

// DefaultPostgres is the local server of the development and CI machines.
const DefaultPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// PostgresAdminURL is TEST_DATABASE_URL or the local server.
func PostgresAdminURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultPostgres
}

// Dialects are the databases every storage test runs on.
var Dialects = []string{storage.SQLite, storage.Postgres}

// Each runs fn as a subtest on a fresh migrated database of each dialect.
func Each(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// EachParallel is Each with the dialects' subtests running side by side
// (t.Parallel): for a long test whose SQLite half keeps this process busy
// while its PostgreSQL half mostly waits for the server.
func EachParallel(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, Open(t, d))
		})
	}
}

// Open returns a fresh, migrated database of the dialect, removed at cleanup.
// Within a test run (AFFALDSBOT_TEST_RUN) a PostgreSQL database is a copy of
// the run's migrated template, made by the first test that needs it.
func Open(t testing.TB, dialect string) *storage.DB {
	t.Helper()
	var u string
	if dialect == storage.Postgres && runID() != "" {
		u = fromTemplate(t)
	} else {
		u = URL(t, dialect)
	}
	db, err := storage.Open(context.Background(), u)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetScrubWait(5 * time.Second) // a shared server's other tests may hold a transaction open
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return db
}

// URL returns the DATABASE_URL of a fresh, empty database of the dialect.
func URL(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == storage.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	return createDatabase(t, "")
}

// createDatabase creates a database for t, a copy of template when one is
// named, dropped at cleanup, and returns its URL.
func createDatabase(t testing.TB, template string) string {
	t.Helper()
	name := namePrefix() + randomHex(6)
	admin, err := sql.Open("postgres", PostgresAdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	q := `CREATE DATABASE ` + name
	if template != "" {
		q += ` TEMPLATE ` + template
	}
	if _, err := admin.Exec(q); err != nil {
		t.Fatalf("PostgreSQL at %s is needed for storage tests (set TEST_DATABASE_URL): %v", PostgresAdminURL(), err)
	}
	t.Cleanup(func() { dropDatabase(name) })
	return databaseURL(name)
}

// runID is AFFALDSBOT_TEST_RUN (scripts/test sets it) reduced to what a
// database name may hold: the run's databases share its prefix, so that the
// run can drop what a killed test left behind, and only that.
func runID() string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, strings.ToLower(os.Getenv("AFFALDSBOT_TEST_RUN")))
}

// namePrefix starts the name of every database the tests create.
func namePrefix() string {
	if id := runID(); id != "" {
		return "affaldsbot_test_" + id + "_"
	}
	return "affaldsbot_test_"
}

func databaseURL(name string) string {
	pu, _ := url.Parse(PostgresAdminURL())
	pu.Path = "/" + name
	return pu.String()
}

func dropDatabase(name string) {
	admin, err := sql.Open("postgres", PostgresAdminURL())
	if err != nil {
		return
	}
	defer admin.Close()
	admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
