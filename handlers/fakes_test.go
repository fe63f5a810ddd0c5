package handlers_test

import (
	"context"

	"github.com/affaldsbot/affaldsbot/internal/jobrecord"
)

// jobRecorder keeps the jobs enqueued, in place of the job queue.
type jobRecorder = jobrecord.Recorder

// kinds are the jobs' kinds, in order.
var kinds = jobrecord.Kinds

// adviserSet is a directory of the advisers in the set; nobody is a lead.
type adviserSet map[string]bool

func (d adviserSet) IsAdviser(_ context.Context, u string) (bool, error) { return d[u], nil }
func (d adviserSet) IsLead(context.Context, string) (bool, error)        { return false, nil }
