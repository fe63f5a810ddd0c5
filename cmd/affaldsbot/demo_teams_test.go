package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestDemoTeamsShowsRootsAsTeamsCards: with --chat teams every new enquiry
// is the Teams root card as text, with its buttons, and the rest of the
// demo is the terminal chat as ever.
func TestDemoTeamsShowsRootsAsTeamsCards(t *testing.T) {
	s := startDemo(t, "--chat", "teams")
	s.waitFor("│ #1 · Pizzabakker med fedt", "│ Fra: Jens Hansen <jens.hansen@example.dk>", "│ Status: Ny",
		"│ Ansvarlig: Ingen", "│ Svarfrist: ", "│ [Tag sagen] [Svar] [Udkast] [Luk]", "│ #12 · ")
	if strings.Contains(s.out.String(), "📧 #1 ") {
		t.Errorf("a root shown as the Slack-style line:\n%s", s.out)
	}
	s.send("claim 1")
	s.waitFor("🔄 #1 Pizzabakker med fedt — Taget")
	s.in.Close()
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		t.Fatal("demo did not exit at end of input")
	}
}

func TestDemoChatFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
		chat string
	}{
		{nil, -1, "slack"},
		{[]string{"--chat", "slack"}, -1, "slack"},
		{[]string{"--chat", "teams", "--seed-only"}, -1, "teams"},
		{[]string{"--chat", "discord"}, exitUsage, ""},
		{[]string{"--chat", "Teams"}, exitUsage, ""},
	} {
		var stderr bytes.Buffer
		o, got := parseDemoFlags(tc.args, &stderr)
		if got != tc.want || (got < 0 && o.chat != tc.chat) {
			t.Errorf("parseDemoFlags(%q) = %q, %d; want %q, %d", tc.args, o.chat, got, tc.chat, tc.want)
		}
		if got == exitUsage && !strings.Contains(stderr.String(), `"`+tc.args[1]+`"`) {
			t.Errorf("%q: message %q does not name the value", tc.args, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"demo", "--chat", "discord"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("demo --chat discord exited %d, want 2", code)
	}
}
