package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// StatsRow is one enquiry as statistics see it: its state now and the times
// its events and messages recorded.
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
	// FirstAnswered is the first answered event; FirstSent the first
	// outbound message SMTP accepted; FirstAttempt the first logged call-back.
	FirstAnswered *time.Time
	FirstSent     *time.Time
	FirstAttempt  *time.Time
	// Calls only.
	CallAnsweredAt *time.Time
	CallEndedAt    *time.Time
	HandledSeconds *int64
}

// Contact is who made an enquiry and when, for repeat-contact checks.
type Contact struct {
	ID           int64
	Email, Phone string
	ReceivedAt   time.Time
}

// AdviserTally counts one adviser's claims and answers.
type AdviserTally struct {
	Claimed  int `json:"claimed"`
	Answered int `json:"answered"`
}

// StatsRows returns the enquiries received in [from, to), oldest first, with
// the first times their events and messages record.
func (db *DB) StatsRows(ctx context.Context, from, to time.Time) ([]StatsRow, error) {
	rows, index, err := db.statsEnquiries(ctx, from, to)
	if err != nil {
		return nil, err
	}
	if err := db.statsFirstEvents(ctx, from, to, rows, index); err != nil {
		return nil, err
	}
	if err := db.statsFirstSent(ctx, from, to, rows, index); err != nil {
		return nil, err
	}
	return rows, nil
}

const statsEnquiryQuery = `SELECT e.id, e.channel, e.status, e.topic, e.received_at, e.citizen_email, e.citizen_phone,
	e.holder, e.deadline_at, e.closed_at, c.answered_at, c.ended_at, c.handled_seconds
	FROM enquiries e LEFT JOIN calls c ON c.enquiry_id = e.id
	WHERE e.received_at >= ? AND e.received_at < ? ORDER BY e.received_at, e.id`

func (db *DB) statsEnquiries(ctx context.Context, from, to time.Time) ([]StatsRow, map[int64]int, error) {
	rs, err := db.QueryContext(ctx, db.Rebind(statsEnquiryQuery), utc(from), utc(to))
	if err != nil {
		return nil, nil, fmt.Errorf("stats enquiries: %w", err)
	}
	defer rs.Close()
	var out []StatsRow
	index := map[int64]int{}
	for rs.Next() {
		var r StatsRow
		var deadline, closed, answered, ended sql.NullTime
		var handled sql.NullInt64
		if err := rs.Scan(&r.ID, &r.Channel, &r.Status, &r.Topic, &r.ReceivedAt, &r.CitizenEmail, &r.CitizenPhone,
			&r.Holder, &deadline, &closed, &answered, &ended, &handled); err != nil {
			return nil, nil, fmt.Errorf("stats enquiries: %w", err)
		}
		r.DeadlineAt, r.ClosedAt = timePtr(deadline), timePtr(closed)
		r.CallAnsweredAt, r.CallEndedAt = timePtr(answered), timePtr(ended)
		if handled.Valid {
			r.HandledSeconds = &handled.Int64
		}
		index[r.ID] = len(out)
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		return nil, nil, fmt.Errorf("stats enquiries: %w", err)
	}
	return out, index, nil
}

const statsEventQuery = `SELECT v.enquiry_id, v.type, v.at FROM enquiries e
	JOIN events v ON v.enquiry_id = e.id AND v.type IN ('answered', 'call_attempt')
	WHERE e.received_at >= ? AND e.received_at < ?`

func (db *DB) statsFirstEvents(ctx context.Context, from, to time.Time, rows []StatsRow, index map[int64]int) error {
	return db.scanFirsts(ctx, "stats events", statsEventQuery, from, to, func(id int64, kind string, at time.Time) {
		i, ok := index[id]
		if !ok {
			return
		}
		if kind == string(affaldsbot.EventAnswered) {
			rows[i].FirstAnswered = earliest(rows[i].FirstAnswered, at)
		} else {
			rows[i].FirstAttempt = earliest(rows[i].FirstAttempt, at)
		}
	})
}

const statsSentQuery = `SELECT m.enquiry_id, m.kind, m.sent_at FROM enquiries e
	JOIN messages m ON m.enquiry_id = e.id AND m.kind = 'outbound'
	WHERE e.received_at >= ? AND e.received_at < ? AND m.sent_at IS NOT NULL`

func (db *DB) statsFirstSent(ctx context.Context, from, to time.Time, rows []StatsRow, index map[int64]int) error {
	return db.scanFirsts(ctx, "stats replies", statsSentQuery, from, to, func(id int64, _ string, at time.Time) {
		if i, ok := index[id]; ok {
			rows[i].FirstSent = earliest(rows[i].FirstSent, at)
		}
	})
}

// scanFirsts runs a query of (enquiry_id, kind, time) rows over a period.
func (db *DB) scanFirsts(ctx context.Context, what, q string, from, to time.Time, fn func(int64, string, time.Time)) error {
	rs, err := db.QueryContext(ctx, db.Rebind(q), utc(from), utc(to))
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rs.Close()
	for rs.Next() {
		var id int64
		var kind string
		var at time.Time
		if err := rs.Scan(&id, &kind, &at); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		fn(id, kind, at)
	}
	if err := rs.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
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
