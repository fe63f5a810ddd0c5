package teams_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/teams"
)

func TestCardTextShowsTheRootCard(t *testing.T) {
	v := view(affaldsbot.StatusClaimed)
	v.Preview = "Hej, hvornår **henter** I storskrald?\nMvh Jens"
	got := teams.CardText(teams.RootCard(v, labels))
	want := strings.Join([]string{
		"╭─",
		"│ H-2026-0042 · Storskrald [afhentning](https://evil.example)",
		"│ From: Jens *Hansen* <jens@example.dk>",
		"│ Status: claimed",
		"│ Held by: Mette",
		"│ Deadline: 4 Dec 2026",
		"│ Hej, hvornår **henter** I storskrald?",
		"│ Mvh Jens",
		"│ [Release] [Reply] [Draft] [Close]",
		"╰─",
	}, "\n") + "\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCardTextListsTheButtonsOfEachStatus(t *testing.T) {
	for st, want := range map[affaldsbot.Status]string{
		affaldsbot.StatusNew:      "[Claim] [Reply] [Draft] [Close]",
		affaldsbot.StatusAnswered: "[Reply] [Draft] [Close] [Reopen]",
		affaldsbot.StatusClosed:   "[Reopen]",
	} {
		lines := strings.Split(strings.TrimSpace(teams.CardText(teams.RootCard(view(st), labels))), "\n")
		if got := lines[len(lines)-2]; got != "│ "+want {
			t.Errorf("%s: buttons %q, want %q", st, got, want)
		}
	}
}

func TestCardTextReadsACardAsSentOnTheWire(t *testing.T) {
	raw := `{"type":"AdaptiveCard","version":"1.5","body":[
		{"type":"TextBlock","text":"Overskrift"},
		{"type":"Container","items":[{"type":"FactSet","facts":[{"title":"Fra","value":"Jens"}]}]},
		{"type":"ColumnSet","columns":[{"type":"Column","items":[{"type":"TextBlock","text":"venstre"}]}]},
		{"type":"Image","url":"https://example.dk/x.png"}],
		"actions":[{"type":"Action.OpenUrl","title":"Åbn","url":"https://example.dk"}]}`
	var card map[string]any
	if err := json.Unmarshal([]byte(raw), &card); err != nil {
		t.Fatal(err)
	}
	want := "╭─\n│ Overskrift\n│ Fra: Jens\n│ venstre\n│ [Åbn]\n╰─\n"
	if got := teams.CardText(card); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCardTextDisarmsControlCharacters(t *testing.T) {
	v := view(affaldsbot.StatusNew)
	v.Sender = "Jens\x1b[2J\x1b]0;owned\x07 <jens@example.dk>"
	v.Subject = "Storskrald\u202edlarksrots\r\nnæste"
	got := teams.CardText(teams.RootCard(v, labels))
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\r"} {
		if strings.Contains(got, bad) {
			t.Errorf("control character %q reached the terminal:\n%q", bad, got)
		}
	}
	if !strings.Contains(got, "│ From: Jens\uFFFD[2J\uFFFD]0;owned\uFFFD <jens@example.dk>") {
		t.Errorf("sender not shown with its controls replaced:\n%s", got)
	}
	if !strings.Contains(got, "\n│ næste\n") {
		t.Errorf("a line break in the subject does not start a framed line:\n%s", got)
	}
}
