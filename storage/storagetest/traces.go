package storagetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/affaldsbot/affaldsbot/storage"
)

// FileTraces returns where the database's storage still holds a needle, in
// any case: "file:offset: needle" for SQLite's database file, WAL and
// shared-memory file read byte for byte; "relation block: needle" for
// PostgreSQL's tables, their TOAST tables and every index, each page read
// whole by pageinspect's get_raw_page, free space included. Without
// pageinspect (the contrib extension and a superuser) it skips the test,
// naming what is missing.
func FileTraces(t testing.TB, db *storage.DB, needles []string) []string {
	t.Helper()
	if db.Dialect == storage.SQLite {
		return sqliteFileTraces(t, db, needles)
	}
	return pageTraces(t, db, needles, `SELECT get_raw_page($1::text, b::int)
		FROM generate_series(0, pg_relation_size($1::regclass) / current_setting('block_size')::int - 1) b`)
}

// TupleTraces returns, for PostgreSQL, the tuples (live or dead, in tables
// and their TOAST tables) that still hold a needle, as pageinspect's
// heap_page_items reads them; for SQLite it is FileTraces.
func TupleTraces(t testing.TB, db *storage.DB, needles []string) []string {
	t.Helper()
	if db.Dialect == storage.SQLite {
		return sqliteFileTraces(t, db, needles)
	}
	return pageTraces(t, db, needles, `SELECT i.t_data
		FROM generate_series(0, pg_relation_size($1::regclass) / current_setting('block_size')::int - 1) b,
		heap_page_items(get_raw_page($1::text, b::int)) i
		WHERE i.t_data IS NOT NULL AND (SELECT relkind FROM pg_class WHERE oid = $1::regclass) IN ('r', 't')`)
}

func sqliteFileTraces(t testing.TB, db *storage.DB, needles []string) []string {
	var path string
	row := db.QueryRowContext(context.Background(), `SELECT file FROM pragma_database_list WHERE name = 'main'`)
	if err := row.Scan(&path); err != nil || path == "" {
		t.Fatalf("database file: %q, %v", path, err)
	}
	var found []string
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		data, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		found = append(found, findAll(f, data, needles)...)
	}
	return found
}

// pageTraces runs q, which reads byte strings of one relation ($1), over
// every relation of the public schema with its TOAST table and indexes.
func pageTraces(t testing.TB, db *storage.DB, needles []string, q string) []string {
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE EXTENSION IF NOT EXISTS pageinspect`); err != nil {
		t.Skipf("PostgreSQL's pageinspect is needed to read the tables' pages (contrib package and a superuser): %v", err)
	}
	var rels []string
	err := db.SelectContext(ctx, &rels, `WITH t AS (SELECT c.oid, c.reltoastrelid FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm'))
		SELECT oid::regclass::text FROM t
		UNION SELECT reltoastrelid::regclass::text FROM t WHERE reltoastrelid <> 0
		UNION SELECT indexrelid::regclass::text FROM pg_index
			WHERE indrelid IN (SELECT oid FROM t UNION SELECT reltoastrelid FROM t)`)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, rel := range rels {
		var pages [][]byte
		if err := db.SelectContext(ctx, &pages, q, rel); err != nil {
			t.Fatalf("read %s: %v", rel, err)
		}
		for i, p := range pages {
			found = append(found, findAll(fmt.Sprintf("%s #%d", rel, i), p, needles)...)
		}
	}
	return found
}

func findAll(where string, data []byte, needles []string) []string {
	lower := bytes.ToLower(data)
	var out []string
	for _, n := range needles {
		if i := bytes.Index(lower, bytes.ToLower([]byte(n))); i >= 0 {
			out = append(out, fmt.Sprintf("%s@%d: %s", where, i, n))
		}
	}
	return out
}

// Scrubbed checks the error of an erasure and reports whether the
// database's files could be scrubbed. nil: yes. A scrub that could not
// finish because a transaction in another database of the shared server
// was older than the erasure: no, and the reason is logged, so the test
// checks the rest and leaves the files alone. Anything else (a transaction
// of this database's own left open included) fails the test.
func Scrubbed(t testing.TB, db *storage.DB, err error) bool {
	t.Helper()
	var pending *storage.ScrubPendingError
	if !errors.As(err, &pending) {
		if err != nil {
			t.Fatal(err)
		}
		return true
	}
	var current string
	if qerr := db.GetContext(context.Background(), &current, `SELECT current_database()`); qerr != nil {
		t.Fatal(qerr)
	}
	if pending.PID == 0 || pending.Database == current {
		t.Fatal(err)
	}
	t.Logf("not checking the files: another database's transaction holds PostgreSQL's horizon, so no VACUUM can remove old rows now: %v", err)
	return false
}
