package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
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

// ranks reads the period's values of col from its covering index and picks
// the ranks from them sorted. The database returns them as one text of
// comma-separated integers (each value times two plus its logged flag, so
// that the integers sort as the pairs do) rather than a row each: a year
// holds about 100,000 values, and a row costs the driver far more than the
// database's aggregate does.
func (db *DB) ranks(ctx context.Context, col, logged string, from, to time.Time, ranks []int) (map[int]Ranked, error) {
	out := map[int]Ranked{}
	if len(ranks) == 0 {
		return out, nil
	}
	packed, err := db.packedValues(ctx, col, logged, from, to)
	if err != nil {
		return nil, fmt.Errorf("%s ranks: %w", col, err)
	}
	slices.Sort(packed)
	for _, k := range ranks {
		if k >= 0 && k < len(packed) {
			out[k] = Ranked{Ns: packed[k] >> 1, Logged: packed[k]&1 == 1}
		}
	}
	return out, nil
}

// packedValues returns the period's values of col, each as 2·value + logged.
func (db *DB) packedValues(ctx context.Context, col, logged string, from, to time.Time) ([]int64, error) {
	agg := `group_concat(` + col + ` * 2 + ` + logged + `)`
	if db.Dialect == Postgres {
		agg = `string_agg((` + col + ` * 2 + ` + logged + `)::text, ',')`
	}
	var text sql.NullString
	err := db.QueryRowContext(ctx, db.Rebind(`SELECT `+agg+` FROM enquiries
		WHERE received_at >= ? AND received_at < ? AND `+col+` IS NOT NULL AND merged_into IS NULL`), utc(from), utc(to)).Scan(&text)
	if err != nil {
		return nil, err
	}
	return parseInts(text.String)
}

// parseInts reads comma-separated decimal integers; "" is none.
func parseInts(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	out := make([]int64, 0, strings.Count(s, ",")+1)
	for len(s) > 0 {
		field, rest, _ := strings.Cut(s, ",")
		v, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("read %q: %w", field, err)
		}
		out, s = append(out, v), rest
	}
	return out, nil
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
