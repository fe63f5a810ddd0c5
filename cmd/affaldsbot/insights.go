package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/insights"
)

const insightsUsage = "usage: affaldsbot insights [--period PERIOD | --from DATE --to DATE] [--format text|json] [--lang da|en] [--top N]"

// insightsFlags are the arguments of `affaldsbot insights`.
type insightsFlags struct {
	statsFlags
	top int
}

// runInsights is `affaldsbot insights`: what citizens struggled with in a
// period (by default the current month up to today), against the period
// just before it (insights.Previous).
func runInsights(ctx context.Context, e *env, args []string) int {
	f, ok := parseInsightsFlags(args, e.cfg.BotLang, e.stderr)
	if !ok {
		return exitUsage
	}
	p, err := statsPeriod(f.statsFlags, time.Now(), e.cfg.Location)
	if err != nil { // a mistake in the arguments is said before the database is opened
		fmt.Fprintf(e.stderr, "affaldsbot: insights: %s\n", affaldsbot.ErrorMessage(err))
		return exitUsage
	}
	svc, closeDB, err := openReadOnly(ctx, e)
	if err != nil {
		return fail(e.stderr, err)
	}
	defer closeDB()
	ix, code := loadGuidance(e.cfg.GuidanceDir, e.stderr)
	if ix == nil {
		return code
	}
	score := func(q string) (float64, bool) {
		hits, err := ix.Search(q, 1)
		if err != nil || len(hits) == 0 {
			return 0, err == nil // no passage at all is the lowest score
		}
		return hits[0].Score, true
	}
	in, err := insights.Load(ctx, svc.DB, p, svc.Calendar.Location(), score)
	if err != nil {
		return fail(e.stderr, err)
	}
	if svc.Answers, err = loadAnswers(e.cfg.AnswersDir); err != nil {
		return fail(e.stderr, err)
	}
	if in.Answers, err = svc.InsightAnswers(ctx); err != nil {
		return fail(e.stderr, err)
	}
	r := insights.Analyse(in, insights.Options{Top: f.top})
	if f.format == "json" {
		err = insights.WriteJSON(e.stdout, r)
	} else {
		err = insights.WriteText(e.stdout, r, f.lang)
	}
	if err != nil {
		return fail(e.stderr, err)
	}
	return exitOK
}

func parseInsightsFlags(args []string, lang string, stderr io.Writer) (insightsFlags, bool) {
	f := insightsFlags{}
	fs := flag.NewFlagSet("affaldsbot insights", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, insightsUsage); fs.PrintDefaults() }
	fs.StringVar(&f.from, "from", "", "first day, YYYY-MM-DD")
	fs.StringVar(&f.to, "to", "", "last day, YYYY-MM-DD (included)")
	fs.StringVar(&f.period, "period", "", `a period in words: "sidste måned", "2025 Q1", "2025" …`)
	fs.StringVar(&f.format, "format", "text", "text or json")
	fs.StringVar(&f.lang, "lang", lang, "language of the text: da or en (default BOT_LANG)")
	fs.IntVar(&f.top, "top", insights.DefaultTop, "longest list of each kind")
	if err := fs.Parse(args); err != nil {
		return f, false
	}
	err := checkStatsFlags(f.statsFlags, fs.Args())
	switch {
	case err != nil:
	case f.format == "csv":
		err = fmt.Errorf("--format must be text or json, not %q", f.format)
	case f.top < 1 || f.top > 1000:
		err = fmt.Errorf("--top must be 1 to 1000, not %d", f.top)
	}
	if err != nil {
		fmt.Fprintf(stderr, "affaldsbot: insights: %v\n", err)
		return f, false
	}
	return f, true
}
