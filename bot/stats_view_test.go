package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/stats"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

func sampleReport() *stats.Report {
	return &stats.Report{
		From: workcal.Date{Year: 2023, Month: 1, Day: 1}, To: workcal.Date{Year: 2025, Month: 12, Day: 31},
		GeneratedAt:          time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC),
		Enquiries:            stats.Counts{Total: 13315, Mail: 9200, Phone: 4115},
		PerYear:              stats.PerYear{Mail: 3155.2, Phone: 1590.4, Total: 4745.6},
		Open:                 stats.Open{New: 3, Claimed: 5, Answered: 12},
		FirstResponseMinutes: stats.ResponseMinutes{Median: 95.5, P90: 466},
		CallHandlingMinutes:  stats.HandlingMinutes{Mean: 19, Median: 18.9},
		DeadlineBreaches:     14, RepeatContactRate: 0.043,
		Responded: 9000, Handled: 3000, PerYearDays: 1096,
		ByTopic:   map[affaldsbot.Topic]int{"sortering": 5000, "afhentning": 3000, "klage": 315, "andet": 5000, "erhverv": 0},
		ByAdviser: map[string]storage.AdviserTally{"U0000ADV1": {Claimed: 6000, Answered: 5900}, "U0000ADV2": {Claimed: 7000, Answered: 6900}},
		CSAT: stats.CSAT{CSATPart: stats.CSATPart{Rated: 31, Responses: 120, Satisfied: 24, Score: 0.774, ResponseRate: 0.258},
			ByTopic: map[affaldsbot.Topic]stats.CSATPart{"sortering": {Rated: 12, Responses: 40, Satisfied: 10, Score: 0.833, ResponseRate: 0.3},
				"klage": {Rated: 19, Responses: 80, Satisfied: 14, Score: 0.737, ResponseRate: 0.238}},
			ByChannel: map[affaldsbot.Channel]stats.CSATPart{"mail": {Rated: 31, Responses: 120, Satisfied: 24, Score: 0.774, ResponseRate: 0.258}}},
	}
}

func TestStatsBlocksGolden(t *testing.T) {
	for _, lang := range []string{"da", "en"} {
		t.Run(lang, func(t *testing.T) {
			blocks := StatsBlocks(sampleReport(), stats.Style{Lang: lang, Location: copenhagen(t),
				Name: func(u string) string { return map[string]string{"U0000ADV1": "Ida Holm"}[u] }})
			golden(t, "stats_"+lang, blocks)
			checkSlackAccepts(t, blocks)
		})
	}
}

func TestStatsBlocksWithoutAdvisers(t *testing.T) {
	r := sampleReport()
	r.ByAdviser = nil
	for _, b := range StatsBlocks(r, stats.Style{Lang: "da"}) {
		if s, ok := b.(interface{ ID() string }); ok && s.ID() == "stats_advisers" {
			t.Error("advisers shown for a report without them")
		}
	}
}

func TestStatsBlocksStayWithinLimits(t *testing.T) {
	r := sampleReport()
	r.ByAdviser = map[string]storage.AdviserTally{}
	for i := range 500 {
		r.ByAdviser[fmt.Sprintf("U%08d", i)] = storage.AdviserTally{Claimed: i, Answered: i}
	}
	r.ByAdviser["<!channel>"] = storage.AdviserTally{Claimed: 1000}
	for i := range 300 {
		r.ByTopic[affaldsbot.Topic(fmt.Sprintf("emne_%03d_<!here>", i))] = i + 1
	}
	blocks := StatsBlocks(r, stats.Style{Lang: "en"})
	checkSlackAccepts(t, blocks)
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(blocks); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<!here>") || strings.Contains(buf.String(), "<!channel>") {
		t.Error("a topic or adviser name pinged the channel")
	}
}

func checkSlackAccepts(t *testing.T, blocks any) {
	t.Helper()
	b, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	if code, detail := slacktest.ValidateBlocks(string(b)); code != "" {
		t.Errorf("Slack would refuse the blocks: %s %s", code, detail)
	}
}
