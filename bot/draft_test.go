package bot

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

var pizzaSource = handlers.DraftSource{ID: "pizzabakker", Title: "Pizzabakker med fedt og madrester",
	URL: "https://kk.dk/erhverv/erhvervsaffald/affaldssortering-for-virksomheder"}

func TestDraftOfTwentyThousandCharactersStaysInsideSlack(t *testing.T) {
	srv := slacktest.New(slacktest.Options{PostsPerSecond: -1})
	defer srv.Close()
	b := New(Options{BotToken: "xoxb-test", APIURL: srv.APIURL(), Lang: LangDanish})
	ctx := context.Background()
	_, root, err := b.API().PostMessageContext(ctx, "C1", slack.MsgOptionText("root", false))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Pizzabakker med fedt skal i restaffald <!channel> & @here. ", 400)[:20000]
	v := handlers.DraftView{DraftID: 7, EnquiryID: 3, State: handlers.DraftStreaming, Sources: []handlers.DraftSource{pizzaSource}}
	ts, err := b.PostDraft(ctx, "C1", root, v)
	if err != nil {
		t.Fatal(err)
	}
	for _, state := range []handlers.DraftState{handlers.DraftStreaming, handlers.DraftReady, handlers.DraftStale} {
		v.State, v.Text = state, long
		if err := b.UpdateDraft(ctx, "C1", ts, v); err != nil {
			t.Fatalf("%s: %v", state, err)
		}
		blocks, text := DraftBlocks(v, LangDanish)
		checkLimits(t, string(state), blocks)
		if n := len([]rune(text)); n > MaxUpdateText {
			t.Errorf("%s: fallback of %d characters", state, n)
		}
		for _, bad := range []string{"<!channel>", "@here"} {
			if strings.Contains(text, bad) || strings.Contains(plainJSON(t, blocks), bad) {
				t.Errorf("%s: %q reached Slack unescaped", state, bad)
			}
		}
	}
	if got := len(srv.Thread("C1", root)); got != 2 {
		t.Errorf("thread holds %d messages, want the root and one draft message updated in place", got)
	}
}

func TestDraftButtonsFitTheState(t *testing.T) {
	tests := []struct {
		state handlers.DraftState
		want  []string
	}{
		{handlers.DraftStreaming, nil},
		{handlers.DraftReady, []string{ActionDraftUse, ActionDraftDiscard}},
		{handlers.DraftStale, []string{ActionDraftDiscard}},
		{handlers.DraftFailed, []string{ActionDraftDiscard}},
		{handlers.DraftDiscarded, nil},
	}
	for _, tt := range tests {
		blocks, _ := DraftBlocks(handlers.DraftView{DraftID: 42, State: tt.state, Text: "Svar"}, LangDanish)
		var got []string
		for _, blk := range blocks {
			if a, ok := blk.(*slack.ActionBlock); ok {
				for _, e := range a.Elements.ElementSet {
					btn := e.(*slack.ButtonBlockElement)
					if btn.Value != "42" {
						t.Errorf("%s: %s has value %q, want the draft id", tt.state, btn.ActionID, btn.Value)
					}
					got = append(got, btn.ActionID)
				}
			}
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: buttons %v, want %v", tt.state, got, tt.want)
		}
	}
}

func TestDraftHeadingsAndSources(t *testing.T) {
	tests := []struct {
		v    handlers.DraftView
		want []string
	}{
		{handlers.DraftView{State: handlers.DraftReady, Text: "Svar [pizzabakker]", Sources: []handlers.DraftSource{pizzaSource}},
			[]string{"Udkast til svar", "<https://kk.dk/erhverv/erhvervsaffald/affaldssortering-for-virksomheder|Pizzabakker med fedt og madrester>"}},
		{handlers.DraftView{State: handlers.DraftReady, FromGuidance: true, Text: "Pizzabakker"}, []string{"Forslag fra vejledningen"}},
		{handlers.DraftView{State: handlers.DraftStale, Text: "Svar"}, []string{"Forældet udkast"}},
		{handlers.DraftView{State: handlers.DraftFailed, Error: "status 500 <b>"}, []string{"kunne ikke laves", "status 500 &lt;b&gt;"}},
		{handlers.DraftView{State: handlers.DraftReady, Sources: []handlers.DraftSource{{ID: "x", Title: "Evil", URL: "https://a|b>"}}}, []string{"Kilder: Evil"}},
	}
	for _, tt := range tests {
		blocks, _ := DraftBlocks(tt.v, LangDanish)
		raw := plainJSON(t, blocks)
		for _, w := range tt.want {
			if !strings.Contains(raw, w) {
				t.Errorf("%s draft lacks %q:\n%s", tt.v.State, w, raw)
			}
		}
	}
}

// plainJSON is blocks as JSON without HTML escaping, as Slack reads them.
func plainJSON(t *testing.T, v any) string {
	t.Helper()
	var decoded any
	if err := json.Unmarshal([]byte(marshal(t, v)), &decoded); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(decoded); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
