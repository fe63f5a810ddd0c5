package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// StatsRow is one enquiry as statistics see it: its state now and its
// stored facts (RefreshStatsFacts).
type StatsRow struct {
	ID           int64
	Channel      affaldsbot.Channel
	Status       affaldsbot.Status
	Topic        affaldsbot.Topic
	ReceivedAt   time.Time
	CitizenEmail string
	CitizenPhone string
	Holder       string
	DeadlineAt   *time.Time
	ClosedAt     *time.Time
	// ResponseAt is the first response; ResponseNs the working time to it.
	ResponseAt *time.Time
	ResponseNs *int64
	// Handling is an answered call's handling time.
	Handling *Ranked
	Repeat   bool
}

const statsRowColumns = `id, channel, status, topic, received_at, citizen_email, citizen_phone, holder,
	deadline_at, closed_at, response_at, response_ns, handling_ns, handling_logged, repeat_email + repeat_phone`

// StatsRows returns the enquiries received in [from, to), oldest first;
// with mailWithoutDeadline only the mail stored without a deadline.
func (db *DB) StatsRows(ctx context.Context, from, to time.Time, mailWithoutDeadline bool) ([]StatsRow, error) {
	where := ""
	if mailWithoutDeadline {
		where = ` AND channel = 'mail' AND deadline_at IS NULL`
	}
	rs, err := db.QueryContext(ctx, db.Rebind(`SELECT `+statsRowColumns+` FROM enquiries
		WHERE merged_into IS NULL AND received_at >= ? AND received_at < ?`+where+` ORDER BY received_at, id`), utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("stats rows: %w", err)
	}
	defer rs.Close()
	var out []StatsRow
	for rs.Next() {
		r, err := scanStatsRow(rs)
		if err != nil {
			return nil, fmt.Errorf("stats rows: %w", err)
		}
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("stats rows: %w", err)
	}
	return out, nil
}

func scanStatsRow(rs *sql.Rows) (StatsRow, error) {
	var r StatsRow
	var deadline, closed, response sql.NullTime
	var responseNs, handling sql.NullInt64
	var logged, repeat int
	err := rs.Scan(&r.ID, &r.Channel, &r.Status, &r.Topic, &r.ReceivedAt, &r.CitizenEmail, &r.CitizenPhone, &r.Holder,
		&deadline, &closed, &response, &responseNs, &handling, &logged, &repeat)
	r.ReceivedAt = r.ReceivedAt.UTC()
	r.DeadlineAt, r.ClosedAt, r.ResponseAt = timePtr(deadline), timePtr(closed), timePtr(response)
	if responseNs.Valid {
		r.ResponseNs = &responseNs.Int64
	}
	if handling.Valid {
		r.Handling = &Ranked{Ns: handling.Int64, Logged: logged == 1}
	}
	r.Repeat = repeat > 0
	return r, err
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func earliest(cur *time.Time, t time.Time) *time.Time {
	if cur == nil || t.Before(*cur) {
		t = t.UTC()
		return &t
	}
	return cur
}
