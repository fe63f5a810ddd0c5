package storage

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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

// ranks reads the period's values of col from its covering index (one
// integer column is far cheaper to read than to sort in the database) and
// picks the ranks from them sorted.
func (db *DB) ranks(ctx context.Context, col, logged string, from, to time.Time, ranks []int) (map[int]Ranked, error) {
	out := map[int]Ranked{}
	if len(ranks) == 0 {
		return out, nil
	}
	values, err := db.rankedValues(ctx, col, logged, from, to)
	if err != nil {
		return nil, fmt.Errorf("%s ranks: %w", col, err)
	}
	slices.SortFunc(values, func(a, b Ranked) int {
		if c := cmp.Compare(a.Ns, b.Ns); c != 0 {
			return c
		}
		return cmp.Compare(boolInt(a.Logged), boolInt(b.Logged))
	})
	for _, k := range ranks {
		if k >= 0 && k < len(values) {
			out[k] = values[k]
		}
	}
	return out, nil
}

func (db *DB) rankedValues(ctx context.Context, col, logged string, from, to time.Time) ([]Ranked, error) {
	rs, err := db.QueryContext(ctx, db.Rebind(`SELECT `+col+`, `+logged+` FROM enquiries
		WHERE received_at >= ? AND received_at < ? AND `+col+` IS NOT NULL AND merged_into IS NULL`), utc(from), utc(to))
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []Ranked
	for rs.Next() {
		var r Ranked
		var l int64
		if err := rs.Scan(&r.Ns, &l); err != nil {
			return nil, err
		}
		r.Logged = l == 1
		out = append(out, r)
	}
	return out, rs.Err()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// HandlingTimes returns the answered calls' handling times received in
// [from, to), oldest enquiry first.
func (db *DB) HandlingTimes(ctx context.Context, from, to time.Time) ([]Ranked, error) {
	rs, err := db.QueryContext(ctx, db.Rebind(`SELECT handling_ns, handling_logged FROM enquiries
		WHERE received_at >= ? AND received_at < ? AND handling_ns IS NOT NULL AND merged_into IS NULL ORDER BY received_at, id`), utc(from), utc(to))
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
