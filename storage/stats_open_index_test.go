package storage_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// TestOpenCountReadsIndexAlone: the statistics' count of a period's open
// enquiries of one status reads enquiries_open alone, without visiting each
// open enquiry's row for merged_into.
func TestOpenCountReadsIndexAlone(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		q := `SELECT COUNT(*) FROM enquiries WHERE status = 'new' AND status <> 'closed' AND merged_into IS NULL AND received_at >= ? AND received_at < ?`
		from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		var plan []string
		err := db.InTx(ctx, func(tx *storage.Tx) error {
			explain := `EXPLAIN QUERY PLAN `
			if db.Dialect == storage.Postgres {
				explain = `EXPLAIN `
				for _, off := range []string{"enable_seqscan", "enable_bitmapscan"} {
					if _, err := tx.ExecContext(ctx, `SET LOCAL `+off+` = off`); err != nil {
						return err
					}
				}
			}
			rows, err := tx.QueryContext(ctx, tx.Rebind(explain+q), from, to)
			if err != nil {
				return err
			}
			defer rows.Close()
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				for i := range vals {
					vals[i] = new(any)
				}
				if err := rows.Scan(vals...); err != nil {
					return err
				}
				for _, v := range vals {
					if s, ok := (*v.(*any)).(string); ok {
						plan = append(plan, s)
					}
				}
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
		want := "COVERING INDEX enquiries_open"
		if db.Dialect == storage.Postgres {
			want = "Index Only Scan using enquiries_open"
		}
		if got := strings.Join(plan, "\n"); !strings.Contains(got, want) {
			t.Errorf("plan of the open count:\n%s\nwant %q", got, want)
		}
	})
}
