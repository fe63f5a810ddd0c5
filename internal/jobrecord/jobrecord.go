// Package jobrecord stands in for the job queue in tests: it keeps the jobs
// enqueued with committed transactions instead of running them.
package jobrecord

import (
	"context"
	"database/sql"
	"sync"

	"github.com/affaldsbot/affaldsbot"
)

// Recorder is a storage.Enqueuer that keeps what is enqueued.
type Recorder struct {
	mu   sync.Mutex
	jobs []affaldsbot.Job
}

// InsertTx keeps the jobs.
func (r *Recorder) InsertTx(_ context.Context, _ *sql.Tx, jobs []affaldsbot.Job) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.jobs = append(r.jobs, jobs...)
	return nil
}

// Take returns and forgets the jobs kept so far.
func (r *Recorder) Take() []affaldsbot.Job {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.jobs
	r.jobs = nil
	return out
}

// Peek returns the jobs kept so far and keeps them.
func (r *Recorder) Peek() []affaldsbot.Job {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]affaldsbot.Job(nil), r.jobs...)
}

// Kinds are the jobs' kinds, in order.
func Kinds(jobs []affaldsbot.Job) []string {
	var out []string
	for _, j := range jobs {
		out = append(out, j.Kind())
	}
	return out
}
