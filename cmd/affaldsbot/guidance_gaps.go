package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
)

const gapsUsage = "usage: affaldsbot guidance gaps [--format text|json]\n" +
	"       affaldsbot guidance gaps add --question TEXT [--enquiries 12,40,41] [--by NAME] [--note TEXT]"

// runGaps is `affaldsbot guidance gaps`: the questions the team lead
// marked as gaps in the sorting guidance, newest first; `gaps add` marks
// one.
func runGaps(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "add" {
		return runGapsAdd(ctx, e, args[1:])
	}
	fs := flag.NewFlagSet("affaldsbot guidance gaps", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	format := fs.String("format", "text", "text or json")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 || (*format != "text" && *format != "json") {
		fmt.Fprintln(e.stderr, gapsUsage)
		return exitUsage
	}
	db, closeDB, err := openGapsDB(ctx, e)
	if err != nil {
		return fail(e.stderr, err)
	}
	defer closeDB()
	gaps, err := db.GuidanceGaps(ctx)
	if err != nil {
		return fail(e.stderr, err)
	}
	if *format == "json" {
		err = writeGapsJSON(e.stdout, gaps)
	} else {
		err = writeGapsText(e.stdout, gaps, e.cfg.BotLang, e.cfg.Location)
	}
	if err != nil {
		return fail(e.stderr, err)
	}
	return exitOK
}

func runGapsAdd(ctx context.Context, e *env, args []string) int {
	g, ok := parseGap(args, e.stderr)
	if !ok {
		return exitUsage
	}
	db, closeDB, err := openGapsDB(ctx, e)
	if err != nil {
		return fail(e.stderr, err)
	}
	defer closeDB()
	if err := db.InsertGuidanceGap(ctx, &g); err != nil {
		return fail(e.stderr, err)
	}
	fmt.Fprintf(e.stdout, "%d\n", g.ID)
	return exitOK
}

func parseGap(args []string, stderr io.Writer) (storage.GuidanceGap, bool) {
	var g storage.GuidanceGap
	var ids string
	fs := flag.NewFlagSet("affaldsbot guidance gaps add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&g.Question, "question", "", "the recurring question the guidance does not answer")
	fs.StringVar(&ids, "enquiries", "", "example enquiry numbers, comma separated")
	fs.StringVar(&g.MarkedBy, "by", cliActor(), "who marks it")
	fs.StringVar(&g.Note, "note", "", "a note")
	if err := fs.Parse(args); err != nil {
		return g, false
	}
	g.Question = strings.TrimSpace(g.Question)
	var err error
	switch {
	case fs.NArg() > 0:
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case g.Question == "":
		err = fmt.Errorf("--question is needed")
	case strings.TrimSpace(g.MarkedBy) == "":
		err = fmt.Errorf("--by must name who marks it")
	default:
		g.EnquiryIDs, err = parseEnquiryIDs(ids)
	}
	if err != nil {
		fmt.Fprintf(stderr, "affaldsbot: guidance gaps add: %v\n%s\n", err, gapsUsage)
		return g, false
	}
	return g, true
}

func parseEnquiryIDs(s string) ([]int64, error) {
	var out []int64
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(strings.TrimPrefix(p, "#"), 10, 64)
		if err != nil || id < 1 {
			return nil, fmt.Errorf("--enquiries: %q is not an enquiry number", p)
		}
		out = append(out, id)
	}
	return out, nil
}

func openGapsDB(ctx context.Context, e *env) (*storage.DB, func(), error) {
	db, _, err := openDatabase(ctx, e.cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	return db, func() { db.Close() }, nil
}

// gapLine is one gap as `guidance gaps --format json` prints it, one JSON
// object a line.
type gapLine struct {
	ID        int64     `json:"id"`
	Question  string    `json:"question"`
	Enquiries []int64   `json:"enquiries"`
	MarkedBy  string    `json:"marked_by"`
	MarkedAt  time.Time `json:"marked_at"`
	Note      string    `json:"note,omitempty"`
}

func writeGapsJSON(w io.Writer, gaps []storage.GuidanceGap) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, g := range gaps {
		ids := g.EnquiryIDs
		if ids == nil {
			ids = []int64{}
		}
		if err := enc.Encode(gapLine{g.ID, g.Question, ids, g.MarkedBy, g.MarkedAt, g.Note}); err != nil {
			return err
		}
	}
	return nil
}

func writeGapsText(w io.Writer, gaps []storage.GuidanceGap, lang string, loc *time.Location) error {
	none, marked := "Ingen spørgsmål er markeret som huller i vejledningen.", "markeret af %s %s"
	if lang == "en" {
		none, marked = "No questions are marked as gaps in the guidance.", "marked by %s %s"
	}
	var b strings.Builder
	if len(gaps) == 0 {
		b.WriteString(none + "\n")
	}
	for _, g := range gaps {
		fmt.Fprintf(&b, "%d. %q — "+marked+"\n", g.ID, g.Question, g.MarkedBy, g.MarkedAt.In(loc).Format("2006-01-02 15:04 MST"))
		if len(g.EnquiryIDs) > 0 {
			refs := make([]string, len(g.EnquiryIDs))
			for i, id := range g.EnquiryIDs {
				refs[i] = "#" + strconv.FormatInt(id, 10)
			}
			fmt.Fprintf(&b, "   %s\n", strings.Join(refs, " "))
		}
		if g.Note != "" {
			fmt.Fprintf(&b, "   %s\n", g.Note)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
