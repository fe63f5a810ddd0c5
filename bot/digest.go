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

type digestLabels struct {
	title, since, received, answered, closed, open, due, overdue, none, nobody string
}

var digestDA = newDigestLabels(locale.Danish)

var digestEN = newDigestLabels(locale.English)

// newDigestLabels fills a digestLabels from the catalogue in lang.
func newDigestLabels(lang string) digestLabels {
	p := locale.NewPrinter(lang)
	return digestLabels{
		title:    p.Printf("digest_label_title"),
		since:    p.Printf("digest_label_since"),
		received: p.Printf("digest_label_received"),
		answered: p.Printf("digest_label_answered"),
		closed:   p.Printf("digest_label_closed"),
		open:     p.Printf("digest_label_open"),
		due:      p.Printf("digest_label_due"),
		overdue:  p.Printf("digest_label_overdue"),
		none:     p.Printf("digest_label_none"),
		nobody:   p.Printf("digest_label_nobody"),
	}
}

// PostDigest posts the daily digest in the channel.
func (b *Bot) PostDigest(ctx context.Context, channel string, d *handlers.Digest) error {
	blocks := DigestBlocks(d)
	err := b.paced(ctx, channel, func() error {
		_, _, err := b.api.PostMessageContext(ctx, channel, slack.MsgOptionBlocks(blocks...),
			slack.MsgOptionText(Truncate(handlers.DigestText(d), MaxUpdateText, "…"), false), slack.MsgOptionDisableLinkUnfurl())
		return err
	})
	if err != nil {
		return fmt.Errorf("post digest: %w", retryable(err))
	}
	return nil
}

// DigestBlocks renders the digest: header, the figures since the previous
// working day, the open queue and the enquiries near their deadline.
func DigestBlocks(d *handlers.Digest) []slack.Block {
	l := digestDA
	if d.Lang == LangEnglish {
		l = digestEN
	}
	vl := labelsFor(d.Lang)
	f := d.Figures
	title := Truncate(l.title+" "+vl.formatDate(d.Day.In(location(d.Loc))), MaxHeaderText, "…")
	fields := []*slack.TextBlockObject{
		field(l.received+" ("+strings.ToLower(l.since)+" "+vl.formatDate(d.Since.In(location(d.Loc)))+")",
			fmt.Sprintf("📧 %d · 📞 %d", f.Received[affaldsbot.ChannelMail], f.Received[affaldsbot.ChannelPhone])),
		field(l.answered+" / "+l.closed, fmt.Sprintf("%d / %d", f.Answered, f.Closed)),
		field(l.open, fmt.Sprintf("%s %d · %s %d · %s %d", StatusLabel(affaldsbot.StatusNew, d.Lang), f.Open[affaldsbot.StatusNew],
			StatusLabel(affaldsbot.StatusClaimed, d.Lang), f.Open[affaldsbot.StatusClaimed],
			StatusLabel(affaldsbot.StatusAnswered, d.Lang), f.Open[affaldsbot.StatusAnswered])),
	}
	if d.Ratings.Rated > 0 {
		p := locale.NewPrinter(d.Lang)
		fields = append(fields, field(p.Printf("digest_ratings_title"),
			p.Printf("digest_ratings_value", d.Ratings.Rated, d.Ratings.Satisfied, d.Ratings.Comments)))
	}
	blocks := []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, title, true, false), slack.HeaderBlockOptionBlockID("digest_header")),
		slack.NewSectionBlock(nil, fields, nil, slack.SectionBlockOptionBlockID("digest_figures")),
		textSection("digest_due", "*"+l.due+"*\n"+dueLines(d, l, vl)),
	}
	if lines := handlers.OverdueCallbackLines(d); len(lines) > 0 {
		head := "*" + locale.NewPrinter(d.Lang).Printf("callback_overdue") + "*\n• "
		blocks = append(blocks, textSection("digest_callbacks", Truncate(head+strings.Join(lines, "\n• "), MaxSectionText, "…")))
	}
	return blocks
}

// dueLines lists the enquiries near their deadline, one escaped line each
// with a link to its thread when posted.
func dueLines(d *handlers.Digest, l digestLabels, vl *labels) string {
	if len(d.Due) == 0 {
		return l.none
	}
	var b strings.Builder
	for _, it := range d.Due {
		ref := "#" + strconv.FormatInt(it.EnquiryID, 10)
		line := "• *" + ref + "* " + Truncate(EscapeLine(it.Subject), 80, "…") + " · " + vl.formatTime(it.DeadlineAt.In(location(d.Loc)))
		if it.DeadlineAt.Before(d.Now) {
			line += " (" + l.overdue + ")"
		}
		if it.Holder != "" {
			line += " · " + holderText(it.Holder, vl)
		} else {
			line += " · " + l.nobody
		}
		b.WriteString(line + "\n")
	}
	return Truncate(strings.TrimSpace(b.String()), MaxSectionText-len(l.due)-10, "…")
}
