package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// Action IDs of merging. enquiry_merge sits on a suggestion in the newer
// enquiry's thread, value "NEWER:OLDER"; enquiry_unmerge on the notice of a
// merge and on the merged enquiry's root message, value the newer enquiry's
// id.
const (
	ActionMerge        = "enquiry_merge"
	ActionUnmerge      = "enquiry_unmerge"
	MergeBlockID       = "enquiry_merge_actions"
	mergeNoticeBlockID = "merge_notice"
)

// handleMerge makes the receiver answer the merge and undo buttons.
func (r *Receiver) handleMerge() {
	r.HandleAction(ActionMerge, r.merge)
	r.HandleAction(ActionUnmerge, r.unmerge)
}

func (r *Receiver) merge(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	newer, older, err := parseMergeValue(a.Value)
	if err == nil {
		_, err = r.h.Merge(ctx, cb.User.ID, newer, older, pressOrigin(ctx, cb, a))
	}
	return r.acted(ctx, cb, err)
}

func (r *Receiver) unmerge(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	id, err := parseID(a.Value)
	if err == nil {
		_, err = r.h.Unmerge(ctx, cb.User.ID, id, pressOrigin(ctx, cb, a))
	}
	return r.acted(ctx, cb, err)
}

// parseMergeValue reads "NEWER:OLDER".
func parseMergeValue(v string) (newer, older int64, err error) {
	n, o, ok := strings.Cut(v, ":")
	if !ok {
		return 0, 0, affaldsbot.NewError(affaldsbot.EINVALID, "not_enquiry_number", v)
	}
	if newer, err = parseID(n); err == nil {
		older, err = parseID(o)
	}
	return newer, older, err
}

// MergeValue is the value of a merge button.
func MergeValue(newer, older int64) string {
	return strconv.FormatInt(newer, 10) + ":" + strconv.FormatInt(older, 10)
}

// PostMergeNotice posts a notice about merging in the thread, with a link to
// the other enquiry's thread and the button that fits.
func (b *Bot) PostMergeNotice(ctx context.Context, channel, rootTS string, n handlers.MergeNotice) error {
	link := ""
	if n.OtherRootTS != "" {
		link = b.threadLink(ctx, n.OtherChannel, n.OtherRootTS)
	}
	blocks, text := MergeNoticeBlocks(n, b.lang, link)
	opts := []slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...),
		slack.MsgOptionTS(rootTS), slack.MsgOptionDisableLinkUnfurl()}
	if n.Mark != "" {
		opts = append(opts, slack.MsgOptionMetadata(noticeMetadata(n.Mark)))
	}
	err := b.paced(ctx, channel, func() error {
		_, _, err := b.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	if err != nil {
		return fmt.Errorf("post merge notice: %w", retryable(err))
	}
	return nil
}

// threadLink is the web address of a message (the workspace's address from
// auth.test, as chat.getPermalink gives it); "" when it cannot be had.
func (b *Bot) threadLink(ctx context.Context, channel, ts string) string {
	return threadLinks(map[int64]handlers.ThreadRef{0: {Channel: channel, TS: ts}}, b.workspaceURL(ctx))(0)
}

// workspaceURL is the workspace's address from auth.test; "" when it cannot
// be had.
func (b *Bot) workspaceURL(ctx context.Context) string {
	me, err := b.api.AuthTestContext(ctx)
	if err != nil {
		return ""
	}
	return me.URL
}

// MergeNoticeBlocks renders a merge notice: its text, the other enquiry
// linked when link is set, and its button.
func MergeNoticeBlocks(n handlers.MergeNotice, lang, link string) ([]slack.Block, string) {
	p := locale.NewPrinter(lang)
	ref := func(id int64) string {
		r := "#" + strconv.FormatInt(id, 10)
		if link != "" {
			return "<" + link + "|" + r + ">"
		}
		return r
	}
	who := ""
	if n.Actor != "" {
		who = "<@" + n.Actor + ">"
	}
	var text string
	var button *slack.ButtonBlockElement
	switch n.Kind {
	case handlers.MergeSuggested:
		text = p.Printf("merge_suggest", ref(n.Older), Truncate(EscapeLine(n.Subject), FieldChars, "…"))
		button = slack.NewButtonBlockElement(ActionMerge, MergeValue(n.Newer, n.Older),
			slack.NewTextBlockObject(slack.PlainTextType, p.Printf("merge_button", "#"+strconv.FormatInt(n.Older, 10)), false, false))
		button.Style = slack.StylePrimary
	case handlers.MergedAway:
		text = p.Printf("merge_done_newer", ref(n.Older), who)
		button = slack.NewButtonBlockElement(ActionUnmerge, strconv.FormatInt(n.Newer, 10),
			slack.NewTextBlockObject(slack.PlainTextType, p.Printf("merge_undo_button"), false, false))
	case handlers.MergedHere:
		text = p.Printf("merge_done_older", ref(n.Newer), who)
	case handlers.UnmergedAway:
		text = p.Printf("merge_undone_newer", who, "#"+strconv.FormatInt(n.Newer, 10))
	default:
		text = p.Printf("merge_undone_older", ref(n.Newer), who)
	}
	blocks := []slack.Block{slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, text, false, false), nil, nil,
		slack.SectionBlockOptionBlockID(mergeNoticeBlockID))}
	if button != nil {
		blocks = append(blocks, slack.NewActionBlock(MergeBlockID, button))
	}
	return blocks, text
}

// mergedActions is the merged enquiry's row of buttons: only undo.
func mergedActions(e *affaldsbot.Enquiry, lang string) *slack.ActionBlock {
	label := locale.NewPrinter(lang).Printf("merge_undo_button")
	return slack.NewActionBlock(ActionsBlockID, slack.NewButtonBlockElement(ActionUnmerge, strconv.FormatInt(e.ID, 10),
		slack.NewTextBlockObject(slack.PlainTextType, label, false, false)))
}

// mergedLine says on the root message what the enquiry was merged into.
func mergedLine(e *affaldsbot.Enquiry, lang string) string {
	if e.MergedInto == nil {
		return ""
	}
	return locale.NewPrinter(lang).Printf("merge_root", "#"+strconv.FormatInt(*e.MergedInto, 10))
}
