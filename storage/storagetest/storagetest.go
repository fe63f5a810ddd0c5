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

// Open returns a fresh, migrated database of the dialect, removed at cleanup.
func Open(t testing.TB, dialect string) *storage.DB {
	t.Helper()
	u := URL(t, dialect)
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
	name := "affaldsbot_test_" + randomHex(6)
	admin, err := sql.Open("postgres", PostgresAdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("PostgreSQL at %s is needed for storage tests (set TEST_DATABASE_URL): %v", PostgresAdminURL(), err)
	}
	t.Cleanup(func() { dropDatabase(name) })
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
