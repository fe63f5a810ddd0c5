// Package jobs runs durable side effects with River on the bot's own database:
// riversqlite for SQLite and riverdatabasesql over the lib/pq handle for
// PostgreSQL. It is the only importer of River.
package jobs

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/riverqueue/river"
)

// Options tune how one kind of job is inserted.
type Options struct {
	MaxAttempts int           // default 25 (River's default backoff spans about three weeks)
	Unique      bool          // a job with the same kind and arguments is inserted once while not finished
	Timeout     time.Duration // per attempt; default the queue's (DefaultTimeout)
}

// Registry collects the workers before the queue starts.
type Registry struct {
	workers  *river.Workers
	opts     map[string]Options
	periodic []*river.PeriodicJob
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{workers: river.NewWorkers(), opts: map[string]Options{}}
}

// Kinds are the kinds with a worker, sorted.
func (r *Registry) Kinds() []string {
	return slices.Sorted(maps.Keys(r.opts))
}

// Register makes fn the worker of jobs of type T. fn must stop when ctx ends
// (the kind's Timeout): a lease held until that deadline, as Slack posting
// takes, relies on no effect starting after it.
func Register[T affaldsbot.Job](r *Registry, fn func(ctx context.Context, args T) error, opts Options) {
	var zero T
	r.opts[zero.Kind()] = opts
	river.AddWorker(r.workers, &worker[T]{fn: fn, timeout: opts.Timeout})
}

type worker[T affaldsbot.Job] struct {
	river.WorkerDefaults[T]
	fn      func(ctx context.Context, args T) error
	timeout time.Duration
}

func (w *worker[T]) Timeout(*river.Job[T]) time.Duration {
	return w.timeout // 0: the queue's JobTimeout
}

func (w *worker[T]) Work(ctx context.Context, job *river.Job[T]) error {
	err := w.fn(ctx, job.Args)
	var later *affaldsbot.RetryLater
	if errors.As(err, &later) {
		return river.JobSnooze(later.After)
	}
	if affaldsbot.ErrorCode(err) == affaldsbot.ENOTFOUND || affaldsbot.ErrorCode(err) == affaldsbot.EINVALID {
		return river.JobCancel(err) // retrying cannot help
	}
	return err
}

// Periodic runs a job of type T on a fixed interval; with several replicas only
// the elected leader enqueues it.
func Periodic[T affaldsbot.Job](r *Registry, every time.Duration, args func() T) {
	r.periodic = append(r.periodic, river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) { return args(), nil }, nil))
}
