package handlers_test

import (
	"context"
	"database/sql"
	"sync"

	"github.com/affaldsbot/affaldsbot"
)

// jobRecorder keeps the jobs enqueued with committed transactions, in place
// of the job queue.
type jobRecorder struct {
	mu   sync.Mutex
	jobs []affaldsbot.Job
}

func (j *jobRecorder) InsertTx(_ context.Context, _ *sql.Tx, jobs []affaldsbot.Job) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.jobs = append(j.jobs, jobs...)
	return nil
}

// take returns and forgets the jobs enqueued so far.
func (j *jobRecorder) take() []affaldsbot.Job {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := j.jobs
	j.jobs = nil
	return out
}

// peek returns the jobs enqueued so far and keeps them.
func (j *jobRecorder) peek() []affaldsbot.Job {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]affaldsbot.Job(nil), j.jobs...)
}

// kinds are the jobs' kinds, in order.
func kinds(jobs []affaldsbot.Job) []string {
	var out []string
	for _, j := range jobs {
		out = append(out, j.Kind())
	}
	return out
}

// adviserSet is a directory of the advisers in the set; nobody is a lead.
type adviserSet map[string]bool

func (d adviserSet) IsAdviser(_ context.Context, u string) (bool, error) { return d[u], nil }
func (d adviserSet) IsLead(context.Context, string) (bool, error)        { return false, nil }
