package bot

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// RunSocketMode connects to Slack in Socket Mode with the app-level token
// (xapp-…) and serves events, interactions and slash commands until ctx
// ends. Every envelope is acknowledged at once; one Slack delivers again is
// acknowledged and not acted on twice. The connection is reopened when it
// drops; only a refused token ends it early.
func (r *Receiver) RunSocketMode(ctx context.Context, appToken string) error {
	opts := []slack.Option{slack.OptionAppLevelToken(appToken)}
	if r.apiURL != "" {
		opts = append(opts, slack.OptionAPIURL(r.apiURL))
	}
	smc := socketmode.New(slack.New("", opts...))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- smc.RunContext(ctx) }()
	defer r.connected.Store(false)
	for {
		select {
		case <-ctx.Done():
			<-done
			return nil
		case err := <-done:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("socket mode: %w", err)
		case evt := <-smc.Events:
			r.socketEvent(ctx, smc, evt)
		}
	}
}

func (r *Receiver) socketEvent(ctx context.Context, smc *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnected, socketmode.EventTypeHello:
		r.connected.Store(true)
	case socketmode.EventTypeConnecting, socketmode.EventTypeConnectionError, socketmode.EventTypeDisconnect, socketmode.EventTypeInvalidAuth:
		r.connected.Store(false)
		if evt.Type == socketmode.EventTypeConnectionError {
			r.log.LogAttrs(ctx, slog.LevelWarn, "slack socket mode connection failed", slog.Any("error", evt.Data))
		}
	case socketmode.EventTypeEventsAPI, socketmode.EventTypeInteractive, socketmode.EventTypeSlashCommand:
		r.envelope(ctx, smc, evt)
	}
}

// envelope acknowledges one request, then hands it to the dispatcher unless
// this process saw it before; what it causes is also tied to the envelope's
// ID in the database (a reply is sent once even when Slack delivers the
// envelope again after a restart or to another replica).
func (r *Receiver) envelope(ctx context.Context, smc *socketmode.Client, evt socketmode.Event) {
	if evt.Request == nil {
		return
	}
	if !r.seen.first(evt.Request.EnvelopeID) {
		r.ack(ctx, smc, evt.Request, nil)
		return
	}
	var payload any
	delivery := handlers.EnvelopeOrigin(evt.Request.EnvelopeID)
	switch data := evt.Data.(type) {
	case slackevents.EventsAPIEvent:
		r.ack(ctx, smc, evt.Request, nil)
		if r.seen.first(eventID(&data)) {
			r.event(&data, delivery)
		}
		return
	case slack.InteractionCallback:
		payload = r.interaction(&data, delivery)
	case slack.SlashCommand:
		r.command(&data)
	}
	r.ack(ctx, smc, evt.Request, payload)
}

func (r *Receiver) ack(ctx context.Context, smc *socketmode.Client, req *socketmode.Request, payload any) {
	if err := smc.AckCtx(ctx, req.EnvelopeID, payload); err != nil {
		r.log.LogAttrs(ctx, slog.LevelWarn, "slack socket mode ack failed", slog.String("error", err.Error()))
	}
}
