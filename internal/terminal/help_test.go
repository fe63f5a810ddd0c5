package terminal

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

func TestHelpExplainsEveryCommand(t *testing.T) {
	for _, lang := range []string{"da", "en"} {
		t.Run(lang, func(t *testing.T) {
			var out bytes.Buffer
			c := New(Options{Out: &out, Lang: lang})
			c.Handle(Command{Word: "citizen", Usage: "citizen N TEXT", Help: "the citizen answers #N"})
			if err := c.Exec(context.Background(), "help"); err != nil {
				t.Fatal(err)
			}
			help := out.String()
			for _, b := range builtins() {
				line := lineWith(help, "  "+c.usageOf(b.words[0]))
				if line == "" {
					t.Errorf("help lacks %q:\n%s", b.words[0], help)
					continue
				}
				explained := c.t("h_" + b.words[0])
				if explained == "h_"+b.words[0] || !strings.HasSuffix(line, explained) {
					t.Errorf("help line of %q explains nothing: %q", b.words[0], line)
				}
			}
			for _, want := range []string{"the citizen answers #N", `"""`, c.t("help_editing")} {
				if !strings.Contains(help, want) {
					t.Errorf("help lacks %q:\n%s", want, help)
				}
			}
			if lang == "en" {
				for _, danish := range []string{"TEKST", "henvendelse", "tråden", "periode", "hjælp", "åbne", "(tag)"} {
					if strings.Contains(help, danish) {
						t.Errorf("English help has the Danish %q:\n%s", danish, help)
					}
				}
			}
		})
	}
}

func lineWith(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func TestDigestIsNoEnquiry(t *testing.T) {
	var out bytes.Buffer
	c := New(Options{Out: &out, Lang: "da", Names: map[string]string{"U1": "Ida"}})
	ctx := context.Background()
	due := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	d := &handlers.Digest{Day: workcal.Date{Year: 2026, Month: 12, Day: 3}, Since: workcal.Date{Year: 2026, Month: 12, Day: 2},
		Lang: "da", Due: []storage.DeadlineItem{{EnquiryID: 7, Subject: "Storskrald", Holder: "U1", DeadlineAt: due}}}
	var surface handlers.ChatSurface = c
	if err := surface.PostDigest(ctx, "C", d); err != nil {
		t.Fatal(err)
	}
	if err := c.PostNotice(ctx, "C", "", "En besked til kanalen"); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Contains(got, "#0") {
		t.Errorf("the digest or a channel notice is shown as enquiry #0:\n%s", got)
	}
	for _, want := range []string{"📰 Dagens overblik", "#7 Storskrald", "hos Ida", "ℹ️ En besked til kanalen"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

func TestStatsRequest(t *testing.T) {
	for in, want := range map[string]struct {
		period string
		export bool
	}{
		"": {"", false}, "sidste måned": {"sidste måned", false}, "sidste måned eksport": {"sidste måned", true},
		"2025 Q1 export": {"2025 Q1", true}, "Eksport": {"", true},
	} {
		if p, e := StatsRequest(in); p != want.period || e != want.export {
			t.Errorf("StatsRequest(%q) = %q, %v; want %q, %v", in, p, e, want.period, want.export)
		}
	}
}
