package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

// statsFlags are the arguments of `affaldsbot stats`.
type statsFlags struct {
	from, to, period, format, lang, chart string
	personal                              bool
}

// runStats prints the statistics of docs/statistics.md for a period: by default the
// current month up to today.
func runStats(ctx context.Context, db *storage.DB, cal *workcal.Calendar, lang string, args []string, stdout, stderr io.Writer) int {
	f, err := parseStatsFlags(args, lang, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	} else if err != nil {
		return exitUsage
	}
	now := time.Now()
	p, err := statsPeriod(f, now, cal.Location())
	if err != nil {
		fmt.Fprintf(stderr, "affaldsbot: stats: %s\n", affaldsbot.ErrorMessage(err))
		return exitUsage
	}
	opts := stats.Options{Rows: f.format == "csv", Weekly: f.chart != ""}
	r, err := stats.Compute(ctx, db, p, cal, now, opts)
	if err != nil {
		return fail(stderr, err)
	}
	if f.chart != "" {
		if err := writeChart(r, f.chart, f.lang); err != nil {
			return fail(stderr, err)
		}
	}
	if err := writeStats(stdout, r, f, cal.Location()); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

// parseStatsFlags reads the flags; lang (BOT_LANG) is --lang's default.
func parseStatsFlags(args []string, lang string, stderr io.Writer) (statsFlags, error) {
	f := statsFlags{lang: lang}
	if f.lang != "en" {
		f.lang = "da"
	}
	fs := flag.NewFlagSet("affaldsbot stats", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.from, "from", "", "first day, YYYY-MM-DD")
	fs.StringVar(&f.to, "to", "", "last day, YYYY-MM-DD (included)")
	fs.StringVar(&f.period, "period", "", `a period in words: "sidste måned", "2025 Q1", "2025" …`)
	fs.StringVar(&f.format, "format", "text", "text, json or csv (one row per enquiry)")
	fs.StringVar(&f.lang, "lang", f.lang, "language of the text and chart: da or en (BOT_LANG)")
	fs.StringVar(&f.chart, "chart", "", "also write a weekly chart (PNG) to this file")
	fs.BoolVar(&f.personal, "with-personal-data", false, "csv: include the citizen's e-mail or phone")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if err := checkStatsFlags(f, fs.Args()); err != nil {
		fmt.Fprintf(stderr, "affaldsbot: stats: %v\n", err)
		return f, err
	}
	return f, nil
}

func checkStatsFlags(f statsFlags, rest []string) error {
	switch {
	case len(rest) > 0:
		return fmt.Errorf("unexpected argument %q", rest[0])
	case f.format != "text" && f.format != "json" && f.format != "csv":
		return fmt.Errorf("--format must be text, json or csv, not %q", f.format)
	case f.lang != "da" && f.lang != "en":
		return fmt.Errorf("--lang must be da or en, not %q", f.lang)
	case f.period != "" && (f.from != "" || f.to != ""):
		return fmt.Errorf("give --period or --from/--to, not both")
	}
	return nil
}

// statsPeriod reads --period, or --from/--to (either may be left out: from
// the first of to's month, to today).
func statsPeriod(f statsFlags, now time.Time, loc *time.Location) (workcal.Period, error) {
	if f.from == "" && f.to == "" {
		return workcal.ParsePeriod(f.period, now, loc)
	}
	def := workcal.DefaultPeriod(now, loc)
	from, to := def.From, def.To
	var err error
	if f.to != "" {
		if to, err = workcal.ParseDate(f.to); err != nil {
			return workcal.Period{}, affaldsbot.Errorf(affaldsbot.EINVALID, "--to: %v", err)
		}
		from = workcal.Date{Year: to.Year, Month: to.Month, Day: 1}
	}
	if f.from != "" {
		if from, err = workcal.ParseDate(f.from); err != nil {
			return workcal.Period{}, affaldsbot.Errorf(affaldsbot.EINVALID, "--from: %v", err)
		}
	}
	return workcal.NewPeriod(from, to)
}

// writeStats writes the report in the format asked for. The text names
// advisers by their Slack user IDs: without Slack, no names are known.
func writeStats(w io.Writer, r *stats.Report, f statsFlags, loc *time.Location) error {
	switch f.format {
	case "json":
		return stats.WriteJSON(w, r)
	case "csv":
		return stats.WriteCSV(w, r, f.personal)
	}
	return stats.WriteText(w, r, stats.Style{Lang: f.lang, Location: loc})
}

func writeChart(r *stats.Report, path, lang string) error {
	png, err := stats.Chart(r, lang)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return fmt.Errorf("--chart: %w", err)
	}
	return nil
}
