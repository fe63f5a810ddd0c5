package bot

import (
	"context"
	"fmt"
	"strconv"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// Draft messages carry metadata naming their draft.
const (
	DraftMetadataType = "affaldsbot_draft"
	DraftIDField      = "draft_id"
)

func draftMetadata(id int64) slack.SlackMetadata {
	return slack.SlackMetadata{EventType: DraftMetadataType, EventPayload: map[string]any{DraftIDField: strconv.FormatInt(id, 10)}}
}

// PostDraft posts a draft message in the enquiry's thread.
func (b *Bot) PostDraft(ctx context.Context, channel, rootTS string, d handlers.DraftView) (string, error) {
	blocks, text := DraftBlocks(d, b.lang)
	var ts string
	err := b.paced(ctx, channel, func() (err error) {
		_, ts, err = b.api.PostMessageContext(ctx, channel, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false),
			slack.MsgOptionTS(rootTS), slack.MsgOptionMetadata(draftMetadata(d.DraftID)),
			slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("post draft %d: %w", d.DraftID, retryable(err))
	}
	return ts, nil
}

// UpdateDraft re-renders a draft message in place.
func (b *Bot) UpdateDraft(ctx context.Context, channel, ts string, d handlers.DraftView) error {
	blocks, text := DraftBlocks(d, b.lang)
	_, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false),
		slack.MsgOptionMetadata(draftMetadata(d.DraftID)))
	if err != nil {
		return fmt.Errorf("update draft %d: %w", d.DraftID, retryable(err))
	}
	return nil
}
