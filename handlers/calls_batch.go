package handlers

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
)

// CallBatchOptions tune how a CallBatcher groups reports.
type CallBatchOptions struct {
	MaxBatch int // reports committed in one transaction; default 64
	Parallel int // transactions in flight at once; default 1 on SQLite (one writer), 2 on PostgreSQL
}

// callBatchTimeout bounds one group transaction, whatever the callers' contexts.
const callBatchTimeout = 30 * time.Second

// CallBatcher stores transferred calls like Service.ReceiveCall, but commits
// the reports that arrive while a transaction is in flight together: one
// transaction, one commit and one job insert for the whole group. Each caller
// is answered only after its report and its jobs are committed. A group holds
// at most one report per call_id, and a call_id is in at most one group at a
// time, so repeats see the committed first report. When a group fails, each
// of its reports is stored again on its own, so one bad report cannot fail
// the others.
type CallBatcher struct {
	svc      *Service
	max      int
	parallel int

	mu       sync.Mutex
	pending  []*callWait
	inFlight map[string]bool // call_ids of the groups being committed
	running  int             // goroutines committing groups

	groups, reports, alone atomic.Int64
}

// CallBatchStats count what a CallBatcher did.
type CallBatchStats struct {
	Groups  int64 // group transactions committed or tried
	Reports int64 // reports in them
	Alone   int64 // reports stored again on their own after their group failed
	Waiting int   // reports not yet in a group
}

// Stats returns the counts so far.
func (b *CallBatcher) Stats() CallBatchStats {
	b.mu.Lock()
	waiting := len(b.pending)
	b.mu.Unlock()
	return CallBatchStats{Groups: b.groups.Load(), Reports: b.reports.Load(), Alone: b.alone.Load(), Waiting: waiting}
}

// callWait is one caller waiting for its report to be committed.
type callWait struct {
	ctx    context.Context
	report CallReport
	res    CallResult
	err    error
	done   chan struct{}
}

// NewCallBatcher groups the reports given to s.
func NewCallBatcher(s *Service, opt CallBatchOptions) *CallBatcher {
	if opt.MaxBatch <= 0 {
		opt.MaxBatch = 64
	}
	if opt.Parallel <= 0 {
		opt.Parallel = 1
		if s.DB != nil && s.DB.Dialect == storage.Postgres {
			opt.Parallel = 2
		}
	}
	return &CallBatcher{svc: s, max: opt.MaxBatch, parallel: opt.Parallel, inFlight: map[string]bool{}}
}

// ReceiveCall stores r as Service.ReceiveCall does, committed in a group with
// the reports that arrive at the same time.
func (b *CallBatcher) ReceiveCall(ctx context.Context, r CallReport) (CallResult, error) {
	if err := r.validate(b.svc.DB.Now()); err != nil {
		return CallResult{}, err
	}
	w := &callWait{ctx: ctx, report: r, done: make(chan struct{})}
	b.mu.Lock()
	b.pending = append(b.pending, w)
	start := b.running < b.parallel
	if start {
		b.running++
	}
	b.mu.Unlock()
	if start {
		go b.drain()
	}
	<-w.done
	return w.res, w.err
}

// drain commits groups until no report waits.
func (b *CallBatcher) drain() {
	for {
		group := b.next()
		if group == nil {
			return
		}
		b.commit(group)
		b.release(group)
	}
}

// next takes up to max waiting reports, none whose call_id is taken; with
// none to take it returns nil and the caller stops draining.
func (b *CallBatcher) next() []*callWait {
	b.mu.Lock()
	defer b.mu.Unlock()
	var group []*callWait
	rest := b.pending[:0]
	for _, w := range b.pending {
		switch {
		case w.ctx.Err() != nil:
			w.err = w.ctx.Err()
			close(w.done)
		case len(group) < b.max && !b.inFlight[w.report.CallID]:
			b.inFlight[w.report.CallID] = true
			group = append(group, w)
		default:
			rest = append(rest, w)
		}
	}
	clear(b.pending[len(rest):])
	b.pending = rest
	if len(group) == 0 {
		b.running--
	}
	return group
}

func (b *CallBatcher) release(group []*callWait) {
	b.mu.Lock()
	for _, w := range group {
		delete(b.inFlight, w.report.CallID)
	}
	b.mu.Unlock()
	for _, w := range group {
		close(w.done)
	}
}

// commit stores the group in one transaction, or each report on its own
// when that fails.
func (b *CallBatcher) commit(group []*callWait) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(group[0].ctx), callBatchTimeout)
	defer cancel()
	reports := make([]CallReport, len(group))
	for i, w := range group {
		reports[i] = w.report
	}
	b.groups.Add(1)
	b.reports.Add(int64(len(group)))
	var out []callOutcome
	err := b.svc.inTx(ctx, func(tx *storage.Tx) (err error) {
		out, err = b.svc.receiveCallGroup(ctx, tx, reports)
		return err
	})
	if err == nil {
		for i, w := range group {
			w.res, w.err = out[i].res, out[i].err
		}
		return
	}
	b.alone.Add(int64(len(group)))
	for _, w := range group {
		w.res, w.err = b.svc.ReceiveCall(w.ctx, w.report)
	}
}
