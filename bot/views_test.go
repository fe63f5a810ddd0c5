package bot

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func copenhagen(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mailEnquiry() *affaldsbot.Enquiry {
	deadline := time.Date(2026, 12, 10, 15, 0, 0, 0, time.UTC)
	return &affaldsbot.Enquiry{
		ID: 1234, Channel: affaldsbot.ChannelMail, Status: affaldsbot.StatusClaimed, Topic: affaldsbot.TopicStortIndbo,
		Subject: "Afhentning af sofa & reol", CitizenName: "Jens Hansen", CitizenEmail: "jens@example.dk",
		Mailbox: "affald@kk.dk", Holder: "U0000ADV1",
		ReceivedAt: time.Date(2026, 11, 26, 8, 14, 3, 0, time.UTC), DeadlineAt: &deadline,
	}
}

func phoneEnquiry() *affaldsbot.Enquiry {
	return &affaldsbot.Enquiry{
		ID: 77, Channel: affaldsbot.ChannelPhone, Status: affaldsbot.StatusNew, Topic: affaldsbot.TopicAfhentning,
		Subject: "Opkald fra +45 12 34 56 78", CitizenName: "Jens Hansen", CitizenPhone: "+45 12 34 56 78",
		Mailbox: "affald", ReceivedAt: time.Date(2026, 11, 26, 9, 14, 3, 0, time.UTC),
	}
}

func TestButtonsFitTheStatus(t *testing.T) {
	want := map[affaldsbot.Status][]string{
		affaldsbot.StatusNew:      {ActionClaim, ActionReply, ActionDraft, ActionClose},
		affaldsbot.StatusClaimed:  {ActionRelease, ActionReply, ActionDraft, ActionClose, ActionHandOver},
		affaldsbot.StatusAnswered: {ActionReply, ActionDraft, ActionClose, ActionReopen},
		affaldsbot.StatusClosed:   {ActionReopen},
	}
	for status, ids := range want {
		e := mailEnquiry()
		e.Status = status
		blocks, _ := RootBlocks(handlers.RootView{Enquiry: e}, "", time.UTC)
		actions, ok := blocks[len(blocks)-1].(*slack.ActionBlock)
		if !ok || actions.BlockID != ActionsBlockID {
			t.Fatalf("%s: last block is %T, want the actions block", status, blocks[len(blocks)-1])
		}
		var got []string
		for _, el := range actions.Elements.ElementSet {
			b, ok := el.(*slack.ButtonBlockElement)
			if !ok {
				got = append(got, el.(*slack.SelectBlockElement).ActionID) // the hand-over picker
				continue
			}
			if b.Value != "1234" {
				t.Errorf("%s: %s has value %q, want the enquiry id", status, b.ActionID, b.Value)
			}
			got = append(got, b.ActionID)
		}
		if diff := cmp.Diff(ids, got); diff != "" {
			t.Errorf("%s buttons (-want +got):\n%s", status, diff)
		}
	}
}

const hostile = "<!channel> <@U123> @here <!subteam^S1> <https://evil.example|Din bank> <#C1> &"

func TestCitizenTextIsNeverLive(t *testing.T) {
	e := mailEnquiry()
	e.CitizenName, e.Subject, e.CitizenEmail, e.Mailbox = hostile, hostile, hostile, hostile
	e.CitizenPhone, e.Holder = hostile, hostile
	for _, ch := range []affaldsbot.Channel{affaldsbot.ChannelMail, affaldsbot.ChannelPhone} {
		e.Channel = ch
		v := handlers.RootView{Enquiry: e, Preview: hostile, Note: hostile, TransferredBy: hostile}
		blocks, fallback := RootBlocks(v, "", time.UTC)
		assertInert(t, string(ch)+" blocks", marshal(t, blocks))
		assertInert(t, string(ch)+" fallback", fallback)
	}
	m := &affaldsbot.Message{Kind: affaldsbot.MessageIgnored, Body: hostile, FromAddr: hostile, Subject: hostile, Author: hostile, Reason: hostile}
	for _, page := range ThreadMessageBlocks(m, LangDanish) {
		assertInert(t, "thread", marshal(t, page))
	}
	assertInert(t, "thread fallback", ThreadMessageFallback(m, LangDanish))
}

func TestHugeTextStaysWithinLimits(t *testing.T) {
	e := mailEnquiry()
	e.Subject = strings.Repeat("Emne <@U1> ", 1000)
	e.CitizenName = strings.Repeat("&", 5000)
	body := strings.Repeat("Lorem ipsum & dolor <sit> amet.\n\n", 3200)[:100000]
	blocks, fallback := RootBlocks(handlers.RootView{Enquiry: e, Preview: body}, LangEnglish, time.UTC)
	checkLimits(t, "root", blocks)
	if n := utf8.RuneCountInString(fallback); n > MaxUpdateText {
		t.Errorf("fallback has %d characters, over %d", n, MaxUpdateText)
	}
	pages := ThreadMessageBlocks(&affaldsbot.Message{Kind: affaldsbot.MessageInbound, Body: body}, LangDanish)
	if len(pages) < 10 {
		t.Errorf("100,000 characters in %d messages; each may carry at most %d", len(pages), BlockTextBudget)
	}
	for i, p := range pages {
		checkLimits(t, fmt.Sprintf("thread page %d", i+1), p)
	}
}

// checkLimits fails unless blocks pass the fake Slack's checks and our own budget.
func checkLimits(t *testing.T, where string, blocks []slack.Block) {
	t.Helper()
	raw := marshal(t, blocks)
	if code, detail := slacktest.ValidateBlocks(raw); code != "" {
		t.Errorf("%s: Slack would answer %s (%s)", where, code, detail)
	}
	if n := textChars(t, raw); n > BlockTextBudget {
		t.Errorf("%s: %d characters of block text, over %d", where, n, BlockTextBudget)
	}
}

// textChars counts the characters of every text object in blocks JSON.
func textChars(t *testing.T, raw string) int {
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any) int
	walk = func(v any) int {
		n := 0
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["text"].(string); ok {
				n += utf8.RuneCountInString(s)
			}
			for _, c := range v {
				n += walk(c)
			}
		case []any:
			for _, c := range v {
				n += walk(c)
			}
		}
		return n
	}
	return walk(v)
}

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRootGolden(t *testing.T) {
	loc := copenhagen(t)
	preview := "Hej\n\nJeg har en gammel sofa og en reol, som skal afhentes. Kan I komme på fredag?\n\nVenlig hilsen Jens"
	views := map[string]rootMessage{
		"root_mail_da":  {RootView: handlers.RootView{Enquiry: mailEnquiry(), Preview: preview}, Lang: LangDanish, Loc: loc},
		"root_mail_en":  {RootView: handlers.RootView{Enquiry: mailEnquiry(), Preview: preview}, Lang: LangEnglish, Loc: loc},
		"root_phone_da": {RootView: handlers.RootView{Enquiry: phoneEnquiry(), Note: "Spørger om storskrald i gården", TransferredBy: "Borgerservice"}, Lang: LangDanish, Loc: loc},
		"root_phone_en": {RootView: handlers.RootView{Enquiry: phoneEnquiry(), Note: "Asks about bulky waste in the yard", TransferredBy: "Borgerservice"}, Lang: LangEnglish, Loc: loc},
	}
	for name, v := range views {
		t.Run(name, func(t *testing.T) {
			blocks, fallback := RootBlocks(v.RootView, v.Lang, v.Loc)
			checkLimits(t, name, blocks)
			golden(t, name, map[string]any{"text": fallback, "blocks": blocks})
		})
	}
}

func golden(t *testing.T, name string, v any) {
	t.Helper()
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	got := strings.TrimSuffix(buf.String(), "\n")
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got+"\n"); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

func TestEnquiryMetadata(t *testing.T) {
	want := slack.SlackMetadata{EventType: "affaldsbot_enquiry", EventPayload: map[string]any{"enquiry_id": "1234"}}
	if diff := cmp.Diff(want, EnquiryMetadata(1234)); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
}
