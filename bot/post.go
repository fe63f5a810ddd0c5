package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/slack-go/slack"
)

// MessageMetadataType marks thread posts of conversation items, so a retry
// after a crash can find them.
const (
	MessageMetadataType = "affaldsbot_message"
	MessageIDField      = "message_id"
)

// Bot is the whole chat surface of the handlers in Slack.
var _ handlers.ChatSurface = (*Bot)(nil)

// PostRoot posts the root message of an enquiry with its metadata.
func (b *Bot) PostRoot(ctx context.Context, channel string, v handlers.RootView) (string, error) {
	blocks, text := RootBlocks(v, b.lang, b.loc)
	var ts string
	err := b.paced(ctx, channel, func() (err error) {
		_, ts, err = b.api.PostMessageContext(ctx, channel, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false),
			slack.MsgOptionMetadata(EnquiryMetadata(v.Enquiry.ID)), slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("post root of %s: %w", v.Enquiry.Ref(), err)
	}
	return ts, nil
}

// UpdateRoot re-renders the root message in place.
func (b *Bot) UpdateRoot(ctx context.Context, channel, ts string, v handlers.RootView) error {
	blocks, text := RootBlocks(v, b.lang, b.loc)
	_, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(Truncate(text, MaxUpdateText, "…"), false),
		slack.MsgOptionMetadata(EnquiryMetadata(v.Enquiry.ID)))
	if err != nil {
		return fmt.Errorf("update root of %s: %w", v.Enquiry.Ref(), retryable(err))
	}
	return nil
}

// FindRoot looks through the channel's history since `since` for the root
// message of the enquiry.
func (b *Bot) FindRoot(ctx context.Context, channel string, enquiryID int64, since time.Time) (string, bool, error) {
	p := &slack.GetConversationHistoryParameters{ChannelID: channel, IncludeAllMetadata: true, Limit: 200,
		Oldest: strconv.FormatInt(since.Unix(), 10)}
	for range 50 {
		res, err := b.api.GetConversationHistoryContext(ctx, p)
		if err != nil {
			return "", false, fmt.Errorf("find root of #%d: %w", enquiryID, retryable(err))
		}
		if ts, ok := findMeta(res.Messages, MetadataType, MetadataIDField, enquiryID); ok {
			return ts, true, nil
		}
		if !res.HasMore || res.ResponseMetaData.NextCursor == "" {
			return "", false, nil
		}
		p.Cursor = res.ResponseMetaData.NextCursor
	}
	return "", false, fmt.Errorf("find root of #%d: history too long", enquiryID)
}

// FindThread looks in the thread for an earlier post of a conversation item.
func (b *Bot) FindThread(ctx context.Context, channel, rootTS string, messageID int64) (string, bool, error) {
	ts, ok, err := b.findInThread(ctx, channel, rootTS, MessageMetadataType, MessageIDField, strconv.FormatInt(messageID, 10))
	if err != nil {
		return "", false, fmt.Errorf("find message %d in thread: %w", messageID, err)
	}
	return ts, ok, nil
}

// findInThread looks through the thread under rootTS for the post whose
// metadata of eventType has want in field.
func (b *Bot) findInThread(ctx context.Context, channel, rootTS, eventType, field, want string) (string, bool, error) {
	p := &slack.GetConversationRepliesParameters{ChannelID: channel, Timestamp: rootTS, IncludeAllMetadata: true, Limit: 200}
	for range 50 {
		msgs, more, cursor, err := b.api.GetConversationRepliesContext(ctx, p)
		if err != nil {
			return "", false, retryable(err)
		}
		if ts, ok := findMetaValue(msgs, eventType, field, want); ok {
			return ts, true, nil
		}
		if !more || cursor == "" {
			return "", false, nil
		}
		p.Cursor = cursor
	}
	return "", false, errors.New("thread too long")
}

func findMeta(msgs []slack.Message, eventType, field string, id int64) (string, bool) {
	return findMetaValue(msgs, eventType, field, strconv.FormatInt(id, 10))
}

func findMetaValue(msgs []slack.Message, eventType, field, want string) (string, bool) {
	for _, m := range msgs {
		if m.Metadata.EventType == eventType && fmt.Sprint(m.Metadata.EventPayload[field]) == want {
			return m.Timestamp, true
		}
	}
	return "", false
}

// PostThread posts a conversation item (split into pages when long) and its
// attachments in the enquiry's thread.
func (b *Bot) PostThread(ctx context.Context, channel, rootTS string, m *affaldsbot.Message, atts []affaldsbot.Attachment) (string, error) {
	meta := slack.SlackMetadata{EventType: MessageMetadataType, EventPayload: map[string]any{MessageIDField: strconv.FormatInt(m.ID, 10)}}
	text := ThreadMessageFallback(m, b.lang)
	var first string
	for i, page := range withKeptAttachments(ThreadMessageBlocks(m, b.lang), atts, b.lang) {
		opts := []slack.MsgOption{slack.MsgOptionBlocks(page...), slack.MsgOptionText(text, false), slack.MsgOptionTS(rootTS),
			slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl()}
		if i == 0 {
			opts = append(opts, slack.MsgOptionMetadata(meta))
		}
		var ts string
		err := b.paced(ctx, channel, func() (err error) { _, ts, err = b.api.PostMessageContext(ctx, channel, opts...); return err })
		if err != nil {
			return first, fmt.Errorf("post message %d in thread: %w", m.ID, retryable(err))
		}
		if first == "" {
			first = ts
		}
	}
	return first, b.upload(ctx, channel, rootTS, atts)
}

func (b *Bot) upload(ctx context.Context, channel, rootTS string, atts []affaldsbot.Attachment) error {
	for _, a := range atts {
		if len(a.Data) == 0 {
			continue // over the size cap: its name, size and hash are listed in the message
		}
		_, err := b.api.UploadFileContext(ctx, slack.UploadFileParameters{Reader: bytes.NewReader(a.Data), FileSize: len(a.Data),
			Filename: a.Filename, Title: a.Filename, Channel: channel, ThreadTimestamp: rootTS})
		if err != nil {
			return fmt.Errorf("upload %q: %w", a.Filename, retryable(err))
		}
	}
	return nil
}

// PostNotice posts a short text of the bot's own in the thread.
func (b *Bot) PostNotice(ctx context.Context, channel, rootTS, text string) error {
	err := b.paced(ctx, channel, func() error {
		_, _, err := b.api.PostMessageContext(ctx, channel, slack.MsgOptionText(text, false), slack.MsgOptionTS(rootTS), slack.MsgOptionDisableLinkUnfurl())
		return err
	})
	if err != nil {
		return fmt.Errorf("post notice: %w", retryable(err))
	}
	return nil
}

// NoticeMetadataType marks the bot's notices that must be posted once;
// NoticeMarkField holds the notice's mark.
const (
	NoticeMetadataType = "affaldsbot_notice"
	NoticeMarkField    = "notice"
)

// noticeMetadata is the metadata of a marked notice.
func noticeMetadata(mark string) slack.SlackMetadata {
	return slack.SlackMetadata{EventType: NoticeMetadataType, EventPayload: map[string]any{NoticeMarkField: mark}}
}

// PostMarkedNotice posts a short text of the bot's own in the thread with
// its mark in the message metadata.
func (b *Bot) PostMarkedNotice(ctx context.Context, channel, rootTS, mark, text string) error {
	err := b.paced(ctx, channel, func() error {
		_, _, err := b.api.PostMessageContext(ctx, channel, slack.MsgOptionText(text, false), slack.MsgOptionTS(rootTS),
			slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionMetadata(noticeMetadata(mark)))
		return err
	})
	if err != nil {
		return fmt.Errorf("post notice %s: %w", mark, retryable(err))
	}
	return nil
}

// FindNotice looks in the thread for a notice posted with mark.
func (b *Bot) FindNotice(ctx context.Context, channel, rootTS, mark string) (bool, error) {
	_, ok, err := b.findInThread(ctx, channel, rootTS, NoticeMetadataType, NoticeMarkField, mark)
	if err != nil {
		return false, fmt.Errorf("find notice %s in thread: %w", mark, err)
	}
	return ok, nil
}

// Ephemeral shows text to one user only.
func (b *Bot) Ephemeral(ctx context.Context, channel, user, text string) error {
	if _, err := b.api.PostEphemeralContext(ctx, channel, user, slack.MsgOptionText(text, false)); err != nil {
		return fmt.Errorf("ephemeral to %s: %w", user, retryable(err))
	}
	return nil
}

// retryable turns Slack's rate limit into a snooze of the job.
func retryable(err error) error {
	if rl, ok := err.(*slack.RateLimitedError); ok {
		return &affaldsbot.RetryLater{After: rl.RetryAfter, Err: err}
	}
	return err
}
