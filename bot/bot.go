// Package bot is affaldsbot's Slack surface and the only importer of
// slack-go: it posts and updates enquiries (the handlers' Slack interface),
// receives Socket Mode and HTTP events, and renders Block Kit views.
package bot

import (
	"log/slog"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/locale"
)

// Options configure the Slack client.
type Options struct {
	BotToken string
	APIURL   string // SLACK_API_URL; "" means Slack's own
	Lang     string
	Location *time.Location
	Log      *slog.Logger
}

// Bot talks to Slack's Web API.
type Bot struct {
	api   *slack.Client
	lang  string
	loc   *time.Location
	log   *slog.Logger
	gates sync.Map // channel → *gate: Slack's per-channel pace
	auth  authCheck
	names userNames // users.info, for texts that name advisers
}

// New returns a Bot for the bot token.
func New(o Options) *Bot {
	opts := []slack.Option{}
	if o.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(o.APIURL))
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	return &Bot{api: slack.New(o.BotToken, opts...), lang: o.Lang, loc: o.Location, log: o.Log}
}

// printer formats the catalogue's texts (package locale) in BOT_LANG.
func (b *Bot) printer() *locale.Printer { return locale.NewPrinter(b.lang) }

// API is the underlying Web API client, for the receivers.
func (b *Bot) API() *slack.Client { return b.api }
