package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// Source is what statistics read; *storage.DB implements it.
type Source interface {
	// StatsRows returns the enquiries received in [from, to).
	StatsRows(ctx context.Context, from, to time.Time) ([]storage.StatsRow, error)
	// Contacts returns who made the enquiries received in [from, to).
	Contacts(ctx context.Context, from, to time.Time) ([]storage.Contact, error)
	// ChannelStarts returns each channel's first enquiry ever.
	ChannelStarts(ctx context.Context) (map[affaldsbot.Channel]time.Time, error)
	// AdviserTallies counts claimed and answered events in [from, to).
	AdviserTallies(ctx context.Context, from, to time.Time) (map[string]storage.AdviserTally, error)
}

// Options change what Compute adds besides the SPEC §4.6 figures.
type Options struct {
	// DeadlineDays is the answer deadline in working days for mail stored
	// without one (SPEC §3: 10).
	DeadlineDays int
	Rows         bool // keep the per-enquiry rows (CSV export)
	Weekly       bool // compute the weekly series (chart)
}

// RepeatWindow is how far back an earlier enquiry makes a repeat contact.
const RepeatWindow = 14 * 24 * time.Hour

// Compute reads the enquiries of period p (days in cal's location) and
// computes the report as it stands at now.
func Compute(ctx context.Context, src Source, p workcal.Period, cal *workcal.Calendar, now time.Time, opts Options) (*Report, error) {
	if opts.DeadlineDays <= 0 {
		opts.DeadlineDays = 10
	}
	loc := cal.Location()
	from, to := p.Start(loc), p.End(loc)
	in, err := read(ctx, src, from, to)
	if err != nil {
		return nil, err
	}
	rows := derive(in.rows, cal, now, opts.DeadlineDays)
	markRepeats(rows, in.earlier)
	r := summarise(rows, p, now)
	r.PerYear = perYear(r.Enquiries, p, in.starts, workcal.DateOf(now, loc), loc)
	r.ByAdviser = in.tallies
	if opts.Weekly {
		r.Weekly = weekly(rows, p, loc)
	}
	if opts.Rows {
		r.Rows = rows
	}
	return r, nil
}

// input is everything Compute reads from its Source.
type input struct {
	rows    []storage.StatsRow
	earlier []storage.Contact
	starts  map[affaldsbot.Channel]time.Time
	tallies map[string]storage.AdviserTally
}

func read(ctx context.Context, src Source, from, to time.Time) (*input, error) {
	var in input
	var err error
	if in.rows, err = src.StatsRows(ctx, from, to); err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	if in.earlier, err = src.Contacts(ctx, from.Add(-RepeatWindow), from); err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	if in.starts, err = src.ChannelStarts(ctx); err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	if in.tallies, err = src.AdviserTallies(ctx, from, to); err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	if in.tallies == nil {
		in.tallies = map[string]storage.AdviserTally{}
	}
	return &in, nil
}
