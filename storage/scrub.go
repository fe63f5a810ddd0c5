package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/lib/pq"
)

// ScrubDepth says how far Scrub goes on PostgreSQL; SQLite always goes all
// the way (secure_delete has zeroed the freed bytes already).
type ScrubDepth int

const (
	// ScrubVacuum removes dead row versions and their index entries (VACUUM
	// with INDEX_CLEANUP ON): no query and no tuple reader finds an erased
	// value, but the bytes stay in the pages' free space until reused. It
	// takes no lock that stops the bot.
	ScrubVacuum ScrubDepth = iota
	// ScrubRewrite rewrites the tables and their indexes (VACUUM FULL): the
	// files hold nothing of the old row versions. It locks each table
	// while it is rewritten.
	ScrubRewrite
)

// erasedTables are the tables an erasure changes (csat_ratings: the
// comment).
var erasedTables = []string{"enquiries", "messages", "attachments", "drafts", "calls", "csat_ratings"}

// Scrub makes what an erasure removed unreadable in the database's files,
// after the erasure committed. SQLite: the rows' freed bytes were zeroed as
// they were freed (secure_delete); a file from before that is rewritten
// once (VACUUM); then the WAL, which still holds the pages as they were
// written, is copied back and truncated. PostgreSQL: depth.
func (db *DB) Scrub(ctx context.Context, depth ScrubDepth) error {
	if db.Dialect == SQLite {
		if err := db.vacuumOnce(ctx); err != nil {
			return err
		}
		return db.checkpoint(ctx)
	}
	return db.vacuumPostgres(ctx, depth)
}

func (db *DB) vacuumOnce(ctx context.Context) error {
	var pending int
	if err := db.GetContext(ctx, &pending, `SELECT COUNT(*) FROM storage_tasks WHERE name = 'vacuum'`); err != nil {
		return fmt.Errorf("scrub: %w", err)
	}
	if pending == 0 {
		return nil
	}
	if _, err := db.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("scrub: vacuum: %w", err)
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM storage_tasks WHERE name = 'vacuum'`); err != nil {
		return fmt.Errorf("scrub: %w", err)
	}
	return nil
}

// checkpoint copies the WAL into the database file and truncates it; a
// reader in another process can hold it up, so it is tried a few times.
func (db *DB) checkpoint(ctx context.Context) error {
	for attempt := range 5 {
		var busy, frames, copied int
		err := db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &copied)
		if err != nil {
			return fmt.Errorf("scrub: checkpoint: %w", err)
		}
		if busy == 0 {
			return nil
		}
		if err := sleep(ctx, time.Duration(attempt+1)*200*time.Millisecond); err != nil {
			return err
		}
	}
	return errors.New("scrub: checkpoint: another connection kept the WAL busy; run the erasure again")
}

// vacuumPostgres vacuums the erased tables on a connection of its own
// (VACUUM cannot run in a transaction). A rewrite waits at most
// lockTimeout for each table's lock, so it never queues the bot behind it
// for long, and is tried again a few times.
func (db *DB) vacuumPostgres(ctx context.Context, depth ScrubDepth) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("scrub: %w", err)
	}
	defer conn.Close()
	q := `VACUUM (INDEX_CLEANUP ON, ANALYZE) ` + strings.Join(erasedTables, ", ")
	if depth == ScrubRewrite {
		q = `VACUUM (FULL, ANALYZE) ` + strings.Join(erasedTables, ", ")
	}
	pending, err := waitOlderSnapshots(ctx, conn, db.scrubWait)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `SET lock_timeout = '`+lockTimeout+`'`); err != nil {
		return fmt.Errorf("scrub: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `RESET lock_timeout`)
	for attempt := range 3 {
		_, err = conn.ExecContext(ctx, q)
		if !isLockTimeout(err) {
			break
		}
		if err := sleep(ctx, time.Duration(attempt+1)*time.Second); err != nil {
			return err
		}
	}
	if err != nil {
		return fmt.Errorf("scrub: vacuum: %w", err)
	}
	if pending != nil {
		return pending // VACUUM removed what it could
	}
	return nil
}

// lockTimeout bounds how long a VACUUM FULL waits for a table's lock;
// snapshotWait how long a scrub waits for older transactions to end.
const (
	lockTimeout  = "10s"
	snapshotWait = 60 * time.Second // the default of DB.scrubWait
)

// ScrubPendingError says that a transaction older than an erasure was
// still running when the scrub gave up waiting for it: PostgreSQL keeps the
// erased rows' old versions while it runs, so the scrub could not remove
// them. The rows themselves are erased; running the erasure again once the
// transaction has ended finishes the scrub.
type ScrubPendingError struct {
	PID      int    // 0 when this role may not see the session
	Database string // where it runs; "" when unseen
	Waited   time.Duration
}

func (e *ScrubPendingError) Error() string {
	who := "a session this role cannot see"
	if e.PID != 0 {
		who = fmt.Sprintf("session %d in database %q", e.PID, e.Database)
	}
	return fmt.Sprintf("scrub: %s kept a transaction older than the erasure open for %v, and PostgreSQL keeps the old rows while it runs; run the erasure again once it has ended", who, e.Waited.Round(time.Second))
}

// SetScrubWait changes how long Scrub waits for older transactions (tests).
func (db *DB) SetScrubWait(d time.Duration) { db.scrubWait = d }

// waitOlderSnapshots waits until every transaction that began before now
// has ended: a row version an erasure replaced stays visible to such a
// transaction, and no VACUUM removes it while one runs. Transaction ids
// are the cluster's, so a transaction in another database counts too (its
// id holds back every database's horizon); snapshots are looked at in this
// database only. After the wait it reports the oldest such transaction.
func waitOlderSnapshots(ctx context.Context, conn *sql.Conn, wait time.Duration) (*ScrubPendingError, error) {
	var horizon string // the next transaction id
	if err := conn.QueryRowContext(ctx, `SELECT pg_snapshot_xmax(pg_current_snapshot())::text`).Scan(&horizon); err != nil {
		return nil, fmt.Errorf("scrub: %w", err)
	}
	start := time.Now()
	for {
		var older bool
		err := conn.QueryRowContext(ctx, `SELECT pg_snapshot_xmin(pg_current_snapshot()) < $1::xid8
			OR EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
				AND backend_xmin IS NOT NULL AND age(backend_xmin) > age(($1::text::numeric % 4294967296)::text::xid))`, horizon).Scan(&older)
		switch {
		case err != nil:
			return nil, fmt.Errorf("scrub: %w", err)
		case !older:
			return nil, nil
		case time.Since(start) > wait:
			return oldestTransaction(ctx, conn, time.Since(start)), nil
		}
		if err := sleep(ctx, 50*time.Millisecond); err != nil {
			return nil, err
		}
	}
}

// oldestTransaction names the session with the oldest transaction id.
func oldestTransaction(ctx context.Context, conn *sql.Conn, waited time.Duration) *ScrubPendingError {
	e := &ScrubPendingError{Waited: waited}
	row := conn.QueryRowContext(ctx, `SELECT pid, coalesce(datname, '') FROM pg_stat_activity
		WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() ORDER BY age(backend_xid) DESC LIMIT 1`)
	if err := row.Scan(&e.PID, &e.Database); err != nil {
		e.PID, e.Database = 0, ""
	}
	return e
}

func isLockTimeout(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "55P03" // lock_not_available
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}
