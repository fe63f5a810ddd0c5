package terminal

import (
	"context"
	"strconv"
	"strings"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// PostMergeNotice shows a notice about merging under its enquiry, with the
// command that does what the Slack button does.
func (c *Chat) PostMergeNotice(_ context.Context, _, rootTS string, n handlers.MergeNotice) error {
	p := locale.NewPrinter(c.lang)
	older, newer := "#"+strconv.FormatInt(n.Older, 10), "#"+strconv.FormatInt(n.Newer, 10)
	c.mu.Lock()
	who := c.name(n.Actor)
	c.mu.Unlock()
	var text string
	switch n.Kind {
	case handlers.MergeSuggested:
		text = p.Printf("merge_suggest", older, n.Subject) + " → \"merge " + strconv.FormatInt(n.Newer, 10) + " " + strconv.FormatInt(n.Older, 10) + "\""
	case handlers.MergedAway:
		text = p.Printf("merge_done_newer", older, who) + " → \"unmerge " + strconv.FormatInt(n.Newer, 10) + "\""
	case handlers.MergedHere:
		text = p.Printf("merge_done_older", newer, who)
	case handlers.UnmergedAway:
		text = p.Printf("merge_undone_newer", who, newer)
	default:
		text = p.Printf("merge_undone_older", newer, who)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.markLocked(rootTS, n.Mark)
	c.printLocked(indent(c.roots[rootTS], "🔗 "+c.plain(text))...)
	return nil
}

// merge merges enquiry N into the older enquiry M, as the suggestion's
// button does.
func (c *Chat) merge(ctx context.Context, args string) error {
	newer, rest, err := EnquiryArg(args, c.usageOf("merge"))
	if err != nil {
		return err
	}
	older, _, err := EnquiryArg(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(rest, "into "), "ind i ")), c.usageOf("merge"))
	if err != nil {
		return err
	}
	if _, err := c.svc.Merge(ctx, c.user, newer, older, nil); err != nil {
		return err
	}
	c.Print("✔ " + locale.NewPrinter(c.lang).Printf("merge_confirmed", "#"+itoa(newer), "#"+itoa(older)))
	return nil
}

// unmerge undoes the merge of enquiry N, as the undo button does.
func (c *Chat) unmerge(ctx context.Context, args string) error {
	id, _, err := EnquiryArg(args, c.usageOf("unmerge"))
	if err != nil {
		return err
	}
	if _, err := c.svc.Unmerge(ctx, c.user, id, nil); err != nil {
		return err
	}
	c.Print("✔ " + locale.NewPrinter(c.lang).Printf("merge_undone", "#"+itoa(id)))
	return nil
}
