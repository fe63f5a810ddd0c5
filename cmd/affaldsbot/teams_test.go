package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/internal/teamstest"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

const (
	teamsApp     = "0b5a1d6e-1111-4a4a-9c9c-0000000000c1"
	teamsChannel = "19:enquiries@thread.tacv2"
)

func load(t *testing.T, vars map[string]string) *config.Config {
	t.Helper()
	cfg, err := config.Load("", func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestRunNamesTheChatSettingItLacks: `run` stops before opening anything,
// with exit status 2 and one line naming the setting.
func TestRunNamesTheChatSettingItLacks(t *testing.T) {
	for name, tc := range map[string]struct {
		vars map[string]string
		want string
	}{
		"both chats":             {map[string]string{"TEAMS_APP_ID": teamsApp, "SLACK_BOT_TOKEN": "xoxb-1"}, "CHAT:"},
		"neither chat":           {map[string]string{}, "SLACK_BOT_TOKEN:"},
		"teams without password": {map[string]string{"TEAMS_APP_ID": teamsApp, "TEAMS_CHANNEL": teamsChannel}, "TEAMS_APP_PASSWORD:"},
		"teams without channel":  {map[string]string{"CHAT": "teams", "TEAMS_APP_ID": teamsApp, "TEAMS_APP_PASSWORD": "pw"}, "TEAMS_CHANNEL:"},
		"teams with routes":      {map[string]string{"TEAMS_APP_ID": teamsApp, "TEAMS_APP_PASSWORD": "pw", "TEAMS_CHANNEL": teamsChannel, "ROUTES_FILE": "r.toml"}, "ROUTES_FILE:"},
	} {
		var errs bytes.Buffer
		code := runRun(context.Background(), &env{cfg: load(t, tc.vars), stdout: io.Discard, stderr: &errs}, nil)
		if line := errs.String(); code != exitUsage || !strings.HasPrefix(line, "affaldsbot: "+tc.want) || strings.Count(line, "\n") != 1 {
			t.Errorf("%s: exit %d, %q; want 2 and one line naming %s", name, code, line, tc.want)
		}
	}
}

// TestTeamsReplacesSlack: with CHAT=teams the program builds the Teams
// surface and serves /api/messages, and builds no Slack bot even with
// Slack's settings present.
func TestTeamsReplacesSlack(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: teamsApp, AppPassword: "pw"})
	defer fake.Close()
	cfg := load(t, map[string]string{"DATABASE_URL": storagetest.URL(t, "sqlite"), "HTTP_ADDR": "127.0.0.1:0",
		"CHAT": "teams", "SLACK_BOT_TOKEN": "xoxb-1", "TEAMS_APP_ID": teamsApp, "TEAMS_APP_PASSWORD": "pw",
		"TEAMS_CHANNEL": teamsChannel, "TEAMS_OPENID_URL": fake.MetadataURL(), "TEAMS_TOKEN_URL": fake.TokenURL("botframework.com"),
		"TEAMS_SERVICE_URL": fake.ServiceURL(), "DIGEST_TIME": "off", "INSIGHTS_REPORT": "off"})
	m := &Main{Config: cfg, Log: discardLogger()}
	defer m.Close()
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	if m.Bot != nil || m.Receiver != nil || m.Teams == nil || m.Service.Routes.Default != teamsChannel {
		t.Fatalf("bot %v, receiver %v, teams %v, channel %q; want Teams alone, posting to %s", m.Bot, m.Receiver, m.Teams, m.Service.Routes.Default, teamsChannel)
	}
	if r := m.httpRoutes(); r.TeamsMessages == nil || r.SlackEvents != nil {
		t.Error("want /api/messages served and /slack/events not")
	}
}

// TestTeamsGroupRoleNeedsTheTenant: a group in TEAMS_ADVISERS is read from
// Microsoft Graph in the tenant's directory, so without TEAMS_TENANT_ID
// start-up stops naming it.
func TestTeamsGroupRoleNeedsTheTenant(t *testing.T) {
	fake := teamstest.New(teamstest.Options{AppID: teamsApp, AppPassword: "pw"})
	defer fake.Close()
	cfg := load(t, map[string]string{"DATABASE_URL": storagetest.URL(t, "sqlite"), "HTTP_ADDR": "127.0.0.1:0",
		"CHAT": "teams", "TEAMS_APP_ID": teamsApp, "TEAMS_APP_PASSWORD": "pw",
		"TEAMS_ADVISERS": "group:0d2f6c3e-1f1b-4c47-9d2a-6d0e5b8f7a11",
		"TEAMS_CHANNEL":  teamsChannel, "TEAMS_OPENID_URL": fake.MetadataURL(), "TEAMS_TOKEN_URL": fake.TokenURL("botframework.com"),
		"TEAMS_SERVICE_URL": fake.ServiceURL(), "DIGEST_TIME": "off", "INSIGHTS_REPORT": "off"})
	m := &Main{Config: cfg, Log: discardLogger()}
	defer m.Close()
	var ce *config.Error
	if err := m.Open(context.Background()); !errors.As(err, &ce) || ce.Name != "TEAMS_TENANT_ID" {
		t.Fatalf("Open: %v; want an error naming TEAMS_TENANT_ID", err)
	}
}
