package stats_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// benchVersion names the cached benchmark databases; change it when the
// data they hold must change.
const benchVersion = "v6"

const (
	benchEnquiries = 500_000
	benchYears     = 5 // 2021–2025: about 100,000 a year
	benchRowsPerOp = 400
)

// BenchmarkStatsYear: one year's statistics over 500,000 enquiries
// (docs/performance.md: ≤ 200 ms on each database). The data is loaded once and kept
// (a SQLite file in the temporary folder, a PostgreSQL database
// affaldsbot_bench_stats_<benchVersion>) for later runs.
func BenchmarkStatsYear(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			db := benchDB(b, dialect)
			ctx := context.Background()
			p := workcal.Period{From: workcal.Date{Year: 2024, Month: 1, Day: 1}, To: workcal.Date{Year: 2024, Month: 12, Day: 31}}
			now := time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)
			warmFacts(b, db)
			cal := workcal.Default() // one calendar for the process, as in production
			b.ResetTimer()
			var r *stats.Report
			for b.Loop() {
				var err error
				if r, err = stats.Compute(ctx, db, p, cal, now, stats.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(r.Enquiries.Total), "enquiries")
		})
	}
}

// warmFacts computes the stored facts of enquiries loaded or migrated since
// the last run (all of them after a new migration), as the first statistics
// in production do once.
func warmFacts(b *testing.B, db *storage.DB) {
	start := time.Now()
	cal := workcal.Default()
	n, err := db.RefreshStatsFacts(context.Background(), storage.FactsRules{Calendar: stats.CalendarKey(cal),
		Working: cal.WorkingDuration})
	if err != nil {
		b.Fatal(err)
	}
	if n == 0 {
		return
	}
	b.Logf("computed the facts of %d enquiries in %s", n, time.Since(start).Round(time.Millisecond))
	if db.Dialect == storage.Postgres {
		// What autovacuum does in production after so many updates: it
		// lets index-only scans skip the heap and gives the planner
		// statistics.
		if _, err := db.ExecContext(context.Background(), `VACUUM ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
}

func benchDB(b *testing.B, dialect string) *storage.DB {
	b.Helper()
	url := benchURL(b, dialect)
	ctx := context.Background()
	db, err := storage.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var n int
	if err := db.GetContext(ctx, &n, `SELECT COUNT(*) FROM enquiries`); err != nil {
		b.Fatal(err)
	}
	if n != benchEnquiries {
		start := time.Now()
		if err := loadBench(ctx, db); err != nil {
			b.Fatal(err)
		}
		b.Logf("loaded %d enquiries into %s in %s", benchEnquiries, dialect, time.Since(start).Round(time.Second))
	}
	return db
}

func benchURL(b *testing.B, dialect string) string {
	if dialect == storage.SQLite {
		return "sqlite:" + filepath.Join(os.TempDir(), "affaldsbot-bench-stats-"+benchVersion+".db")
	}
	admin, err := sql.Open("postgres", storagetest.PostgresAdminURL())
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	name := "affaldsbot_bench_stats_" + benchVersion
	var exists bool
	if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		b.Fatal(err)
	}
	if !exists {
		if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
			b.Fatal(err)
		}
	}
	return strings.Replace(storagetest.PostgresAdminURL(), "/postgres?", "/"+name+"?", 1)
}

// loadBench empties the tables and inserts the benchmark's enquiries with
// their events, replies and calls, many rows a statement, in one
// transaction.
func loadBench(ctx context.Context, db *storage.DB) error {
	return db.InTx(ctx, func(tx *storage.Tx) error {
		for _, t := range []string{"csat_ratings", "events", "messages", "calls", "enquiries"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return err
			}
		}
		l := &benchLoader{tx: tx, rng: rand.New(rand.NewPCG(1, 2))}
		for id := int64(1); id <= benchEnquiries; id += benchRowsPerOp {
			if err := l.batch(ctx, id, min(id+benchRowsPerOp, benchEnquiries+1)); err != nil {
				return fmt.Errorf("load enquiries from %d: %w", id, err)
			}
		}
		return nil
	})
}

// BenchmarkCSATYear: the satisfaction tallies alone, the part of
// BenchmarkStatsYear that the ratings add, over the same data.
func BenchmarkCSATYear(b *testing.B) {
	for _, dialect := range storagetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			db := benchDB(b, dialect)
			from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
			warmFacts(b, db)
			b.ResetTimer()
			var n int
			for b.Loop() {
				tallies, err := db.CSATTallies(context.Background(), from, to)
				if err != nil {
					b.Fatal(err)
				}
				n = 0
				for _, t := range tallies {
					n += t.Responses
				}
			}
			b.ReportMetric(float64(n), "responses")
		})
	}
}
