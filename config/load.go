package config

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"
)

// Error names the setting at fault; its text is the one line printed at exit.
type Error struct {
	Name    string
	Problem string
}

func (e *Error) Error() string { return e.Name + ": " + e.Problem }

// Load builds the Config from the optional file (TOML or YAML, by extension)
// and lookup (normally os.LookupEnv); lookup wins over the file.
func Load(file string, lookup func(string) (string, bool)) (*Config, error) {
	fromFile, err := readFile(file)
	if err != nil {
		return nil, err
	}
	c := &Config{}
	for _, st := range settings {
		v := st.Default
		if fv, ok := fromFile[st.Name]; ok {
			v = fv
		}
		if ev, ok := lookup(st.Name); ok {
			v = strings.TrimSpace(ev)
		}
		if err := st.set(c, v); err != nil {
			return nil, &Error{Name: st.Name, Problem: err.Error()}
		}
	}
	return c, c.validate()
}

// FromEnv is Load with the process environment.
func FromEnv(file string) (*Config, error) { return Load(file, os.LookupEnv) }

func readFile(file string) (map[string]string, error) {
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, &Error{Name: "-config", Problem: err.Error()}
	}
	raw := map[string]any{}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".toml":
		err = toml.Unmarshal(data, &raw)
	case ".yaml", ".yml":
		err = yaml.Unmarshal(data, &raw)
	default:
		return nil, &Error{Name: "-config", Problem: fmt.Sprintf("%s: use a .toml, .yaml or .yml file", file)}
	}
	if err != nil {
		return nil, &Error{Name: "-config", Problem: fmt.Sprintf("%s: %v", file, err)}
	}
	return flatten(file, raw)
}

func flatten(file string, raw map[string]any) (map[string]string, error) {
	known := map[string]bool{}
	for _, s := range settings {
		known[s.Name] = true
	}
	out := map[string]string{}
	for k, v := range raw {
		name := strings.ToUpper(k)
		if !known[name] {
			return nil, &Error{Name: "-config", Problem: fmt.Sprintf("%s: unknown setting %q", file, k)}
		}
		if l, ok := v.([]any); ok {
			parts := make([]string, len(l))
			for i, x := range l {
				parts[i] = fmt.Sprint(x)
			}
			v = strings.Join(parts, ",")
		}
		out[name] = fmt.Sprint(v)
	}
	return out, nil
}

// validate checks what depends on more than one setting.
func (c *Config) validate() error {
	if c.IMAPTLS == "none" && c.IMAPAddr != "" && !loopback(c.IMAPAddr) {
		return &Error{"IMAP_TLS", "none is allowed only for a loopback IMAP_ADDR"}
	}
	if c.SMTPTLS == "none" && c.SMTPAddr != "" && !loopback(c.SMTPAddr) {
		return &Error{"SMTP_TLS", "none is allowed only for a loopback SMTP_ADDR"}
	}
	if c.IMAPAuth == "xoauth2" && c.IMAPAddr != "" {
		for name, v := range map[string]string{"OAUTH_TOKEN_URL": c.OAuthTokenURL, "OAUTH_CLIENT_ID": c.OAuthClientID, "OAUTH_CLIENT_SECRET": string(c.OAuthClientSecret)} {
			if v == "" {
				return &Error{name, "required when IMAP_AUTH=xoauth2"}
			}
		}
	}
	if c.SMSGatewayURL != "" && c.SMSGatewayToken == "" {
		return &Error{"SMS_GATEWAY_TOKEN", "required when SMS_GATEWAY_URL is set"}
	}
	if c.SMTPAddr != "" && c.MailFrom == "" {
		return &Error{"MAIL_FROM", "required when SMTP_ADDR is set"}
	}
	if c.MailFrom != "" && !strings.Contains(c.MailFrom, "@") {
		return &Error{"MAIL_FROM", fmt.Sprintf("%q is not an e-mail address", c.MailFrom)}
	}
	return nil
}

// Chat surfaces (CHAT).
const (
	ChatSlack = "slack"
	ChatTeams = "teams"
)

// ChatSurface is the team's chat `run` connects to, with its settings
// checked: CHAT's, or the one whose settings are present. Both present
// without CHAT, or the chosen one's settings incomplete, is an error naming
// the setting.
func (c *Config) ChatSurface() (string, error) {
	chat := c.Chat
	if chat == "" {
		slack, teams := c.SlackBotToken != "", c.TeamsAppID != ""
		switch {
		case slack && teams:
			return "", &Error{"CHAT", "both SLACK_BOT_TOKEN and TEAMS_APP_ID are set: say which chat to use, CHAT=slack or CHAT=teams"}
		case teams:
			chat = ChatTeams
		default:
			chat = ChatSlack
		}
	}
	if chat == ChatTeams {
		return chat, c.RequireTeams()
	}
	return chat, c.RequireSlack()
}

// UsesTeams reports whether the team's chat is Microsoft Teams: CHAT=teams,
// or CHAT unset with Teams' settings present and Slack's not.
func (c *Config) UsesTeams() bool {
	return c.Chat == ChatTeams || c.Chat == "" && c.TeamsAppID != "" && c.SlackBotToken == ""
}

// RequireTeams checks the settings `run` needs to reach Microsoft Teams.
func (c *Config) RequireTeams() error {
	switch {
	case c.TeamsAppID == "":
		return &Error{"TEAMS_APP_ID", "required to run the bot on Microsoft Teams (the bot's app id)"}
	case c.TeamsAppPassword == "":
		return &Error{"TEAMS_APP_PASSWORD", "required to run the bot on Microsoft Teams (the app registration's client secret)"}
	case c.TeamsChannel == "":
		return &Error{"TEAMS_CHANNEL", "required: the channel's conversation id where enquiries are posted"}
	case c.RoutesFile != "":
		return &Error{"ROUTES_FILE", "routes to several channels work on Slack only; unset it with CHAT=teams"}
	}
	return nil
}

// RequireSlack checks the settings `run` needs to reach Slack.
func (c *Config) RequireSlack() error {
	switch {
	case c.SlackBotToken == "":
		return &Error{"SLACK_BOT_TOKEN", "required to run the bot (xoxb-…)"}
	case !c.SocketMode() && c.SlackSigningSecret == "":
		return &Error{"SLACK_SIGNING_SECRET", "required in HTTP mode (when SLACK_APP_TOKEN is unset)"}
	case c.SlackChannel == "" && c.RoutesFile == "":
		return &Error{"SLACK_CHANNEL", "required (or ROUTES_FILE): the channel ID where enquiries are posted"}
	}
	return nil
}

func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
