package bot

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// Receiver takes Slack's events, interactions and slash commands, in Socket
// Mode or over HTTP, acknowledges each at once and then does the work. The
// two connection modes share one dispatcher.
type Receiver struct {
	bot    *Bot
	h      *handlers.Service
	apiURL string
	log    *slog.Logger

	seen      *seenSet
	slots     chan struct{} // bounds the work running after acknowledgements
	wg        sync.WaitGroup
	connected atomic.Bool

	actions  map[string]ActionFunc
	commands map[string]CommandFunc
}

// ReceiverOptions configure a Receiver.
type ReceiverOptions struct {
	APIURL      string // SLACK_API_URL, where Socket Mode opens its connection; "" means Slack's own
	MaxInFlight int    // work running at once after acknowledgements; default 32
}

// ActionFunc handles a block action after it was acknowledged.
type ActionFunc func(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error

// CommandFunc answers `/affald WORD …` (rest is what follows the word) after
// the command was acknowledged; it returns the text shown to the user alone.
type CommandFunc func(ctx context.Context, user, channel, rest string) (string, error)

// workTimeout bounds the work of one event after its acknowledgement.
const workTimeout = 30 * time.Second

// NewReceiver returns the receiver of the bot's Slack app.
func NewReceiver(b *Bot, h *handlers.Service, o ReceiverOptions) *Receiver {
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = 32
	}
	r := &Receiver{bot: b, h: h, apiURL: o.APIURL, log: b.log, seen: newSeenSet(4096),
		slots: make(chan struct{}, o.MaxInFlight), actions: map[string]ActionFunc{}, commands: map[string]CommandFunc{}}
	r.registerActions()
	return r
}

// HandleAction makes fn the handler of block actions with this action_id
// (e.g. enquiry_draft); it replaces a built-in one.
func (r *Receiver) HandleAction(actionID string, fn ActionFunc) { r.actions[actionID] = fn }

// HandleCommand makes fn the answer to `/affald WORD …` and `@affaldsbot WORD …`
// (e.g. stats).
func (r *Receiver) HandleCommand(word string, fn CommandFunc) { r.commands[word] = fn }

// SocketConnected reports whether the Socket Mode connection is open.
func (r *Receiver) SocketConnected() bool { return r.connected.Load() }

// Wait blocks until the work of every acknowledged event has finished.
func (r *Receiver) Wait() { r.wg.Wait() }

// later runs work after the acknowledgement, detached from the request.
func (r *Receiver) later(what string, work func(ctx context.Context) error) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		r.slots <- struct{}{}
		defer func() { <-r.slots }()
		ctx, cancel := context.WithTimeout(context.Background(), workTimeout)
		defer cancel()
		if err := work(ctx); err != nil {
			r.logError(ctx, what, err)
		}
	}()
}

func (r *Receiver) logError(ctx context.Context, what string, err error) {
	level := slog.LevelError
	if code := affaldsbot.ErrorCode(err); code != affaldsbot.EINTERNAL {
		level = slog.LevelInfo
	}
	r.log.LogAttrs(ctx, level, "slack "+what, slog.String("error", err.Error()))
}

// tell shows the person who caused err what went wrong, in BOT_LANG, in the
// channel where they acted; internal errors get a generic text and are
// logged.
func (r *Receiver) tell(ctx context.Context, channel, user string, err error) error {
	if err == nil || channel == "" {
		return err
	}
	if affaldsbot.ErrorCode(err) == affaldsbot.EINTERNAL {
		r.logError(ctx, "action", err)
	}
	return r.bot.Ephemeral(ctx, channel, user, affaldsbot.ErrorText(r.bot.printer(), err))
}
