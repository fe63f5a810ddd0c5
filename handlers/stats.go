package handlers

import (
	"bytes"
	"context"
	"fmt"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// StatsAnswer is what `/affald stats [periode]` shows: the report, and for
// a lead's export the CSV; Chart is the weekly PNG to upload with it.
type StatsAnswer struct {
	Report   *stats.Report
	Lead     bool   // ByAdviser is kept only for leads
	CSV      []byte // export only: one row per enquiry, without personal data
	Chart    []byte
	Filename string // base name for the uploads, e.g. "affald-stats-2025-01-01_2025-03-31"
}

// Stats computes the statistics of the period written in periodText
// (workcal.ParsePeriod; empty is the current month). Advisers see the
// summary; leads also see the figures per adviser and may export (export
// true); anyone else is refused with EFORBIDDEN.
func (s *Service) Stats(ctx context.Context, user, periodText string, export bool) (*StatsAnswer, error) {
	lead, err := s.statsAccess(ctx, user, export)
	if err != nil {
		return nil, err
	}
	cal := s.Calendar
	if cal == nil {
		cal = workcal.Default()
	}
	now := s.DB.Now()
	p, err := workcal.ParsePeriod(periodText, now, cal.Location())
	if err != nil {
		return nil, err
	}
	r, err := stats.Compute(ctx, s.DB, p, cal, now, stats.Options{DeadlineDays: s.Settings.DeadlineDays, Rows: export, Weekly: true})
	if err != nil {
		return nil, err
	}
	a := &StatsAnswer{Report: r, Lead: lead, Filename: fmt.Sprintf("affald-stats-%s_%s", p.From, p.To)}
	if !lead {
		r.ByAdviser = nil
	}
	if a.Chart, err = stats.Chart(r, s.Settings.Lang); err != nil {
		return nil, err
	}
	if export {
		return a, s.export(ctx, user, a)
	}
	return a, nil
}

// statsAccess says whether user is a lead, and refuses whoever may not see
// statistics, or export them.
func (s *Service) statsAccess(ctx context.Context, user string, export bool) (lead bool, err error) {
	if s.Directory == nil || user == "" {
		return false, affaldsbot.NewError(affaldsbot.EFORBIDDEN, "not_adviser")
	}
	if lead, err = s.Directory.IsLead(ctx, user); err != nil || lead {
		return lead, err
	}
	if export {
		return false, affaldsbot.NewError(affaldsbot.EFORBIDDEN, "stats_export_leads_only")
	}
	adviser, err := s.Directory.IsAdviser(ctx, user)
	if err == nil && !adviser {
		err = affaldsbot.NewError(affaldsbot.EFORBIDDEN, "not_adviser")
	}
	return false, err
}

func (s *Service) export(ctx context.Context, user string, a *StatsAnswer) error {
	var buf bytes.Buffer
	if err := stats.WriteCSV(&buf, a.Report, false); err != nil {
		return fmt.Errorf("stats export: %w", err)
	}
	a.CSV = buf.Bytes()
	a.Report.Rows = nil
	return s.DB.Audit(ctx, user, "stats_export", a.Filename, fmt.Sprintf("%d enquiries", a.Report.Enquiries.Total))
}
