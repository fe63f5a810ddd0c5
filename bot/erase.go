package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// maxThreadPages bounds one look through a thread (200 messages a page).
const maxThreadPages = 50

// EraseThread deletes every message the bot posted in the thread under
// rootTS, except the root itself, and every file it shared there: the
// conversation items (all their pages), drafts and notices. What people
// wrote in the thread stays: a bot token may delete only the bot's own. A
// message or file Slack will not delete is reported and the rest still
// deleted; the error is only for a thread that cannot be read. Running it
// again deletes nothing and succeeds.
func (b *Bot) EraseThread(ctx context.Context, channel, rootTS string) (handlers.ThreadErasure, error) {
	var out handlers.ThreadErasure
	me, err := b.api.AuthTestContext(ctx)
	if err != nil {
		return out, fmt.Errorf("erase thread: auth.test: %w", retryable(err))
	}
	msgs, err := b.threadReplies(ctx, channel, rootTS)
	if err != nil {
		return out, err
	}
	for _, m := range msgs {
		if m.Timestamp != rootTS && ownMessage(m, me) {
			b.eraseMessage(ctx, channel, m, &out)
		}
	}
	return out, nil
}

// ownMessage reports whether the bot posted m.
func ownMessage(m slack.Message, me *slack.AuthTestResponse) bool {
	if m.BotID != "" && me.BotID != "" {
		return m.BotID == me.BotID
	}
	return m.User != "" && m.User == me.UserID
}

// threadReplies reads the whole thread, root first.
func (b *Bot) threadReplies(ctx context.Context, channel, rootTS string) ([]slack.Message, error) {
	p := &slack.GetConversationRepliesParameters{ChannelID: channel, Timestamp: rootTS, Limit: 200}
	var out []slack.Message
	for range maxThreadPages {
		msgs, more, cursor, err := b.api.GetConversationRepliesContext(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("read thread %s: %w", rootTS, retryable(err))
		}
		out = append(out, msgs...)
		if !more || cursor == "" {
			return out, nil
		}
		p.Cursor = cursor
	}
	return nil, fmt.Errorf("read thread %s: thread too long", rootTS)
}

// eraseMessage deletes the files a message shared, then the message, and
// adds to out what went and what Slack refused; a file or message already
// gone counts as deleted by someone else. A message whose file stays is
// kept too: it is how the next attempt finds the file.
func (b *Bot) eraseMessage(ctx context.Context, channel string, m slack.Message, out *handlers.ThreadErasure) {
	kept := false
	for _, f := range m.Files {
		err := b.api.DeleteFileContext(ctx, f.ID)
		switch {
		case err == nil:
			out.Files++
		case !isGone(err, "file_not_found", "file_deleted"):
			out.Failed = append(out.Failed, eraseFailed("file "+f.ID, err))
			kept = true
		}
	}
	if kept {
		return
	}
	_, _, err := b.api.DeleteMessageContext(ctx, channel, m.Timestamp)
	switch {
	case err == nil:
		out.Messages++
	case !isGone(err, "message_not_found"):
		out.Failed = append(out.Failed, eraseFailed("message "+m.Timestamp, err))
	}
}

// transientCodes are Slack's error codes that a later call may not get.
var transientCodes = []string{"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}

// eraseFailed describes a refused deletion: Slack's error code, or the
// HTTP status or failure, and whether to try again later.
func eraseFailed(item string, err error) handlers.EraseFailed {
	var se slack.SlackErrorResponse
	var sc slack.StatusCodeError
	var rl *slack.RateLimitedError
	switch {
	case errors.As(err, &rl):
		return handlers.EraseFailed{Item: item, Reason: "ratelimited", Retry: true}
	case errors.As(err, &se):
		return handlers.EraseFailed{Item: item, Reason: se.Err, Retry: slices.Contains(transientCodes, se.Err)}
	case errors.As(err, &sc):
		return handlers.EraseFailed{Item: item, Reason: fmt.Sprintf("HTTP %d", sc.Code), Retry: true}
	}
	return handlers.EraseFailed{Item: item, Reason: "no answer from Slack", Retry: true}
}

// isGone reports whether Slack answered with one of the codes.
func isGone(err error, codes ...string) bool {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		for _, c := range codes {
			if se.Err == c {
				return true
			}
		}
	}
	return false
}
