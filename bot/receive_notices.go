package bot

import (
	"context"
	"fmt"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// PostReplyFailed shows in the thread that a reply could not be sent: the
// reason, the kept text and a retry button.
func (b *Bot) PostReplyFailed(ctx context.Context, channel, rootTS string, f handlers.FailedReply) error {
	blocks, text := ReplyFailedBlocks(f)
	err := b.paced(ctx, channel, func() error {
		_, _, err := b.api.PostMessageContext(ctx, channel, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false),
			slack.MsgOptionTS(rootTS), slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl())
		return err
	})
	if err != nil {
		return fmt.Errorf("post failed reply %d: %w", f.MessageID, retryable(err))
	}
	return nil
}

// ReplyFailedBlocks renders a failed reply's notice and its `text`.
func ReplyFailedBlocks(f handlers.FailedReply) ([]slack.Block, string) {
	text := handlers.Text(f.Lang, "reply_failed", f.Enquiry, EscapeLine(f.To), EscapeLine(f.Reason))
	text = Truncate(text, MaxSectionText, "…")
	body := Truncate(Escape(f.Body), MaxSectionText-10, "…")
	retry := slack.NewButtonBlockElement(ActionReplyRetry, strconv.FormatInt(f.MessageID, 10),
		slack.NewTextBlockObject(slack.PlainTextType, handlers.Text(f.Lang, "retry"), true, false))
	retry.Style = slack.StylePrimary
	blocks := []slack.Block{
		slack.NewSectionBlock(mrkdwn(text), nil, nil, slack.SectionBlockOptionBlockID("reply_failed")),
		slack.NewSectionBlock(mrkdwn("```"+body+"```"), nil, nil, slack.SectionBlockOptionBlockID("reply_text")),
		slack.NewActionBlock("reply_failed_actions", retry),
	}
	return blocks, Truncate(text, MaxUpdateText, "…")
}
