package storage

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Ranked is a stored duration at one rank of its sorted values.
type Ranked struct {
	Ns     int64
	Logged bool // a handling time the adviser logged in whole seconds
}

// ResponseRanks returns the first-response working times (nanoseconds) of
// the enquiries received in [from, to) at the given ranks (0 = shortest) of
// their ascending order.
func (db *DB) ResponseRanks(ctx context.Context, from, to time.Time, ranks []int) (map[int]Ranked, error) {
	return db.ranks(ctx, "response_ns", "0", from, to, ranks)
}

// HandlingRanks returns the answered calls' handling times received in
// [from, to) at the given ranks of their ascending order.
func (db *DB) HandlingRanks(ctx context.Context, from, to time.Time, ranks []int) (map[int]Ranked, error) {
	return db.ranks(ctx, "handling_ns", "handling_logged", from, to, ranks)
}

func (db *DB) ranks(ctx context.Context, col, logged string, from, to time.Time, ranks []int) (map[int]Ranked, error) {
	out := map[int]Ranked{}
	if len(ranks) == 0 {
		return out, nil
	}
	args := []any{utc(from), utc(to)}
	for _, k := range ranks {
		args = append(args, k)
	}
	q := `SELECT k, v, l FROM (SELECT ` + col + ` AS v, ` + logged + ` AS l, ROW_NUMBER() OVER (ORDER BY ` + col + `) - 1 AS k
		FROM enquiries WHERE received_at >= ? AND received_at < ? AND ` + col + ` IS NOT NULL) s
		WHERE k IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(ranks)), ", ") + `)`
	rs, err := db.QueryContext(ctx, db.Rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("%s ranks: %w", col, err)
	}
	defer rs.Close()
	for rs.Next() {
		var k, l int
		var v int64
		if err := rs.Scan(&k, &v, &l); err != nil {
			return nil, fmt.Errorf("%s ranks: %w", col, err)
		}
		out[k] = Ranked{Ns: v, Logged: l == 1}
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("%s ranks: %w", col, err)
	}
	return out, nil
}

// HandlingTimes returns the answered calls' handling times received in
// [from, to), oldest enquiry first.
func (db *DB) HandlingTimes(ctx context.Context, from, to time.Time) ([]Ranked, error) {
	rs, err := db.QueryContext(ctx, db.Rebind(`SELECT handling_ns, handling_logged FROM enquiries
		WHERE received_at >= ? AND received_at < ? AND handling_ns IS NOT NULL ORDER BY received_at, id`), utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("handling times: %w", err)
	}
	defer rs.Close()
	var out []Ranked
	for rs.Next() {
		var r Ranked
		var l int
		if err := rs.Scan(&r.Ns, &l); err != nil {
			return nil, fmt.Errorf("handling times: %w", err)
		}
		r.Logged = l == 1
		out = append(out, r)
	}
	return out, rs.Err()
}
