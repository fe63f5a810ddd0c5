package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestGuidanceGapsAreMarkedAndListed(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			url := storagetest.URL(t, dialect)
			e, out, _ := testEnv(t, url)
			if code := runGuidanceCommand(ctx, e, []string{"gaps"}); code != 0 || !strings.Contains(out.String(), "Ingen spørgsmål") {
				t.Errorf("empty list = %d: %q", code, out.String())
			}
			e, _, errs := testEnv(t, url)
			add := []string{"gaps", "add", "--question", "Må fedtede pizzabakker i pap?", "--enquiries", "#12, 40,41", "--by", "U0LEAD"}
			if code := runGuidanceCommand(ctx, e, add); code != 0 {
				t.Fatalf("gaps add = %d: %s", code, errs.String())
			}
			e, out, _ = testEnv(t, url, "BOT_LANG", "en")
			if code := runGuidanceCommand(ctx, e, []string{"gaps"}); code != 0 ||
				!strings.Contains(out.String(), `1. "Må fedtede pizzabakker i pap?" — marked by U0LEAD`) || !strings.Contains(out.String(), "#12 #40 #41") {
				t.Errorf("list = %d:\n%s", code, out.String())
			}
			e, out, _ = testEnv(t, url)
			if code := runGuidanceCommand(ctx, e, []string{"gaps", "--format", "json"}); code != 0 {
				t.Fatalf("json = %d", code)
			}
			var g gapLine
			if err := json.Unmarshal(out.Bytes(), &g); err != nil || g.ID != 1 || len(g.Enquiries) != 3 || g.MarkedBy != "U0LEAD" {
				t.Errorf("json line %q: %+v, %v", out.String(), g, err)
			}
		})
	}
}

func TestGuidanceGapsBadUsage(t *testing.T) {
	url := "sqlite:" + t.TempDir() + "/x.db"
	for _, args := range [][]string{
		{"gaps", "add"}, {"gaps", "add", "--question", "x", "--enquiries", "12,abc"}, {"gaps", "add", "--question", "x", "--by", " "},
		{"gaps", "--format", "csv"}, {"gaps", "extra"},
	} {
		e, _, errs := testEnv(t, url)
		if code := runGuidanceCommand(context.Background(), e, args); code != exitUsage {
			t.Errorf("guidance %v = %d (%s); want %d", args, code, errs.String(), exitUsage)
		}
	}
}
