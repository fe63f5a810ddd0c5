package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// Config of the queue.
type Config struct {
	Dialect      string // "sqlite" or "postgres"
	Workers      int    // concurrent jobs; default 10
	InsertOnly   bool   // enqueue but never work (commands that only write)
	PollInterval time.Duration
	// RescueAfter: a job still running this long after it started (its
	// process died) is retried; default 25 seconds. Attempts are cancelled
	// before that, after the kind's Timeout or 4/5 of RescueAfter (at most 20
	// seconds); a kind with a longer Timeout is rescued only after it.
	RescueAfter time.Duration
	Logger      *slog.Logger
}

// Defaults: River's rescuer looks for stuck jobs every 30 seconds, so an
// attempt cut off by a killed process is retried 25 to 55 seconds after it
// started; jobs not yet started are taken by the other replicas at once.
const (
	DefaultTimeout     = 20 * time.Second
	DefaultRescueAfter = 25 * time.Second
)

// Queue inserts and runs jobs.
type Queue struct {
	client *river.Client[*sql.Tx]
	opts   map[string]Options
}

func driver(db *sql.DB, dialect string) (riverdriver.Driver[*sql.Tx], error) {
	switch dialect {
	case "sqlite":
		return riversqlite.New(db), nil
	case "postgres":
		return pollOnlyDriver{riverdatabasesql.New(db)}, nil
	}
	return nil, fmt.Errorf("jobs: unknown dialect %q", dialect)
}

// pollOnlyDriver is PostgreSQL without LISTEN/NOTIFY: the queue polls
// (river.Config.PollOnly), so nobody listens, and an insert's pg_notify
// would cost a round trip and serialise concurrent commits for nothing.
type pollOnlyDriver struct {
	*riverdatabasesql.Driver
}

func (pollOnlyDriver) SupportsListenNotify() bool { return false }

// Migrate brings River's own tables up to date.
func Migrate(ctx context.Context, db *sql.DB, dialect string) error {
	d, err := driver(db, dialect)
	if err != nil {
		return err
	}
	m, err := rivermigrate.New(d, nil)
	if err != nil {
		return fmt.Errorf("jobs: migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}

// New builds the queue over db. Registry may be nil for an insert-only queue.
func New(db *sql.DB, r *Registry, cfg Config) (*Queue, error) {
	d, err := driver(db, cfg.Dialect)
	if err != nil {
		return nil, err
	}
	if r == nil {
		r = NewRegistry()
	}
	rescue := orDefault(cfg.RescueAfter, DefaultRescueAfter)
	rc := &river.Config{
		Logger:               quiet(cfg.Logger),
		FetchPollInterval:    orDefault(cfg.PollInterval, 20*time.Millisecond),
		FetchCooldown:        5 * time.Millisecond,
		RescueStuckJobsAfter: rescue,
		JobTimeout:           min(DefaultTimeout, rescue*4/5),
		PollOnly:             true,
		PeriodicJobs:         r.periodic,
		Workers:              r.workers,
	}
	if !cfg.InsertOnly {
		workers := cfg.Workers
		if workers <= 0 {
			workers = 10
		}
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}}
	} else {
		rc.Workers, rc.PeriodicJobs = nil, nil
	}
	client, err := river.NewClient(d, rc)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	return &Queue{client: client, opts: r.opts}, nil
}

// InsertTx enqueues jobs in the caller's transaction (storage.Enqueuer).
func (q *Queue) InsertTx(ctx context.Context, tx *sql.Tx, jobs []affaldsbot.Job) error {
	params := make([]river.InsertManyParams, len(jobs))
	for i, j := range jobs {
		params[i] = river.InsertManyParams{Args: j, InsertOpts: q.insertOpts(j.Kind())}
		if sj, ok := j.(affaldsbot.ScheduledJob); ok {
			params[i].InsertOpts.ScheduledAt = sj.RunAt()
		}
	}
	if _, err := q.client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("insert %d jobs: %w", len(jobs), err)
	}
	return nil
}

func (q *Queue) insertOpts(kind string) *river.InsertOpts {
	o := q.opts[kind]
	io := &river.InsertOpts{MaxAttempts: o.MaxAttempts}
	if o.Unique {
		io.UniqueOpts = river.UniqueOpts{ByArgs: true}
	}
	return io
}

// Start runs the workers until Stop.
func (q *Queue) Start(ctx context.Context) error { return q.client.Start(ctx) }

// Stop lets running jobs finish (until ctx ends, then cancels them; a
// cancelled job is retried later, by this or another replica).
func (q *Queue) Stop(ctx context.Context) error {
	if err := q.client.Stop(ctx); err != nil {
		return q.client.StopAndCancel(context.WithoutCancel(ctx))
	}
	return nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// quiet keeps River's routine info lines out of the bot's log.
func quiet(l *slog.Logger) *slog.Logger {
	if l == nil {
		l = slog.Default()
	}
	return slog.New(levelFilter{l.Handler(), slog.LevelWarn})
}

type levelFilter struct {
	slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.Handler.Enabled(ctx, l)
}

func (f levelFilter) WithAttrs(a []slog.Attr) slog.Handler {
	return levelFilter{f.Handler.WithAttrs(a), f.min}
}

func (f levelFilter) WithGroup(name string) slog.Handler {
	return levelFilter{f.Handler.WithGroup(name), f.min}
}
