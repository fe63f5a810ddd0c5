package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/handlers"
)

var _ handlers.SlackEraser = (*Bot)(nil)

// maxThreadPages bounds one look through a thread (200 messages a page).
const maxThreadPages = 50

// EraseThread deletes every message the bot posted in the thread under
// rootTS, except the root itself, and every file it shared there: the
// conversation items (all their pages), drafts and notices. What people
// wrote in the thread stays: a bot token may delete only the bot's own.
// Running it again deletes nothing and succeeds.
func (b *Bot) EraseThread(ctx context.Context, channel, rootTS string) (int, error) {
	me, err := b.api.AuthTestContext(ctx)
	if err != nil {
		return 0, fmt.Errorf("erase thread: auth.test: %w", retryable(err))
	}
	msgs, err := b.threadReplies(ctx, channel, rootTS)
	if err != nil {
		return 0, err
	}
	deleted := 0
	for _, m := range msgs {
		if m.Timestamp == rootTS || !ownMessage(m, me) {
			continue
		}
		n, err := b.eraseMessage(ctx, channel, m)
		deleted += n
		if err != nil {
			return deleted, err
		}
	}
	return deleted, nil
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

// eraseMessage deletes the files a message shared, then the message; a
// file or message already gone counts as deleted by someone else.
func (b *Bot) eraseMessage(ctx context.Context, channel string, m slack.Message) (int, error) {
	for _, f := range m.Files {
		if err := b.api.DeleteFileContext(ctx, f.ID); err != nil && !isGone(err, "file_not_found", "file_deleted") {
			return 0, fmt.Errorf("delete file %s: %w", f.ID, retryable(err))
		}
	}
	_, _, err := b.api.DeleteMessageContext(ctx, channel, m.Timestamp)
	switch {
	case err == nil:
		return 1, nil
	case isGone(err, "message_not_found"):
		return 0, nil
	}
	return 0, fmt.Errorf("delete message %s: %w", m.Timestamp, retryable(err))
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
