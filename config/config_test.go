package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{"db": c.DatabaseURL, "http": c.HTTPAddr, "tls": c.IMAPTLS, "smtptls": c.SMTPTLS,
		"mailbox": c.IMAPMailbox, "sent": c.MailSentMailbox, "lang": c.BotLang, "tz": c.Location.String(), "log": c.LogFormat}
	want := map[string]string{"db": "sqlite:affaldsbot.db", "http": ":8080", "tls": "implicit", "smtptls": "starttls",
		"mailbox": "INBOX", "sent": "Sent", "lang": "da", "tz": "Europe/Copenhagen", "log": "text"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("defaults (-want +got):\n%s", d)
	}
	if c.IntakeEnabled() || c.DraftsEnabled() || c.CallsEnabled() {
		t.Error("intake, drafts and calls must be off with nothing configured")
	}
}

func TestLoadRejectsMalformed(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		name string
	}{
		{map[string]string{"DATABASE_URL": "mysql://x"}, "DATABASE_URL"},
		{map[string]string{"DATABASE_URL": "sqlite:"}, "DATABASE_URL"},
		{map[string]string{"IMAP_TLS": "ssl"}, "IMAP_TLS"},
		{map[string]string{"SMTP_TLS": "maybe"}, "SMTP_TLS"},
		{map[string]string{"IMAP_AUTH": "gssapi"}, "IMAP_AUTH"},
		{map[string]string{"SLACK_BOT_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"},
		{map[string]string{"SLACK_APP_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"},
		{map[string]string{"SLACK_API_URL": "slack.com"}, "SLACK_API_URL"},
		{map[string]string{"SLACK_ADVISERS": "U1,bob"}, "SLACK_ADVISERS"},
		{map[string]string{"IMAP_ADDR": "imap.example.com"}, "IMAP_ADDR"},
		{map[string]string{"IMAP_ADDR": "imap.example.com:143", "IMAP_TLS": "none"}, "IMAP_TLS"},
		{map[string]string{"SMTP_ADDR": "127.0.0.1:25"}, "MAIL_FROM"},
		{map[string]string{"IMAP_ADDR": "127.0.0.1:993", "IMAP_AUTH": "xoauth2"}, "OAUTH_"},
		{map[string]string{"TZ_NAME": "Mars/Olympus"}, "TZ_NAME"},
		{map[string]string{"RETENTION_DAYS": "-1"}, "RETENTION_DAYS"},
		{map[string]string{"BOT_LANG": "sv"}, "BOT_LANG"},
		{map[string]string{"LOG_FORMAT": "xml"}, "LOG_FORMAT"},
		{map[string]string{"HTTP_ADDR": "8080"}, "HTTP_ADDR"},
		{map[string]string{"OPENAI_BASE_URL": "localhost:11434"}, "OPENAI_BASE_URL"},
		{map[string]string{"CHAT": "discord"}, "CHAT"},
		{map[string]string{"TEAMS_APP_ID": "affaldsbot"}, "TEAMS_APP_ID"},
		{map[string]string{"TEAMS_TENANT_ID": "contoso.onmicrosoft.com"}, "TEAMS_TENANT_ID"},
		{map[string]string{"TEAMS_CHANNEL": "General"}, "TEAMS_CHANNEL"},
		{map[string]string{"TEAMS_CHANNEL": "19:abc@thread.tacv2;messageid=1"}, "TEAMS_CHANNEL"},
		{map[string]string{"TEAMS_ADVISERS": "6f1c0a52-0c1e-4c4b-9a57-0d3f1f2b8e11,mette@kk.dk"}, "TEAMS_ADVISERS"},
		{map[string]string{"TEAMS_LEADS": "U0123"}, "TEAMS_LEADS"},
		{map[string]string{"TEAMS_SERVICE_URL": "smba.trafficmanager.net"}, "TEAMS_SERVICE_URL"},
	} {
		_, err := Load("", env(tc.env))
		if err == nil || !strings.HasPrefix(err.Error(), tc.name) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Load(%v) = %v, want one line starting with %s", tc.env, err, tc.name)
		}
	}
}

func TestEnvironmentWinsOverFile(t *testing.T) {
	for _, f := range []struct{ name, body string }{
		{"c.toml", "DATABASE_URL = \"sqlite:file.db\"\nBOT_LANG = \"en\"\nSLACK_ADVISERS = [\"U1\", \"U2\"]\n"},
		{"c.yaml", "DATABASE_URL: sqlite:file.db\nbot_lang: en\nSLACK_ADVISERS: [U1, U2]\n"},
	} {
		path := filepath.Join(t.TempDir(), f.name)
		if err := os.WriteFile(path, []byte(f.body), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path, env(map[string]string{"DATABASE_URL": "sqlite:env.db"}))
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		got := []string{c.DatabaseURL, c.BotLang, strings.Join(c.SlackAdvisers, "+")}
		if d := cmp.Diff([]string{"sqlite:env.db", "en", "U1+U2"}, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", f.name, d)
		}
	}
}

func TestFileWithUnknownKeyIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.toml")
	os.WriteFile(path, []byte("SLAK_CHANNEL = \"C1\"\n"), 0o600)
	if _, err := Load(path, env(nil)); err == nil || !strings.Contains(err.Error(), "SLAK_CHANNEL") {
		t.Errorf("err = %v, want it to name SLAK_CHANNEL", err)
	}
}

func TestSecretsAreRedacted(t *testing.T) {
	c, err := Load("", env(map[string]string{
		"SLACK_BOT_TOKEN": "xoxb-secret-1", "SLACK_APP_TOKEN": "xapp-secret-2", "IMAP_PASSWORD": "hunter2",
		"CALLS_WEBHOOK_SECRET": "whsec", "OPENAI_API_KEY": "sk-abc", "SMTP_PASSWORD": "smtppw", "SLACK_SIGNING_SECRET": "sig",
	}))
	if err != nil {
		t.Fatal(err)
	}
	out := c.String()
	for _, s := range []string{"xoxb-secret-1", "xapp-secret-2", "hunter2", "whsec", "sk-abc", "smtppw", "sig\n"} {
		if strings.Contains(out, s) {
			t.Errorf("String() leaks %q", s)
		}
	}
	if !strings.Contains(out, "SLACK_BOT_TOKEN=[redacted]") {
		t.Errorf("String() should show the token as redacted:\n%s", out)
	}
}

func TestChatSurface(t *testing.T) {
	const app, pw, ch = "0b5a1d6e-1111-4a4a-9c9c-000000000001", "secret", "19:abc@thread.tacv2"
	slack := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_CHANNEL": "C1"}
	teams := map[string]string{"TEAMS_APP_ID": app, "TEAMS_APP_PASSWORD": pw, "TEAMS_CHANNEL": ch}
	both := map[string]string{}
	for _, m := range []map[string]string{slack, teams} {
		for k, v := range m {
			both[k] = v
		}
	}
	with := func(m map[string]string, k, v string) map[string]string {
		out := map[string]string{k: v}
		for k, v := range m {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
		return out
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		chat string
		err  string
	}{
		{"neither", map[string]string{}, "slack", "SLACK_BOT_TOKEN"},
		{"slack", slack, "slack", ""},
		{"teams", teams, "teams", ""},
		{"both", both, "", "CHAT"},
		{"both, CHAT=teams", with(both, "CHAT", "teams"), "teams", ""},
		{"both, CHAT=slack", with(both, "CHAT", "slack"), "slack", ""},
		{"CHAT=teams, none of it", map[string]string{"CHAT": "teams"}, "teams", "TEAMS_APP_ID"},
		{"teams without password", with(teams, "TEAMS_APP_PASSWORD", ""), "teams", "TEAMS_APP_PASSWORD"},
		{"teams without channel", with(teams, "TEAMS_CHANNEL", ""), "teams", "TEAMS_CHANNEL"},
		{"teams with routes", with(teams, "ROUTES_FILE", "routes.toml"), "teams", "ROUTES_FILE"},
	} {
		c, err := Load("", env(tc.env))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		chat, err := c.ChatSurface()
		got := ""
		if err != nil {
			got = err.(*Error).Name
		}
		if got != tc.err || (err == nil && chat != tc.chat) {
			t.Errorf("%s: ChatSurface() = %q, %v; want %q and an error naming %q", tc.name, chat, err, tc.chat, tc.err)
		}
	}
}

func TestRequireSlack(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "SLACK_BOT_TOKEN"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_CHANNEL": "C1"}, "SLACK_SIGNING_SECRET"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, "SLACK_CHANNEL"},
		{map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_CHANNEL": "C1"}, ""},
	} {
		c, err := Load("", env(tc.env))
		if err != nil {
			t.Fatal(err)
		}
		err = c.RequireSlack()
		if got := ""; err != nil {
			got = err.(*Error).Name
			if got != tc.want {
				t.Errorf("RequireSlack(%v) names %s, want %s", tc.env, got, tc.want)
			}
		} else if tc.want != "" {
			t.Errorf("RequireSlack(%v) = nil, want error naming %s", tc.env, tc.want)
		}
	}
}

func TestMarkdownListsEverySetting(t *testing.T) {
	md := Markdown()
	for _, n := range Names() {
		if !strings.Contains(md, "`"+n+"`") {
			t.Errorf("Markdown() misses %s", n)
		}
	}
}

// urlSecrets are credentials inside URL settings: none may be shown.
var urlSecrets = map[string]string{
	"DATABASE_URL":    "postgres://bot:pgsecret1@db.example.dk:5432/affald?sslmode=verify-full&password=pgsecret2",
	"OPENAI_BASE_URL": "http://user:llmsecret3@llm.example.dk:11434/v1",
	"SLACK_API_URL":   "https://proxytoken4@proxy.example.dk/api/",
	"OAUTH_TOKEN_URL": "https://login.example.dk/t/oauth2/token?client_secret=oauthsecret5&x=1",
}

func TestURLCredentialsAreRedacted(t *testing.T) {
	c, err := Load("", env(urlSecrets))
	if err != nil {
		t.Fatal(err)
	}
	out := c.String()
	for _, s := range []string{"pgsecret1", "pgsecret2", "llmsecret3", "proxytoken4", "oauthsecret5"} {
		if strings.Contains(out, s) {
			t.Errorf("String() leaks %q:\n%s", s, out)
		}
	}
	for _, s := range []string{"db.example.dk:5432/affald", "llm.example.dk:11434/v1", "proxy.example.dk/api/", "sslmode=verify-full"} {
		if !strings.Contains(out, s) {
			t.Errorf("String() should still show %q:\n%s", s, out)
		}
	}
	if c.OpenAIBaseURL != urlSecrets["OPENAI_BASE_URL"] {
		t.Errorf("the value itself must stay whole: %q", c.OpenAIBaseURL)
	}
}

func TestMalformedURLErrorHidesCredentials(t *testing.T) {
	for name, v := range map[string]string{
		"OPENAI_BASE_URL": "ftp://user:secret6@llm.example.dk/v1",
		"SLACK_API_URL":   "gopher://tok:secret6@proxy.example.dk/",
		"OAUTH_TOKEN_URL": "file://u:secret6@x/?client_secret=secret6",
		"DATABASE_URL":    "mysql://bot:secret6@db.example.dk/affald",
	} {
		_, err := Load("", env(map[string]string{name: v}))
		if err == nil || !strings.HasPrefix(err.Error(), name) {
			t.Errorf("%s=%s: err = %v, want one naming %s", name, v, err, name)
			continue
		}
		if strings.Contains(err.Error(), "secret6") {
			t.Errorf("%s: the error echoes a credential: %v", name, err)
		}
	}
}
