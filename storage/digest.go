package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// DayFigures are the counts of the daily digest over [From, To) and the open
// queue as it stands.
type DayFigures struct {
	Received map[affaldsbot.Channel]int // received in the period, by channel
	Answered int                        // enquiries answered in the period
	Closed   int                        // enquiries closed in the period
	Open     map[affaldsbot.Status]int  // open now, by status
}

// DeadlineItem is an open mail enquiry with its deadline and where its
// thread is.
type DeadlineItem struct {
	EnquiryID  int64     `db:"enquiry_id"`
	Subject    string    `db:"subject"`
	Holder     string    `db:"holder"`
	DeadlineAt time.Time `db:"deadline_at"`
	Channel    string    `db:"channel"`
	RootTS     string    `db:"root_ts"`
}

type keyCount struct {
	Key string `db:"k"`
	N   int    `db:"n"`
}

// DayFigures counts what came in, was answered and was closed in [from, to),
// and the open queue now.
func (db *DB) DayFigures(ctx context.Context, from, to time.Time) (DayFigures, error) {
	f := DayFigures{Received: map[affaldsbot.Channel]int{}, Open: map[affaldsbot.Status]int{}}
	var rows []keyCount
	err := db.SelectContext(ctx, &rows, db.Rebind(`SELECT channel AS k, COUNT(*) AS n FROM enquiries
		WHERE merged_into IS NULL AND received_at >= ? AND received_at < ? GROUP BY channel`), utc(from), utc(to))
	if err != nil {
		return f, fmt.Errorf("digest received: %w", err)
	}
	for _, r := range rows {
		f.Received[affaldsbot.Channel(r.Key)] = r.N
	}
	rows = rows[:0]
	err = db.SelectContext(ctx, &rows, db.Rebind(`SELECT type AS k, COUNT(DISTINCT enquiry_id) AS n FROM events
		WHERE type IN ('answered', 'closed') AND at >= ? AND at < ? GROUP BY type`), utc(from), utc(to))
	if err != nil {
		return f, fmt.Errorf("digest answered: %w", err)
	}
	for _, r := range rows {
		if r.Key == string(affaldsbot.EventAnswered) {
			f.Answered = r.N
		} else {
			f.Closed = r.N
		}
	}
	return f, db.openByStatus(ctx, f.Open)
}

func (db *DB) openByStatus(ctx context.Context, out map[affaldsbot.Status]int) error {
	var rows []keyCount
	if err := db.SelectContext(ctx, &rows, `SELECT status AS k, COUNT(*) AS n FROM enquiries WHERE status <> 'closed' GROUP BY status`); err != nil {
		return fmt.Errorf("digest open: %w", err)
	}
	for _, r := range rows {
		out[affaldsbot.Status(r.Key)] = r.N
	}
	return nil
}

// NearDeadline lists unanswered mail enquiries (new or claimed) whose answer
// deadline is at or before `before`, earliest first; unwarned limits it to
// those not yet warned about.
func (db *DB) NearDeadline(ctx context.Context, before time.Time, unwarned bool, limit int) ([]DeadlineItem, error) {
	q := `SELECT e.id AS enquiry_id, e.subject, e.holder, e.deadline_at, COALESCE(r.channel, '') AS channel, COALESCE(r.root_ts, '') AS root_ts
		FROM enquiries e LEFT JOIN slack_refs r ON r.enquiry_id = e.id
		WHERE e.channel = 'mail' AND e.status IN ('new', 'claimed') AND e.deadline_at IS NOT NULL AND e.deadline_at <= ?`
	if unwarned {
		q += ` AND e.deadline_warned_at IS NULL AND r.root_ts <> ''`
	}
	var out []DeadlineItem
	err := db.SelectContext(ctx, &out, db.Rebind(q+` ORDER BY e.deadline_at, e.id LIMIT ?`), utc(before), limit)
	if err != nil {
		return nil, fmt.Errorf("enquiries near their deadline: %w", err)
	}
	return out, nil
}

// ClaimDigest records that the digest of day (YYYY-MM-DD) is being posted;
// it returns false when it was recorded already, by this or another replica.
// One statement decides, so of two runs at once only one wins.
func (db *DB) ClaimDigest(ctx context.Context, day string) (bool, error) {
	res, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO digests (day, posted_at) VALUES (?, ?) ON CONFLICT (day) DO NOTHING`), day, db.Now())
	if err != nil {
		return false, fmt.Errorf("claim digest of %s: %w", day, err)
	}
	return rowsChanged(res, "claim digest of "+day)
}

// ReleaseDigest forgets a claimed digest that could not be posted, so a later
// run tries again.
func (db *DB) ReleaseDigest(ctx context.Context, day string) error {
	if _, err := db.ExecContext(ctx, db.Rebind(`DELETE FROM digests WHERE day = ?`), day); err != nil {
		return fmt.Errorf("release digest of %s: %w", day, err)
	}
	return nil
}

// MarkDeadlineWarned records the deadline warning of an enquiry; false when
// it was recorded already.
func (db *DB) MarkDeadlineWarned(ctx context.Context, enquiryID int64) (bool, error) {
	res, err := db.ExecContext(ctx, db.Rebind(`UPDATE enquiries SET deadline_warned_at = ? WHERE id = ? AND deadline_warned_at IS NULL`),
		db.Now(), enquiryID)
	if err != nil {
		return false, fmt.Errorf("mark deadline warning of enquiry %d: %w", enquiryID, err)
	}
	return rowsChanged(res, fmt.Sprintf("mark deadline warning of enquiry %d", enquiryID))
}

// rowsChanged reports whether a statement changed exactly one row.
func rowsChanged(res sql.Result, what string) (bool, error) {
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("%s: %w", what, err)
	}
	return n == 1, nil
}
