package jobs_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// effectArgs is a job whose side effect is a row in job_effects; the worker
// records each attempt so the test can see what ran where.
type effectArgs struct {
	Key string `json:"key"`
}

func (effectArgs) Kind() string { return "test_effect" }

func openQueue(t testing.TB, db *storage.DB, work func(ctx context.Context, a effectArgs) error, rescue time.Duration) *jobs.Queue {
	t.Helper()
	r := jobs.NewRegistry()
	jobs.Register(r, work, jobs.Options{MaxAttempts: 5})
	q, err := jobs.New(db.DB.DB, r, jobs.Config{Dialect: db.Dialect, RescueAfter: rescue})
	if err != nil {
		t.Fatal(err)
	}
	db.SetEnqueuer(q)
	return q
}

func migrate(t testing.TB, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	if err := jobs.Migrate(ctx, db.DB.DB, db.Dialect); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS job_effects (key TEXT PRIMARY KEY, attempts INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
}

// effect applies the job's side effect idempotently: the key is stored once,
// whatever the number of attempts.
func effect(db *storage.DB) func(ctx context.Context, a effectArgs) error {
	return func(ctx context.Context, a effectArgs) error {
		_, err := db.ExecContext(ctx, db.Rebind(`INSERT INTO job_effects (key, attempts) VALUES (?, 1)
			ON CONFLICT (key) DO UPDATE SET attempts = job_effects.attempts + 1`), a.Key)
		return err
	}
}

func TestJobCommitsWithItsTransaction(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		migrate(t, db)
		q := openQueue(t, db, effect(db), 0)
		db.InTx(ctx, func(tx *storage.Tx) error { tx.Enqueue(effectArgs{"rolled-back"}); return os.ErrClosed })
		if err := db.InTx(ctx, func(tx *storage.Tx) error { tx.Enqueue(effectArgs{"committed"}); return nil }); err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer q.Stop(ctx)
		waitFor(t, 20*time.Second, func() bool { return count(db, "committed") == 1 })
		if n := count(db, "rolled-back"); n != 0 {
			t.Errorf("a job of a rolled-back transaction ran %d times", n)
		}
	})
}

// TestKilledWorkerJobFinishesOnceAfterRestart runs the worker in a child
// process, kills it with SIGKILL mid-job, and restarts the queue here: the job
// is rescued and its effect lands exactly once.
func TestKilledWorkerJobFinishesOnceAfterRestart(t *testing.T) {
	if os.Getenv("AFFALDSBOT_JOBS_CHILD") != "" {
		runChild()
		return
	}
	t.Parallel() // mostly waiting for the rescuer, as are the dialects
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			url := storagetest.URL(t, dialect)
			db := openDB(t, url)
			migrate(t, db)
			insertOnly := openQueue(t, db, effect(db), 0)
			if err := db.InTx(ctx, func(tx *storage.Tx) error { tx.Enqueue(effectArgs{"k1"}); return nil }); err != nil {
				t.Fatal(err)
			}
			_ = insertOnly
			marker := filepath.Join(t.TempDir(), "started")
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWorkerJobFinishesOnceAfterRestart$")
			cmd.Env = append(os.Environ(), "AFFALDSBOT_JOBS_CHILD="+url, "AFFALDSBOT_JOBS_MARKER="+marker)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitFor(t, 30*time.Second, func() bool { _, err := os.Stat(marker); return err == nil })
			cmd.Process.Kill() // SIGKILL: no cleanup, the job stays "running"
			cmd.Wait()
			if n := count(db, "k1"); n != 0 {
				t.Fatalf("effect before restart = %d, want 0", n)
			}
			q := openQueue(t, db, effect(db), 2*time.Second)
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer q.Stop(ctx)
			waitFor(t, 90*time.Second, func() bool { return jobState(db) == "completed" })
			if n, a := count(db, "k1"), attempts(db, "k1"); n != 1 || a != 1 {
				t.Errorf("effect rows=%d attempts=%d, want 1 and 1", n, a)
			}
		})
	}
}

// runChild works the job until the parent kills it: it signals that it has
// started and then never finishes.
func runChild() {
	db, err := storage.Open(context.Background(), os.Getenv("AFFALDSBOT_JOBS_CHILD"))
	if err != nil {
		os.Exit(3)
	}
	r := jobs.NewRegistry()
	jobs.Register(r, func(ctx context.Context, a effectArgs) error {
		os.WriteFile(os.Getenv("AFFALDSBOT_JOBS_MARKER"), []byte("1"), 0o600)
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
		return ctx.Err()
	}, jobs.Options{})
	q, err := jobs.New(db.DB.DB, r, jobs.Config{Dialect: db.Dialect})
	if err != nil || q.Start(context.Background()) != nil {
		os.Exit(3)
	}
	time.Sleep(time.Minute)
	os.Exit(4)
}

func openDB(t *testing.T, url string) *storage.DB {
	db, err := storage.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func count(db *storage.DB, key string) int {
	var n int
	db.Get(&n, db.Rebind(`SELECT COUNT(*) FROM job_effects WHERE key = ?`), key)
	return n
}

func attempts(db *storage.DB, key string) int {
	var n int
	db.Get(&n, db.Rebind(`SELECT attempts FROM job_effects WHERE key = ?`), key)
	return n
}

func jobState(db *storage.DB) string {
	var s string
	db.Get(&s, `SELECT state FROM river_job WHERE kind = 'test_effect'`)
	return s
}

func waitFor(t *testing.T, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
