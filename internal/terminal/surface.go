package terminal

import (
	"context"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// Chat is the whole chat surface of the handlers in a terminal.
var _ handlers.ChatSurface = (*Chat)(nil)

// PostRoot shows a new enquiry as one compact line and its preview.
func (c *Chat) PostRoot(_ context.Context, _ string, v handlers.RootView) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ts := c.nextTS()
	c.roots[ts] = v.Enquiry.ID
	c.shown[v.Enquiry.ID] = c.statusLine(v.Enquiry)
	c.printLocked(c.rootLines(v)...)
	return ts, nil
}

// FindRoot finds a root shown earlier in this run.
func (c *Chat) FindRoot(_ context.Context, _ string, enquiryID int64, _ time.Time) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for ts, id := range c.roots {
		if id == enquiryID {
			return ts, true, nil
		}
	}
	return "", false, nil
}

// UpdateRoot shows a one-line status change, and nothing when the status,
// holder and topic are as last shown.
func (c *Chat) UpdateRoot(_ context.Context, _, _ string, v handlers.RootView) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	line := c.statusLine(v.Enquiry)
	if v.Rating > 0 { // the citizen's latest rating of a reply
		line += " · " + strings.Repeat("★", v.Rating) + strings.Repeat("☆", csat.MaxRating-v.Rating)
	}
	if v.ForwardedTo != "" {
		line += " · ↪ " + locale.NewPrinter(c.lang).Printf("forward_shown", v.ForwardedTo)
	}
	if c.shown[v.Enquiry.ID] == line {
		return nil
	}
	c.shown[v.Enquiry.ID] = line
	c.printLocked("🔄 " + v.Enquiry.Ref() + " " + oneLine(v.Enquiry.Subject, 60) + " — " + line)
	return nil
}

// PostThread shows one conversation item indented under its enquiry.
func (c *Chat) PostThread(_ context.Context, _, rootTS string, m *affaldsbot.Message, atts []affaldsbot.Attachment) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ts := c.nextTS()
	if c.posts[rootTS] == nil {
		c.posts[rootTS] = map[int64]string{}
	}
	c.posts[rootTS][m.ID] = ts
	c.printLocked(c.itemLines(c.roots[rootTS], m, atts, liveLines)...)
	return ts, nil
}

// FindThread finds an item posted earlier in this run.
func (c *Chat) FindThread(_ context.Context, _, rootTS string, messageID int64) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ts, ok := c.posts[rootTS][messageID]
	return ts, ok, nil
}

// PostNotice shows the bot's own short text in the thread, or in the
// channel when rootTS is no enquiry's.
func (c *Chat) PostNotice(_ context.Context, _, rootTS, text string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id, ok := c.roots[rootTS]; ok {
		c.printLocked(indent(id, "ℹ️ "+c.plain(text))...)
	} else {
		c.printLocked("ℹ️ " + c.plain(text))
	}
	return nil
}

// PostMarkedNotice shows a notice that is shown once, and remembers its
// mark for FindNotice.
func (c *Chat) PostMarkedNotice(ctx context.Context, channel, rootTS, mark, text string) error {
	c.mu.Lock()
	c.markLocked(rootTS, mark)
	c.mu.Unlock()
	return c.PostNotice(ctx, channel, rootTS, text)
}

// FindNotice finds a notice shown with mark earlier in this run.
func (c *Chat) FindNotice(_ context.Context, _, rootTS, mark string) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.marks[rootTS][mark], nil
}

func (c *Chat) markLocked(rootTS, mark string) {
	if mark == "" {
		return
	}
	if c.marks[rootTS] == nil {
		c.marks[rootTS] = map[string]bool{}
	}
	c.marks[rootTS][mark] = true
}

// PostDigest shows the daily digest in the channel, with the enquiries
// near their deadline.
func (c *Chat) PostDigest(_ context.Context, _ string, d *handlers.Digest) error {
	lines := []string{"📰 " + c.plain(handlers.DigestText(d))}
	for _, due := range d.Due {
		line := c.t("digest_due", "#"+itoa(due.EnquiryID), oneLine(due.Subject, 60), handlers.FormatDeadline(due.DeadlineAt.In(c.loc), c.lang))
		if due.Holder != "" {
			line += " · " + c.t("holder", c.name(due.Holder))
		}
		lines = append(lines, "   "+line)
	}
	c.Print(lines...)
	return nil
}

// Ephemeral shows a text meant for one user only.
func (c *Chat) Ephemeral(_ context.Context, _, _, text string) error {
	c.Print(c.t("only_you", c.plain(text)))
	return nil
}

// PostDraft shows that a draft is being written.
func (c *Chat) PostDraft(_ context.Context, _, _ string, d handlers.DraftView) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ts := c.nextTS()
	c.printLocked(indent(d.EnquiryID, "✏️ "+c.t("draft_writing", d.Number))...)
	return ts, nil
}

// UpdateDraft shows a draft once it is ready, or what became of it; the
// text a model streams is shown only when it is complete.
func (c *Chat) UpdateDraft(_ context.Context, _, _ string, d handlers.DraftView) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d.State == handlers.DraftReady {
		c.drafts[d.EnquiryID] = d.DraftID
	} else if c.drafts[d.EnquiryID] == d.DraftID {
		delete(c.drafts, d.EnquiryID)
	}
	if lines := c.draftLines(d); len(lines) > 0 {
		c.printLocked(lines...)
	}
	return nil
}

// latestDraft is the newest ready draft of an enquiry shown in this run.
func (c *Chat) latestDraft(id int64) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.drafts[id]
	return d, ok
}

// PostReplyFailed shows a reply that could not be sent; "reply N TEXT"
// sends it again.
func (c *Chat) PostReplyFailed(ctx context.Context, channel, rootTS string, f handlers.FailedReply) error {
	return c.PostNotice(ctx, channel, rootTS, handlers.Text(c.lang, "reply_failed", f.Enquiry, f.To, f.Reason))
}

// PostRating shows the citizen's rating of a reply in the thread.
func (c *Chat) PostRating(ctx context.Context, channel, rootTS string, v handlers.RatingView) (string, error) {
	if err := c.PostNotice(ctx, channel, rootTS, handlers.RatingText(v)); err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	ts := c.nextTS()
	if c.rated[rootTS] == nil {
		c.rated[rootTS] = map[int64]string{}
	}
	c.rated[rootTS][v.NoticeID] = ts
	return ts, nil
}

// FindRating finds a rating shown earlier in this run.
func (c *Chat) FindRating(_ context.Context, _, rootTS string, noticeID int64) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ts, ok := c.rated[rootTS][noticeID]
	return ts, ok, nil
}

// PublishHome shows a user's overview as one line: their enquiries and
// the new ones.
func (c *Chat) PublishHome(_ context.Context, user string, h *handlers.Home) error {
	c.Print(c.t("home", c.name(user), len(h.Mine), len(h.Queue)))
	return nil
}

// PostInsights shows the weekly report as text.
func (c *Chat) PostInsights(ctx context.Context, lead string, w *handlers.WeeklyInsights) error {
	return c.PostNotice(ctx, lead, "", handlers.InsightsText(w))
}

// EraseThread forgets the bot's posts in the thread, so that none is found
// again, and says so; what a terminal printed cannot be taken back.
func (c *Chat) EraseThread(_ context.Context, _, rootTS string) (handlers.ThreadErasure, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := len(c.posts[rootTS]) + len(c.rated[rootTS]) + len(c.marks[rootTS])
	delete(c.posts, rootTS)
	delete(c.rated, rootTS)
	delete(c.marks, rootTS)
	id, ok := c.roots[rootTS]
	if n == 0 || !ok {
		return handlers.ThreadErasure{Messages: n}, nil
	}
	c.printLocked(indent(id, c.t("erased", n, "#"+itoa(id)))...)
	return handlers.ThreadErasure{Messages: n}, nil
}
