package config

import "strconv"

// settings is docs/settings.md in code; the README's table is generated from it.
var settings = []setting{
	s("DATABASE_URL", "sqlite:affaldsbot.db", "`sqlite:PATH` or `postgres://…` (lib/pq)", false, field{setDatabaseURL, func(c *Config) string { return c.DatabaseURL }}),
	s("HTTP_ADDR", ":8080", "Slack HTTP mode, call webhook, health and metrics", false, checked(listenAddr, str(func(c *Config) *string { return &c.HTTPAddr }))),
	s("METRICS_ADDR", "", "serve `/metrics` on this listener (e.g. `127.0.0.1:9090`) instead of `HTTP_ADDR`; `off`: no metrics endpoint", false, checked(metricsAddr, str(func(c *Config) *string { return &c.MetricsAddr }))),
	s("SLACK_BOT_TOKEN", "", "`xoxb-…`; without it `run` refuses to start and `demo` uses the terminal", true, checked(prefixed("xoxb-"), secret(func(c *Config) *Secret { return &c.SlackBotToken }))),
	s("SLACK_APP_TOKEN", "", "`xapp-…`; set: Socket Mode (the default way to connect); unset: HTTP mode", true, checked(prefixed("xapp-"), secret(func(c *Config) *Secret { return &c.SlackAppToken }))),
	s("SLACK_SIGNING_SECRET", "", "required in HTTP mode; every request to `/slack/events` is verified", true, secret(func(c *Config) *Secret { return &c.SlackSigningSecret })),
	s("SLACK_API_URL", "https://slack.com/api/", "for GovSlack, proxies and tests", false, checked(httpURL, str(func(c *Config) *string { return &c.SlackAPIURL }))),
	s("SLACK_CHANNEL", "", "channel ID where enquiries are posted (the default route)", false, str(func(c *Config) *string { return &c.SlackChannel })),
	s("ROUTES_FILE", "", "optional TOML/YAML file routing several mailboxes and call queues to their own channels", false, str(func(c *Config) *string { return &c.RoutesFile })),
	s("SLACK_ADVISERS", "", "user IDs and/or one user-group ID (`S…`) allowed to claim, reply, draft, close", false, checked(slackIDs, list(func(c *Config) *[]string { return &c.SlackAdvisers }))),
	s("SLACK_LEADS", "", "user IDs and/or a user-group ID allowed to export and see per-adviser figures", false, checked(slackIDs, list(func(c *Config) *[]string { return &c.SlackLeads }))),
	s("IMAP_ADDR", "", "the shared mailbox, `host:port`; intake is off when unset", false, checked(hostPort, str(func(c *Config) *string { return &c.IMAPAddr }))),
	s("IMAP_USERNAME", "", "login of the shared mailbox", false, str(func(c *Config) *string { return &c.IMAPUsername })),
	s("IMAP_PASSWORD", "", "password of the shared mailbox (`IMAP_AUTH=plain`)", true, secret(func(c *Config) *Secret { return &c.IMAPPassword })),
	s("IMAP_TLS", "implicit", "`implicit`, `starttls` or `none` (`none` only for loopback)", false, oneOf(func(c *Config) *string { return &c.IMAPTLS }, "implicit", "starttls", "none")),
	s("IMAP_AUTH", "plain", "`plain` or `xoauth2` (Microsoft 365 / Google; token settings `OAUTH_*`)", false, oneOf(func(c *Config) *string { return &c.IMAPAuth }, "plain", "xoauth2")),
	s("IMAP_MAILBOX", "INBOX", "folder to watch", false, str(func(c *Config) *string { return &c.IMAPMailbox })),
	s("IMAP_DONE_MAILBOX", "", "if set, processed mail is moved there; else it is only flagged `\\Seen`", false, str(func(c *Config) *string { return &c.IMAPDoneMailbox })),
	s("OAUTH_TOKEN_URL", "", "OAuth2 token endpoint for `IMAP_AUTH=xoauth2` (client-credentials grant)", false, checked(httpURL, str(func(c *Config) *string { return &c.OAuthTokenURL }))),
	s("OAUTH_CLIENT_ID", "", "OAuth2 client ID for `IMAP_AUTH=xoauth2`", false, str(func(c *Config) *string { return &c.OAuthClientID })),
	s("OAUTH_CLIENT_SECRET", "", "OAuth2 client secret for `IMAP_AUTH=xoauth2`", true, secret(func(c *Config) *Secret { return &c.OAuthClientSecret })),
	s("OAUTH_SCOPES", "", "OAuth2 scopes, comma separated (Microsoft 365: `https://outlook.office365.com/.default`)", false, list(func(c *Config) *[]string { return &c.OAuthScopes })),
	s("SMTP_ADDR", "", "outgoing replies, `host:port`", false, checked(hostPort, str(func(c *Config) *string { return &c.SMTPAddr }))),
	s("SMTP_USERNAME", "", "SMTP login (empty: no authentication)", false, str(func(c *Config) *string { return &c.SMTPUsername })),
	s("SMTP_PASSWORD", "", "SMTP password", true, secret(func(c *Config) *Secret { return &c.SMTPPassword })),
	s("SMTP_TLS", "starttls", "`implicit`, `starttls` or `none` (`none` only for loopback)", false, oneOf(func(c *Config) *string { return &c.SMTPTLS }, "implicit", "starttls", "none")),
	s("MAIL_FROM", "", "the shared mailbox address replies are sent from", false, str(func(c *Config) *string { return &c.MailFrom })),
	s("MAIL_SENT_MAILBOX", "Sent", "where a copy of each reply is appended over IMAP", false, str(func(c *Config) *string { return &c.MailSentMailbox })),
	s("JOURNAL_ADDR", "", "the case-management system's intake address: an enquiry's conversation is filed there (button, and automatically on close) with the original mails attached; empty: no filing", false, checked(mailAddress, str(func(c *Config) *string { return &c.JournalAddr }))),
	s("CALLS_WEBHOOK_SECRET", "", "HMAC key for `/api/calls`; the endpoint is off when unset", true, secret(func(c *Config) *Secret { return &c.CallsWebhookSecret })),
	s("OPENAI_API_KEY", "", "drafts are off when no key and no base URL is set", true, secret(func(c *Config) *Secret { return &c.OpenAIAPIKey })),
	s("OPENAI_BASE_URL", "", "any OpenAI-compatible server (Azure OpenAI, Ollama, vLLM), including `/v1`; empty: OpenAI", false, checked(httpURL, str(func(c *Config) *string { return &c.OpenAIBaseURL }))),
	s("OPENAI_MODEL", "", "model (or Azure deployment) name", false, str(func(c *Config) *string { return &c.OpenAIModel })),
	s("OPENAI_AZURE_API_VERSION", "", "Azure OpenAI `api-version` (e.g. `2024-10-21`); set, or a `*.openai.azure.com` base URL: Azure OpenAI", false, str(func(c *Config) *string { return &c.OpenAIAzureAPIVersion })),
	s("OPENAI_AZURE_DEPLOYMENT", "", "Azure OpenAI deployment name; default `OPENAI_MODEL`", false, str(func(c *Config) *string { return &c.OpenAIAzureDeployment })),
	s("DRAFT_SIGNATURE", "", "the team's signature below every Danish draft, `\\n` for a new line; empty: `Med venlig hilsen\\n\\nAffaldsvejledningen\\nKøbenhavns Kommune`", false, str(func(c *Config) *string { return &c.DraftSignature })),
	s("DRAFT_SIGNATURE_EN", "", "the same below English drafts; empty: `Kind regards\\n\\nWaste Advice\\nCity of Copenhagen`", false, str(func(c *Config) *string { return &c.DraftSignatureEN })),
	s("GUIDANCE_DIR", "", "a folder of Markdown guidance that replaces the built-in corpus", false, str(func(c *Config) *string { return &c.GuidanceDir })),
	s("BOT_LANG", "da", "language of the bot's own texts: `da` or `en`", false, oneOf(func(c *Config) *string { return &c.BotLang }, "da", "en")),
	s("TZ_NAME", "Europe/Copenhagen", "time zone for working hours and periods", false, field{setTZ, func(c *Config) string { return c.TZName }}),
	s("DIGEST_TIME", "08:00", "time of day (`HH:MM` in `TZ_NAME`) of the daily digest in `SLACK_CHANNEL`; empty or `off`: no digest", false, checked(digestTime, str(func(c *Config) *string { return &c.DigestTime }))),
	s("PUBLIC_BASE_URL", "", "base of the links the bot puts in mails (the rating page), as citizens reach `HTTP_ADDR`; empty: `http://localhost` and the port of `HTTP_ADDR`", false, checked(publicBaseURL, str(func(c *Config) *string { return &c.PublicBaseURL }))),
	s("INSIGHTS_REPORT", "monday 08:00", "when the team leads (`SLACK_LEADS`) get the weekly insights report in a direct message: a weekday (English or Danish) and `HH:MM` in `TZ_NAME`; `off`: none", false, checked(insightsReport, str(func(c *Config) *string { return &c.InsightsReport }))),
	s("CSAT", "on", "`on` or `off`: a one-click satisfaction rating below every reply mail, served at `/tilfredshed/`", false, oneOf(func(c *Config) *string { return &c.CSAT }, "on", "off")),
	s("CSAT_TOKEN_DAYS", "60", "days a reply's rating links work", false, field{setCSATTokenDays, func(c *Config) string { return strconv.Itoa(c.CSATTokenDays) }}),
	s("ACCESSIBILITY_URL", "", "the municipality's accessibility statement (*tilgængelighedserklæring*), linked from the rating page", false, checked(httpURL, str(func(c *Config) *string { return &c.AccessibilityURL }))),
	s("RETENTION_DAYS", "0", "enquiry texts older than this are erased; statistics stay (0: keep)", false, field{setRetention, func(c *Config) string { return strconv.Itoa(c.RetentionDays) }}),
	s("LOG_FORMAT", "text", "`text` or `json` (slog)", false, oneOf(func(c *Config) *string { return &c.LogFormat }, "text", "json")),
}

func s(name, def, help string, secret bool, f field) setting {
	return setting{Name: name, Default: def, Help: help, Secret: secret, field: f}
}
