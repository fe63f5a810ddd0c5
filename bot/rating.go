package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// RatingMetadataType marks the thread posts of ratings, so a retry after a
// crash can find them.
const (
	RatingMetadataType = "affaldsbot_rating"
	RatingIDField      = "notice_id"
)

// RatingStars is a rating as stars and its words: "★★★★☆ Tilfreds (4/5)".
func RatingStars(n int, lang string) string {
	if n < csat.MinRating || n > csat.MaxRating {
		return strconv.Itoa(n)
	}
	return strings.Repeat("★", n) + strings.Repeat("☆", csat.MaxRating-n) + " " + csat.Label(lang, n) + " (" + strconv.Itoa(n) + "/" + strconv.Itoa(csat.MaxRating) + ")"
}

// PostRating shows a citizen's rating, and the comment that came with it,
// in the enquiry's thread.
func (b *Bot) PostRating(ctx context.Context, channel, rootTS string, v handlers.RatingView) (string, error) {
	blocks, text := RatingBlocks(v)
	meta := slack.SlackMetadata{EventType: RatingMetadataType, EventPayload: map[string]any{RatingIDField: strconv.FormatInt(v.NoticeID, 10)}}
	var ts string
	err := b.paced(ctx, channel, func() (err error) {
		_, ts, err = b.api.PostMessageContext(ctx, channel, slack.MsgOptionBlocks(blocks...), slack.MsgOptionText(text, false),
			slack.MsgOptionTS(rootTS), slack.MsgOptionMetadata(meta), slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("post rating %d: %w", v.NoticeID, retryable(err))
	}
	return ts, nil
}

// FindRating looks in the thread for an earlier post of a rating.
func (b *Bot) FindRating(ctx context.Context, channel, rootTS string, noticeID int64) (string, bool, error) {
	ts, ok, err := b.findInThread(ctx, channel, rootTS, RatingMetadataType, RatingIDField, strconv.FormatInt(noticeID, 10))
	if err != nil {
		return "", false, fmt.Errorf("find rating %d in thread: %w", noticeID, err)
	}
	return ts, ok, nil
}

// RatingBlocks renders a rating's post and its `text`: the bot's line with
// the stars, and the citizen's comment, escaped, as a quote.
func RatingBlocks(v handlers.RatingView) ([]slack.Block, string) {
	line := handlers.RatingText(handlers.RatingView{Enquiry: v.Enquiry, Rating: v.Rating, Previous: v.Previous, Lang: v.Lang})
	head := line + "\n" + RatingStars(v.Rating, v.Lang)
	blocks := []slack.Block{slack.NewSectionBlock(mrkdwn(Truncate(head, MaxSectionText, "…")), nil, nil, slack.SectionBlockOptionBlockID("rating"))}
	text := line
	if v.Comment != "" {
		comment := quoted(Escape(v.Comment))
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(Truncate(comment, MaxSectionText, "…")), nil, nil,
			slack.SectionBlockOptionBlockID("rating_comment")))
		text += "\n" + EscapeLine(v.Comment)
	}
	return blocks, Truncate(text, MaxUpdateText, "…")
}

// quoted puts every line of already escaped text in a mrkdwn quote.
func quoted(s string) string {
	return "> " + strings.ReplaceAll(s, "\n", "\n> ")
}
