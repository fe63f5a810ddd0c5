// Package storage keeps enquiries, their conversation and events in SQLite
// (the embedded default) or PostgreSQL. It is the only importer of sqlx and the
// database drivers.
package storage

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"  // PostgreSQL
	_ "modernc.org/sqlite" // SQLite, registered as "sqlite"
)

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Enqueuer inserts durable jobs inside a transaction, so a side effect is
// enqueued exactly when the change that causes it commits.
type Enqueuer interface {
	InsertTx(ctx context.Context, tx *sql.Tx, jobs []affaldsbot.Job) error
}

// DB is the database of one deployment.
type DB struct {
	*sqlx.DB
	Dialect   string
	enqueuer  Enqueuer
	now       func() time.Time
	scrubWait time.Duration // how long Scrub waits for older transactions
}

// Open connects to url (`sqlite:PATH` or `postgres://…`); it does not migrate.
// A SQLite file that does not exist is created.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	driver, dsn, dialect, err := dataSource(rawURL)
	if err != nil {
		return nil, err
	}
	return open(ctx, driver, dsn, dialect)
}

// OpenExisting is Open for commands that only read: a SQLite file that does
// not exist is an error naming its path, never a new empty database.
func OpenExisting(ctx context.Context, rawURL string) (*DB, error) {
	driver, dsn, dialect, err := dataSource(rawURL)
	if err != nil {
		return nil, err
	}
	if dialect == SQLite {
		path := sqlitePath(rawURL)
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("DATABASE_URL: no SQLite database at %s: %w", path, err)
		}
	}
	return open(ctx, driver, dsn, dialect)
}

func open(ctx context.Context, driver, dsn, dialect string) (*DB, error) {
	var x *sqlx.DB
	var err error
	if dialect == SQLite {
		x = sqlx.NewDb(sql.OpenDB(stmtCacheConnector{dsn: dsn, drv: sqliteDriver()}), driver)
	} else if x, err = sqlx.Open(driver, dsn); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if dialect == SQLite {
		// One writer at a time is SQLite's nature; one connection avoids
		// SQLITE_BUSY between the bot and its job queue.
		x.SetMaxOpenConns(1)
	} else {
		x.SetMaxOpenConns(20)
		x.SetMaxIdleConns(10)
	}
	if err := x.PingContext(ctx); err != nil {
		x.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return &DB{DB: x, Dialect: dialect, now: time.Now, scrubWait: snapshotWait}, nil
}

func dataSource(rawURL string) (driver, dsn, dialect string, err error) {
	switch {
	case strings.HasPrefix(rawURL, "sqlite:"):
		path := sqlitePath(rawURL)
		if path == "" {
			return "", "", "", fmt.Errorf("DATABASE_URL: sqlite: needs a file path")
		}
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(NORMAL)")
		// Freed bytes are overwritten with zeros: an erased row leaves no
		// copy in the file's free space.
		q.Add("_pragma", "secure_delete(1)")
		q.Set("_time_format", "sqlite")
		q.Set("_timezone", "UTC")
		q.Set("_txlock", "immediate")
		return "sqlite", "file:" + path + "?" + q.Encode(), SQLite, nil
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		return "postgres", postgresDSN(rawURL), Postgres, nil
	}
	return "", "", "", fmt.Errorf("DATABASE_URL: must be sqlite:PATH or postgres://…")
}

// sqlitePath is the file a `sqlite:PATH` URL names.
func sqlitePath(rawURL string) string {
	return strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite:"), "//")
}

// postgresDSN turns on lib/pq's binary_parameters unless the URL says
// otherwise: a statement with arguments then costs one round trip to the
// server instead of two (a separate Parse and Describe first). Every []byte
// argument goes to a BYTEA column, which takes the raw bytes as they are.
func postgresDSN(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL // lib/pq reports what is wrong with it
	}
	q := u.Query()
	if q.Has("binary_parameters") {
		return rawURL
	}
	q.Set("binary_parameters", "yes")
	u.RawQuery = q.Encode()
	return u.String()
}

// SetEnqueuer connects the job queue; Tx.Enqueue needs it.
func (db *DB) SetEnqueuer(e Enqueuer) { db.enqueuer = e }

// SetClock replaces time.Now, for tests.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// Now is the database layer's clock, in UTC.
func (db *DB) Now() time.Time { return db.now().UTC() }

// Tx is one transaction. Jobs enqueued on it are inserted just before commit.
type Tx struct {
	*sqlx.Tx
	db   *DB
	jobs []affaldsbot.Job
	// shown are the enquiries whose root message shows what this
	// transaction changed; created, those it created.
	shown, created map[int64]bool
}

// Enqueue adds a job to be inserted with this transaction.
func (tx *Tx) Enqueue(jobs ...affaldsbot.Job) { tx.jobs = append(tx.jobs, jobs...) }

// changedShown notes that the transaction changed what the enquiries' root
// messages show: their row, a call's times, a filing, a rating, an erasure.
func (tx *Tx) changedShown(ids ...int64) {
	if tx.shown == nil {
		tx.shown = map[int64]bool{}
	}
	for _, id := range ids {
		tx.shown[id] = true
	}
}

// TakeShownChanges returns, once and in order, the enquiries whose root
// message shows what this transaction changed so far. An enquiry it created
// is not among them: its root is yet to be posted and shows its latest
// state.
func (tx *Tx) TakeShownChanges() []int64 {
	var out []int64
	for id := range tx.shown {
		if !tx.created[id] {
			out = append(out, id)
		}
	}
	tx.shown = nil
	slices.Sort(out)
	return out
}

// Now is the clock of the transaction's database.
func (tx *Tx) Now() time.Time { return tx.db.Now() }

// InTx runs fn in a transaction and commits it when fn returns nil.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	stx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{Tx: stx, db: db}
	if err := fn(tx); err != nil {
		stx.Rollback()
		return err
	}
	if len(tx.jobs) > 0 {
		if db.enqueuer == nil {
			stx.Rollback()
			return fmt.Errorf("enqueue %s: no job queue", tx.jobs[0].Kind())
		}
		if err := db.enqueuer.InsertTx(ctx, stx.Tx, tx.jobs); err != nil {
			stx.Rollback()
			return fmt.Errorf("enqueue: %w", err)
		}
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// forUpdate is the row lock suffix; SQLite's single writer needs none.
func (db *DB) forUpdate() string {
	if db.Dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

func utc(t time.Time) time.Time { return t.UTC() }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// notFound is the ENOTFOUND error of the catalogue's key (not_found_…); an
// enquiry is named by its number as Slack shows it (#12).
func notFound(key string, id any) error {
	ref := fmt.Sprint(id)
	if key == "not_found_enquiry" {
		ref = "#" + ref
	}
	return affaldsbot.NewError(affaldsbot.ENOTFOUND, key, ref)
}

func isNoRows(err error) bool { return err == sql.ErrNoRows }
