// Package config reads affaldsbot's settings (docs/settings.md) from the environment
// and an optional TOML or YAML file, validates them once, and keeps secrets
// out of anything printed.
package config

import (
	"fmt"
	"strings"
	"time"
)

// Secret is a setting that must never be printed.
type Secret string

// String hides the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// Value returns the secret itself, for the one place that needs it.
func (s Secret) Value() string { return string(s) }

// Config is every setting of the bot, parsed and validated.
type Config struct {
	DatabaseURL string
	HTTPAddr    string
	MetricsAddr string // "": /metrics on HTTPAddr; "off": none

	SlackBotToken      Secret
	SlackAppToken      Secret
	SlackSigningSecret Secret
	SlackAPIURL        string
	SlackChannel       string
	RoutesFile         string
	SlackAdvisers      []string
	SlackLeads         []string

	// Chat is CHAT: "slack", "teams", or "" for the surface whose
	// settings are present (ChatSurface).
	Chat             string
	TeamsAppID       string
	TeamsAppPassword Secret
	TeamsTenantID    string // "" for a multi-tenant app registration
	TeamsChannel     string
	TeamsAdvisers    []string // Entra object ids
	TeamsLeads       []string
	TeamsServiceURL  string
	TeamsOpenIDURL   string
	TeamsTokenURL    string // "" derives it from TeamsTenantID

	IMAPAddr        string
	IMAPUsername    string
	IMAPPassword    Secret
	IMAPTLS         string
	IMAPAuth        string
	IMAPMailbox     string
	IMAPDoneMailbox string

	OAuthTokenURL     string
	OAuthClientID     string
	OAuthClientSecret Secret
	OAuthScopes       []string

	SMTPAddr        string
	SMTPUsername    string
	SMTPPassword    Secret
	SMTPTLS         string
	MailFrom        string
	MailSentMailbox string
	JournalAddr     string // filing: the case-management system's intake address
	// DraftSignature and DraftSignatureEN are the team's signature below
	// Danish and English drafts ("\n" in the setting is a new line).
	DraftSignature, DraftSignatureEN string

	CallsWebhookSecret Secret

	SMSGatewayURL   string // call-back confirmations by SMS (docs/sms-gateway.md); "": none
	SMSGatewayToken Secret
	SMSSender       string

	OpenAIAPIKey          Secret
	OpenAIBaseURL         string
	OpenAIModel           string
	OpenAIAzureAPIVersion string
	OpenAIAzureDeployment string

	GuidanceDir string
	AnswersDir  string // standard answers replacing the built-in set
	// ForwardDestinations is FORWARD_DESTINATIONS as written: a file's path
	// or the list itself (handlers.ParseDestinations reads it).
	ForwardDestinations string
	BotLang             string
	TZName              string
	Location            *time.Location
	RetentionDays       int
	DigestTime          string // "HH:MM", "" or "off"
	// InsightsReport is "WEEKDAY HH:MM", "" or "off" (InsightsSchedule).
	InsightsReport string
	LogFormat      string

	PublicBaseURL    string // "" derives it from HTTPAddr: PublicBase
	CSAT             string // "on" or "off"
	CSATTokenDays    int
	AccessibilityURL string
}

// String lists the settings with secrets redacted, one per line.
func (c *Config) String() string {
	var b strings.Builder
	for _, s := range settings {
		fmt.Fprintf(&b, "%s=%s\n", s.Name, s.show(c))
	}
	return b.String()
}

// IntakeEnabled reports whether mail intake runs.
func (c *Config) IntakeEnabled() bool { return c.IMAPAddr != "" }

// SocketMode reports whether Slack is reached over Socket Mode.
func (c *Config) SocketMode() bool { return c.SlackAppToken != "" }

// DraftsEnabled reports whether an LLM is configured (docs/settings.md).
func (c *Config) DraftsEnabled() bool { return c.OpenAIAPIKey != "" || c.OpenAIBaseURL != "" }

// CallsEnabled reports whether /api/calls is served.
func (c *Config) CallsEnabled() bool { return c.CallsWebhookSecret != "" }
