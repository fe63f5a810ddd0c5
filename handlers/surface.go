package handlers

import (
	"context"
	"time"

	"github.com/affaldsbot/affaldsbot"
)

// ChatSurface is everything the handlers show in a chat: Slack itself
// (bot.Bot) or the demo's terminal chat (internal/terminal). It is declared
// whole, so a surface that lacks a part does not compile; each
// implementation asserts it with
//
//	var _ handlers.ChatSurface = (*Surface)(nil)
type ChatSurface interface {
	// PostRoot posts the root message of an enquiry and returns its ts.
	PostRoot(ctx context.Context, channel string, v RootView) (ts string, err error)
	// FindRoot looks in the channel's history since `since` for a root message
	// of the enquiry posted earlier (a crash between the answer and our
	// commit); ok is false when there is none.
	FindRoot(ctx context.Context, channel string, enquiryID int64, since time.Time) (ts string, ok bool, err error)
	// UpdateRoot re-renders the root message in place.
	UpdateRoot(ctx context.Context, channel, ts string, v RootView) error
	// PostThread posts one item of the conversation (and its attachments) in
	// the enquiry's thread and returns the ts of its first message.
	PostThread(ctx context.Context, channel, rootTS string, m *affaldsbot.Message, atts []affaldsbot.Attachment) (ts string, err error)
	// FindThread looks in the thread for an earlier post of the message.
	FindThread(ctx context.Context, channel, rootTS string, messageID int64) (ts string, ok bool, err error)
	// PostNotice posts a short text of the bot's own in the thread.
	PostNotice(ctx context.Context, channel, rootTS, text string) error
	// PostMarkedNotice posts a short text of the bot's own in the thread
	// with a mark that FindNotice finds again: a notice that must be posted
	// once is looked for before it is posted, so that a retry after a crash
	// between the post and its record does not post it twice.
	PostMarkedNotice(ctx context.Context, channel, rootTS, mark, text string) error
	// FindNotice looks in the thread for a notice posted with mark (by
	// PostMarkedNotice, or PostMergeNotice with MergeNotice.Mark).
	FindNotice(ctx context.Context, channel, rootTS, mark string) (bool, error)
	// Ephemeral shows text to one user only.
	Ephemeral(ctx context.Context, channel, user, text string) error
	// PostMergeNotice posts a notice about merging in the thread, with the
	// button that fits it (merge on a suggestion, undo on a merge).
	PostMergeNotice(ctx context.Context, channel, rootTS string, n MergeNotice) error
	// PostReplyFailed shows a reply that could not be sent, with a way to
	// send it again.
	PostReplyFailed(ctx context.Context, channel, rootTS string, f FailedReply) error

	// PostDraft shows a draft as one message in the enquiry's thread;
	// UpdateDraft changes it in place while it is written and when it changes.
	PostDraft(ctx context.Context, channel, rootTS string, d DraftView) (ts string, err error)
	UpdateDraft(ctx context.Context, channel, ts string, d DraftView) error

	// PostRating posts a rating in a thread with a mark FindRating finds on
	// a retry.
	PostRating(ctx context.Context, channel, rootTS string, v RatingView) (ts string, err error)
	FindRating(ctx context.Context, channel, rootTS string, noticeID int64) (ts string, ok bool, err error)

	// PublishHome shows a user's App Home.
	PublishHome(ctx context.Context, user string, h *Home) error
	// PostDigest posts the daily digest in a channel.
	PostDigest(ctx context.Context, channel string, d *Digest) error
	// PostInsights sends the weekly report to one lead.
	PostInsights(ctx context.Context, lead string, w *WeeklyInsights) error

	// EraseThread deletes every message and file the bot posted in the
	// thread under rootTS, the root excepted, carrying on past each one
	// the chat will not delete. People's own messages in the thread stay.
	// The error is for a thread it could not read at all.
	EraseThread(ctx context.Context, channel, rootTS string) (ThreadErasure, error)
}
