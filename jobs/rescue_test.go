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

// slowArgs is a kind with a long per-attempt timeout (like LLM drafts).
type slowArgs struct {
	Key string `json:"key"`
}

func (slowArgs) Kind() string { return "test_slow" }

// registerBoth registers a default-timeout kind and a two-minute kind.
func registerBoth(db *storage.DB, quick func(context.Context, effectArgs) error, slow func(context.Context, slowArgs) error) *jobs.Queue {
	r := jobs.NewRegistry()
	jobs.Register(r, quick, jobs.Options{MaxAttempts: 5})
	jobs.Register(r, slow, jobs.Options{MaxAttempts: 5, Timeout: 2 * time.Minute})
	q, err := jobs.New(db.DB.DB, r, jobs.Config{Dialect: db.Dialect})
	if err != nil {
		panic(err)
	}
	db.SetEnqueuer(q)
	return q
}

// TestDefaultRescueHandsOverWithinAMinute kills a worker process with SIGKILL
// while it runs two jobs and starts a queue with the default settings: the
// default-timeout job is retried once its 25 seconds are up (at the rescuer's
// next pass, at most 30 seconds later) and completes once; the job of the kind
// with a two-minute timeout is left alone meanwhile.
func TestDefaultRescueHandsOverWithinAMinute(t *testing.T) {
	if os.Getenv("AFFALDSBOT_RESCUE_CHILD") != "" {
		runRescueChild()
		return
	}
	if testing.Short() {
		t.Skip("waits for the rescuer (up to a minute)")
	}
	t.Parallel() // mostly waiting for the rescuer, as are the dialects
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			url := storagetest.URL(t, dialect)
			db := openDB(t, url)
			migrate(t, db)
			registerBoth(db, effect(db), nil)
			if err := db.InTx(ctx, func(tx *storage.Tx) error {
				tx.Enqueue(effectArgs{"quick"}, slowArgs{"slow"})
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			killChildMidJobs(t, url)
			killed := time.Now()
			q := registerBoth(db, effect(db), func(context.Context, slowArgs) error { return nil })
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer q.Stop(ctx)
			waitFor(t, 75*time.Second, func() bool { return jobState(db) == "completed" })
			took := time.Since(killed)
			if n, a := count(db, "quick"), attempts(db, "quick"); n != 1 || a != 1 {
				t.Errorf("effect rows=%d attempts=%d, want 1 and 1", n, a)
			}
			if s := kindState(db, "test_slow"); s != "running" {
				t.Errorf("two-minute job is %q %s after the kill, want still running", s, took)
			}
			t.Logf("default-timeout job completed %s after the kill", took.Round(time.Second))
			if took > 60*time.Second {
				t.Errorf("hand-over took %s, want at most 60 s", took)
			}
		})
	}
}

// killChildMidJobs starts a worker process and kills it once both jobs run.
func killChildMidJobs(t *testing.T, url string) {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDefaultRescueHandsOverWithinAMinute$")
	cmd.Env = append(os.Environ(), "AFFALDSBOT_RESCUE_CHILD="+url, "AFFALDSBOT_RESCUE_DIR="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, func() bool {
		_, e1 := os.Stat(filepath.Join(dir, "test_effect"))
		_, e2 := os.Stat(filepath.Join(dir, "test_slow"))
		return e1 == nil && e2 == nil
	})
	cmd.Process.Kill()
	cmd.Wait()
}

// runRescueChild works both jobs until killed, marking each as started.
func runRescueChild() {
	db, err := storage.Open(context.Background(), os.Getenv("AFFALDSBOT_RESCUE_CHILD"))
	if err != nil {
		os.Exit(3)
	}
	dir := os.Getenv("AFFALDSBOT_RESCUE_DIR")
	hang := func(ctx context.Context, kind string) error {
		os.WriteFile(filepath.Join(dir, kind), []byte("1"), 0o600)
		<-ctx.Done()
		time.Sleep(time.Minute) // ignore cancellation: only SIGKILL ends it
		return ctx.Err()
	}
	q := registerBoth(db, func(ctx context.Context, a effectArgs) error { return hang(ctx, a.Kind()) },
		func(ctx context.Context, a slowArgs) error { return hang(ctx, a.Kind()) })
	if q.Start(context.Background()) != nil {
		os.Exit(3)
	}
	time.Sleep(2 * time.Minute)
	os.Exit(4)
}

func kindState(db *storage.DB, kind string) string {
	var s string
	db.Get(&s, db.Rebind(`SELECT state FROM river_job WHERE kind = ?`), kind)
	return s
}
