package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"path/filepath"
	"testing"

	"modernc.org/sqlite"
)

// countingDriver counts the statements SQLite is asked to prepare.
type countingDriver struct {
	sqlite.Driver
	prepared int
}

func (d *countingDriver) Open(dsn string) (driver.Conn, error) {
	c, err := d.Driver.Open(dsn)
	if err != nil {
		return nil, err
	}
	return countingConn{c.(sqliteConn), d}, nil
}

type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
}

type countingConn struct {
	sqliteConn
	d *countingDriver
}

func (c countingConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	c.d.prepared++
	return c.sqliteConn.PrepareContext(ctx, q)
}

func openCached(t *testing.T) (*sql.DB, *countingDriver) {
	t.Helper()
	_, dsn, _, err := dataSource("sqlite:" + filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	d := &countingDriver{}
	db := sql.OpenDB(stmtCacheConnector{dsn: dsn, drv: d})
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)`); err != nil {
		t.Fatal(err)
	}
	return db, d
}

func TestStmtCachePreparesEachTextOnce(t *testing.T) {
	db, d := openCached(t)
	before := d.prepared
	for i := range 100 {
		if _, err := db.Exec(`INSERT INTO t (v) VALUES (?)`, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
		var v string
		if err := db.QueryRow(`SELECT v FROM t WHERE id = ?`, i+1).Scan(&v); err != nil || v != fmt.Sprint(i) {
			t.Fatalf("row %d = %q, %v", i+1, v, err)
		}
	}
	if got := d.prepared - before; got != 2 {
		t.Errorf("prepared %d statements for 200 calls of two texts, want 2", got)
	}
}

// TestStmtCacheSameTextWhileRowsOpen: a query run again while its first
// rows are still being read gets a statement of its own; both read right.
func TestStmtCacheSameTextWhileRowsOpen(t *testing.T) {
	db, _ := openCached(t)
	for _, v := range []string{"a", "b", "c"} {
		if _, err := db.Exec(`INSERT INTO t (v) VALUES (?)`, v); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const q = `SELECT v FROM t WHERE id >= ? ORDER BY id`
	outer, err := tx.Query(q, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for outer.Next() {
		var v string
		if err := outer.Scan(&v); err != nil {
			t.Fatal(err)
		}
		var inner []string
		rows, err := tx.Query(q, 3)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var w string
			rows.Scan(&w)
			inner = append(inner, w)
		}
		rows.Close()
		got = append(got, v+fmt.Sprint(inner))
	}
	outer.Close()
	if want := "[a[c] b[c] c[c]]"; fmt.Sprint(got) != want {
		t.Errorf("read %v, want %s", got, want)
	}
}

func TestStmtCacheStaysWithinItsSize(t *testing.T) {
	db, _ := openCached(t)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for i := range stmtCacheSize + 50 {
		if _, err := conn.ExecContext(context.Background(), fmt.Sprintf(`INSERT INTO t (v) VALUES ('%d')`, i)); err != nil {
			t.Fatal(err)
		}
	}
	var cached int
	conn.Raw(func(dc any) error {
		cached = len(dc.(*cachingConn).byText)
		return nil
	})
	if cached != stmtCacheSize {
		t.Errorf("%d statements cached, want %d", cached, stmtCacheSize)
	}
	var n int
	if err := conn.QueryRowContext(context.Background(), `SELECT count(*) FROM t`).Scan(&n); err != nil || n != stmtCacheSize+50 {
		t.Errorf("count = %d, %v", n, err)
	}
}

// TestStmtCacheSeesSchemaChanges: a cached statement follows a changed
// table.
func TestStmtCacheSeesSchemaChanges(t *testing.T) {
	db, _ := openCached(t)
	if _, err := db.Exec(`INSERT INTO t (v) VALUES ('x')`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("count = %d, %v", n, err)
	}
	if _, err := db.Exec(`DROP TABLE t; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, w TEXT)`); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil || n != 0 {
		t.Errorf("after the table was made anew count = %d, %v; want 0", n, err)
	}
}
