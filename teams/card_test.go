package teams_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/internal/teamstest"
	"github.com/affaldsbot/affaldsbot/teams"
)

// The official Adaptive Card schema, version 1.5.0 (the version Teams
// renders), from microsoft/AdaptiveCards at commit
// 644d933e185a8482c4dcf4c375d177aac37fd095, schemas/1.5.0/adaptive-card.json,
// MIT licence (testdata/adaptivecards/LICENSE).
const cardSchemaFile = "testdata/adaptivecards/adaptive-card-1.5.0.json"

func cardSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return compileSchema(t, cardSchemaFile, nil)
}

// compileSchema compiles the JSON schema in file, its patterns read by
// engine (Go's regexp when nil).
func compileSchema(t *testing.T, file string, engine jsonschema.RegexpEngine) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if engine != nil {
		c.UseRegexpEngine(engine)
	}
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validateCard checks a card as it goes on the wire against the schema.
func validateCard(s *jsonschema.Schema, card any) error {
	raw, err := json.Marshal(card)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

var labels = teams.CardLabels{
	From: "From", Status: "Status", Holder: "Held by", Deadline: "Deadline",
	Verbs: map[string]string{
		teams.VerbClaim: "Claim", teams.VerbRelease: "Release", teams.VerbReply: "Reply",
		teams.VerbDraft: "Draft", teams.VerbClose: "Close", teams.VerbReopen: "Reopen",
	},
}

func view(s affaldsbot.Status) teams.RootView {
	return teams.RootView{
		Number: "H-2026-0042", Sender: "Jens *Hansen* <jens@example.dk>", Subject: "Storskrald [afhentning](https://evil.example)",
		Status: s, StatusText: string(s), Holder: "Mette", Deadline: "4 Dec 2026",
		Preview: "Hej, hvornår **henter** I storskrald?", RefreshUserIDs: []string{"29:1abc", "29:2def"},
	}
}

func TestRootCardsValidateAgainstTheSchema(t *testing.T) {
	s := cardSchema(t)
	for _, st := range []affaldsbot.Status{affaldsbot.StatusNew, affaldsbot.StatusClaimed, affaldsbot.StatusAnswered, affaldsbot.StatusClosed} {
		card := teams.RootCard(view(st), labels)
		if err := validateCard(s, card); err != nil {
			t.Errorf("%s: %v", st, err)
		}
		raw, _ := json.Marshal(card)
		for _, verb := range teams.VerbsFor(st) {
			if !strings.Contains(string(raw), `"verb":"`+verb+`"`) {
				t.Errorf("%s: no Action.Execute with verb %s", st, verb)
			}
		}
		if !strings.Contains(string(raw), `"refresh":{"action":{"data":{"enquiry":"H-2026-0042","verb":"refresh"},"type":"Action.Execute","verb":"refresh"},"userIds":["29:1abc","29:2def"]}`) {
			t.Errorf("%s: refresh missing or different: %s", st, raw)
		}
	}
}

func TestSchemaCatchesBrokenCards(t *testing.T) {
	s := cardSchema(t)
	for name, mutate := range map[string]func(map[string]any){
		"unknown action type": func(c map[string]any) { c["actions"].([]any)[0].(map[string]any)["type"] = "Action.Claim" },
		"misspelt property":   func(c map[string]any) { c["actions"].([]any)[0].(map[string]any)["verbs"] = "claim" },
		"bad text weight": func(c map[string]any) {
			c["body"].([]any)[0].(map[string]any)["inlines"].([]any)[0].(map[string]any)["weight"] = "heavy"
		},
		"refresh without action": func(c map[string]any) { c["refresh"] = map[string]any{"userIds": 3} },
	} {
		card := teams.RootCard(view(affaldsbot.StatusNew), labels)
		mutate(card)
		if err := validateCard(s, card); err == nil {
			t.Errorf("%s: schema accepted the broken card", name)
		}
	}
}

func TestRootCardKeepsCitizenTextPlain(t *testing.T) {
	raw, _ := json.Marshal(teams.RootCard(view(affaldsbot.StatusNew), labels))
	var card struct {
		Body []struct {
			Type    string `json:"type"`
			Inlines []struct {
				Type string `json:"type"`
				Text string `json:"text"`
			} `json:"inlines"`
		} `json:"body"`
	}
	if err := json.Unmarshal(raw, &card); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range card.Body {
		if b.Type != "RichTextBlock" {
			t.Errorf("body element %s; citizen text belongs in TextRuns, which are never markdown", b.Type)
		}
		for _, in := range b.Inlines {
			texts = append(texts, in.Text)
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Jens *Hansen* <jens@example.dk>", "H-2026-0042 · Storskrald [afhentning](https://evil.example)", "Hej, hvornår **henter** I storskrald?"} {
		if !strings.Contains(all, want) {
			t.Errorf("text %q not kept verbatim in a TextRun", want)
		}
	}
}

func TestRootCardIsAcceptedByTheFake(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password})
	defer fake.Close()
	c := newClient(fake, "")
	v := view(affaldsbot.StatusNew)
	v.Preview = strings.Repeat("ø", 2000)
	card := teams.RootCard(v, labels)
	if _, err := c.SendToConversation(context.Background(), fake.ServiceURL(), "19:channel@thread.tacv2",
		teams.Activity{Type: "message", Attachments: []teams.Attachment{teams.CardAttachment(card)}}); err != nil {
		t.Fatal(err)
	}
	got := fake.Activities()
	if len(got) != 1 || !strings.Contains(string(got[0].Raw), teams.CardContentType) {
		t.Fatalf("activities %v, want the card", got)
	}
}

func TestRootCardRefreshesForAtMost60Members(t *testing.T) {
	v := view(affaldsbot.StatusNew)
	v.RefreshUserIDs = nil
	for i := range 75 {
		v.RefreshUserIDs = append(v.RefreshUserIDs, "29:user"+strings.Repeat("x", i))
	}
	card := teams.RootCard(v, labels)
	ids := card["refresh"].(map[string]any)["userIds"].([]string)
	if len(ids) != 60 || ids[0] != v.RefreshUserIDs[0] {
		t.Errorf("%d user ids, want the first 60", len(ids))
	}
	if err := validateCard(cardSchema(t), card); err != nil {
		t.Error(err)
	}
}
