package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/affaldsbot/affaldsbot/guidance"
)

// guidanceMaxK bounds --k.
const guidanceMaxK = 50

// guidanceLine is one passage as `guidance search` prints it: docs/commands.md's
// fields, then where the passage comes from and whether drafts may use it.
type guidanceLine struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Score     float64 `json:"score"`
	Text      string  `json:"text"`
	Source    string  `json:"source"`
	Read      string  `json:"read"`
	Confirmed bool    `json:"confirmed"`
}

// runGuidance is `affaldsbot guidance search [--k N] QUERY`: the best passages
// for a question as JSON lines (docs/commands.md), from GUIDANCE_DIR or the built-in
// corpus. Advisers see unconfirmed passages too, marked; drafts never do.
func runGuidance(ctx context.Context, guidanceDir string, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "search" {
		fmt.Fprintln(stderr, "usage: affaldsbot guidance search [--k N] QUERY\n       affaldsbot guidance gaps [add …]")
		return exitUsage
	}
	k, query, ok := parseGuidanceSearch(args[1:], stderr)
	if !ok {
		return exitUsage
	}
	ix, code := loadGuidance(guidanceDir, stderr)
	if ix == nil {
		return code
	}
	hits, err := ix.SearchAll(query, k)
	if err != nil {
		return fail(stderr, err)
	}
	return printGuidance(stdout, stderr, hits)
}

func parseGuidanceSearch(args []string, stderr io.Writer) (k int, query string, ok bool) {
	fs := flag.NewFlagSet("affaldsbot guidance search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, "usage: affaldsbot guidance search [--k N] QUERY") }
	fs.IntVar(&k, "k", 3, "how many passages to print")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return 0, "", false
	}
	query = strings.TrimSpace(strings.Join(words, " "))
	switch {
	case query == "":
		fmt.Fprintln(stderr, "affaldsbot: guidance search: a QUERY is needed")
		return 0, "", false
	case k < 1 || k > guidanceMaxK:
		fmt.Fprintf(stderr, "affaldsbot: guidance search: --k must be 1 to %d\n", guidanceMaxK)
		return 0, "", false
	}
	return k, query, true
}

// parseInterspersed parses fs's flags wherever they stand among the other
// arguments, which it returns in order; after "--" everything is an argument.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return words, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(words, rest...), nil
		}
		words, args = append(words, rest[0]), rest[1:]
	}
}

// loadGuidance is guidanceIndex for a command: a folder that does not load is
// bad configuration.
func loadGuidance(dir string, stderr io.Writer) (*guidance.Index, int) {
	ix, err := guidanceIndex(dir)
	if err != nil {
		fmt.Fprintf(stderr, "affaldsbot: GUIDANCE_DIR: %s\n", strings.ReplaceAll(err.Error(), "\n", " "))
		return nil, exitUsage
	}
	return ix, exitOK
}

func printGuidance(stdout, stderr io.Writer, hits []guidance.Hit) int {
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, h := range hits {
		line := guidanceLine{ID: h.ID, Title: h.Title, Score: h.Score, Text: h.Text,
			Source: h.Source, Read: h.Read, Confirmed: h.Confirmed}
		if err := enc.Encode(line); err != nil {
			return fail(stderr, err)
		}
	}
	return exitOK
}
