package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// FactsRules are what computing an enquiry's statistics facts needs from
// outside storage.
type FactsRules struct {
	// Calendar names the working calendar; facts computed with another are
	// computed again.
	Calendar string
	// Working is the working time between two instants.
	Working func(from, to time.Time) time.Duration
}

// factsBatch is how many stale enquiries are read at a time.
const factsBatch = 1000

// staleFacts is a stale enquiry with what its facts derive from.
type staleFacts struct {
	id                       int64
	channel                  affaldsbot.Channel
	receivedAt               time.Time
	email, phone             string
	oldEmailKey, oldPhoneKey string
	callAnswered, callEnded  sql.NullTime
	handledSeconds           sql.NullInt64
	firstAnswered, firstSent *time.Time
	firstAttempt             *time.Time
}

// RefreshStatsFacts computes the facts of every enquiry marked stale (all
// of them when the calendar changed) and the repeat-contact flags they
// affect; it returns how many enquiries it refreshed.
func (db *DB) RefreshStatsFacts(ctx context.Context, rules FactsRules) (int, error) {
	n := 0
	err := db.InTx(ctx, func(tx *Tx) error {
		if err := tx.useFactsCalendar(ctx, rules.Calendar); err != nil {
			return err
		}
		rep := newRepeatScope()
		var err error
		for after := int64(0); ; {
			var batch []*staleFacts
			if batch, err = tx.staleBatch(ctx, after); err != nil || len(batch) == 0 {
				break
			}
			if err = tx.writeFacts(ctx, batch, rules, rep); err != nil {
				break
			}
			n += len(batch)
			after = batch[len(batch)-1].id
		}
		if err != nil {
			return err
		}
		return tx.refreshRepeats(ctx, rep)
	})
	if err != nil {
		return 0, fmt.Errorf("statistics facts: %w", err)
	}
	return n, nil
}

// useFactsCalendar marks every enquiry stale when the facts were computed
// with another calendar, and records this one.
func (tx *Tx) useFactsCalendar(ctx context.Context, name string) error {
	var cur []string
	if err := tx.SelectContext(ctx, &cur, `SELECT calendar FROM stats_calendar WHERE id = 1`+tx.db.forUpdate()); err != nil {
		return err
	}
	if len(cur) == 1 && cur[0] == name {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE enquiries SET facts_stale = 1 WHERE facts_stale = 0`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO stats_calendar (id, calendar) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET calendar = excluded.calendar`), name)
	return err
}

func (tx *Tx) staleBatch(ctx context.Context, after int64) ([]*staleFacts, error) {
	lock := ""
	if tx.db.Dialect == Postgres {
		lock = " FOR UPDATE OF e"
	}
	rs, err := tx.QueryContext(ctx, tx.Rebind(`SELECT e.id, e.channel, e.received_at, e.citizen_email, e.citizen_phone,
		e.key_email, e.key_phone, c.answered_at, c.ended_at, c.handled_seconds
		FROM enquiries e LEFT JOIN calls c ON c.enquiry_id = e.id
		WHERE e.facts_stale = 1 AND e.id > ? ORDER BY e.id LIMIT ?`+lock), after, factsBatch)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []*staleFacts
	for rs.Next() {
		s := &staleFacts{}
		if err := rs.Scan(&s.id, &s.channel, &s.receivedAt, &s.email, &s.phone, &s.oldEmailKey, &s.oldPhoneKey,
			&s.callAnswered, &s.callEnded, &s.handledSeconds); err != nil {
			return nil, err
		}
		s.receivedAt = s.receivedAt.UTC()
		out = append(out, s)
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	return out, tx.staleFirsts(ctx, out)
}

// staleFirsts fills in the first answered event, call-back attempt and
// reply sent of each enquiry of the batch.
func (tx *Tx) staleFirsts(ctx context.Context, batch []*staleFacts) error {
	if len(batch) == 0 {
		return nil
	}
	byID := make(map[int64]*staleFacts, len(batch))
	args := make([]any, len(batch))
	for i, s := range batch {
		byID[s.id], args[i] = s, s.id
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(batch)), ", ")
	err := tx.scanTimes(ctx, `SELECT enquiry_id, type, at FROM events WHERE type IN ('answered', 'call_attempt')
		AND enquiry_id IN (`+in+`)`, args, func(id int64, kind string, at time.Time) {
		if kind == string(affaldsbot.EventAnswered) {
			byID[id].firstAnswered = earliest(byID[id].firstAnswered, at)
		} else {
			byID[id].firstAttempt = earliest(byID[id].firstAttempt, at)
		}
	})
	if err != nil {
		return err
	}
	return tx.scanTimes(ctx, `SELECT enquiry_id, kind, sent_at FROM messages WHERE kind = 'outbound'
		AND sent_at IS NOT NULL AND enquiry_id IN (`+in+`)`, args, func(id int64, _ string, at time.Time) {
		byID[id].firstSent = earliest(byID[id].firstSent, at)
	})
}

// scanTimes runs a query of (enquiry_id, kind, time) rows.
func (tx *Tx) scanTimes(ctx context.Context, q string, args []any, fn func(int64, string, time.Time)) error {
	rs, err := tx.QueryContext(ctx, tx.Rebind(q), args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var id int64
		var kind string
		var at time.Time
		if err := rs.Scan(&id, &kind, &at); err != nil {
			return err
		}
		fn(id, kind, at)
	}
	return rs.Err()
}
