package bot_test

import (
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/insights"
)

// TestInsightsGapBlocksLinkEnquiriesToTheirThreads: each recurring
// question names its enquiries as links to their threads; one without a
// thread stays a plain number.
func TestInsightsGapBlocksLinkEnquiriesToTheirThreads(t *testing.T) {
	w := &handlers.WeeklyInsights{Week: "2026-W50", Lang: "da",
		Report: &insights.Report{Recurring: []insights.Recurring{{Question: "Fedtet pizzabakke", Count: 2, Enquiries: []int64{12, 13}}}},
		Roots:  map[int64]handlers.ThreadRef{12: {Channel: "C0ENQ", TS: "1764600000.000100"}}}
	blocks, _ := bot.InsightsGapBlocks(w, "https://affald.slack.com/")
	got := mustJSON(blocks)
	if want := `\u003chttps://affald.slack.com/archives/C0ENQ/p1764600000000100|#12\u003e`; !strings.Contains(got, want) {
		t.Errorf("no link to #12's thread in %s", got)
	}
	if !strings.Contains(got, " #13") {
		t.Errorf("#13, without a thread, is not named plainly in %s", got)
	}
	if blocks, _ := bot.InsightsGapBlocks(w, ""); strings.Contains(mustJSON(blocks), "archives") {
		t.Error("without the workspace's address the report still links")
	}
}

// TestInsightsBlocksLinkTheTextWhenTheyCan: with the workspace's address
// the report's text names enquiries as links to their threads; without,
// it stays in code sections with plain numbers.
func TestInsightsBlocksLinkTheTextWhenTheyCan(t *testing.T) {
	w := &handlers.WeeklyInsights{Week: "2026-W50", Lang: "da",
		Report: &insights.Report{Enquiries: 3, Recurring: []insights.Recurring{{Question: "Fedtet pizzabakke", Count: 3, Enquiries: []int64{12, 13, 14},
			Examples: []string{"Fedtet pizzabakke"}}}},
		Roots: map[int64]handlers.ThreadRef{12: {Channel: "C0ENQ", TS: "1764600000.000100"}}}
	linked, _ := bot.InsightsBlocks(w, "https://affald.slack.com/")
	if got := mustJSON(linked); !strings.Contains(got, `archives/C0ENQ/p1764600000000100|#12\u003e`) || strings.Contains(got, "```") {
		t.Errorf("with the workspace's address: %s", got)
	}
	plain, _ := bot.InsightsBlocks(w, "")
	if got := mustJSON(plain); strings.Contains(got, "archives") || !strings.Contains(got, "```") {
		t.Errorf("without it: %s", got)
	}
}
