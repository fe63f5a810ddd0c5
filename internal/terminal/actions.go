package terminal

import (
	"context"
	"strings"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/stats"
)

// actOn is claim, release, close or reopen: the root's buttons.
func actOn(action string) func(*Chat, context.Context, string) error {
	return func(c *Chat, ctx context.Context, args string) error {
		id, _, err := EnquiryArg(args, c.usageOf(action))
		if err != nil {
			return err
		}
		e, err := c.svc.Act(ctx, c.user, id, action, "")
		if err != nil {
			return err
		}
		c.Print(c.t("done", e.Ref(), c.statusLine(e)))
		return nil
	}
}

// reply sends TEXT to the citizen, as the reply modal does.
func (c *Chat) reply(ctx context.Context, args string) error {
	id, text, err := EnquiryArg(args, c.usageOf("reply"))
	if err != nil {
		return err
	} else if text == "" {
		return UsageError(c.usageOf("reply"))
	}
	return c.sendReply(ctx, id, text)
}

func (c *Chat) sendReply(ctx context.Context, id int64, text string) error {
	text, answer, err := c.svc.ExpandAnswer(ctx, c.user, id, text) // "reply N /pap" as "svar: /pap" in the thread
	if err != nil {
		return err
	}
	if answer != "" {
		c.Print(c.bodyLines(id, text, 0)...)
	}
	m, err := c.svc.ReplyWith(ctx, c.user, id, text, answer, nil) // a typed line has no key to be delivered again by
	if err != nil {
		return err
	}
	c.Print("✔ " + handlers.Text(c.lang, "reply_queued", "#"+itoa(id), m.ToAddr))
	return nil
}

// draft asks for a draft, as the draft button does.
func (c *Chat) draft(ctx context.Context, args string) error {
	id, _, err := EnquiryArg(args, c.usageOf("draft"))
	if err != nil {
		return err
	}
	if err := c.svc.RequestDraft(ctx, c.user, id); err != nil {
		return err
	}
	c.Print(c.t("drafting", "#"+itoa(id)))
	return nil
}

// useDraft shows the newest ready draft and sends it as the reply: the
// adviser pressing send on the prefilled reply form.
func (c *Chat) useDraft(ctx context.Context, args string) error {
	id, _, err := EnquiryArg(args, c.usageOf("use"))
	if err != nil {
		return err
	}
	if err := c.svc.CanReply(ctx, c.user, id); err != nil { // a call without an address: said before anything else
		return err
	}
	draftID, ok := c.latestDraft(id)
	if !ok {
		c.Print(c.t("no_draft", "#"+itoa(id), id))
		return nil
	}
	body, enquiryID, err := c.svc.DraftForReply(ctx, c.user, draftID)
	if err != nil {
		return err
	}
	c.Print(append([]string{c.t("sending_draft", "#"+itoa(enquiryID))}, c.bodyLines(enquiryID, body, 0)...)...)
	return c.sendReply(ctx, enquiryID, body)
}

// note keeps an internal note, as a thread message without "svar:" does.
func (c *Chat) note(ctx context.Context, args string) error {
	id, text, err := EnquiryArg(args, c.usageOf("note"))
	if err != nil {
		return err
	} else if text == "" {
		return UsageError(c.usageOf("note"))
	}
	if err := c.svc.Note(ctx, c.user, id, text, ""); err != nil {
		return err
	}
	c.Print(c.t("noted", "#"+itoa(id)))
	return nil
}

// show prints an enquiry's whole thread.
func (c *Chat) show(ctx context.Context, args string) error {
	id, _, err := EnquiryArg(args, c.usageOf("show"))
	if err != nil {
		return err
	}
	if err := c.svc.Authorize(ctx, c.user); err != nil {
		return err
	}
	e, err := c.svc.DB.GetEnquiry(ctx, id)
	if err != nil {
		return err
	}
	msgs, err := c.svc.DB.Messages(ctx, id)
	if err != nil {
		return err
	}
	lines := c.rootLines(handlers.RootView{Enquiry: e})[:1]
	for _, m := range msgs {
		atts, err := c.svc.DB.Attachments(ctx, m.ID)
		if err != nil {
			return err
		}
		lines = append(lines, c.itemLines(id, m, atts, 0)...)
	}
	c.Print(lines...)
	return nil
}

// listing is `/affald open|mine|find TEXT`.
func listing(word string) func(*Chat, context.Context, string) error {
	return func(c *Chat, ctx context.Context, args string) error {
		l, err := c.svc.Command(ctx, c.user, strings.TrimSpace(word+" "+args))
		if err != nil {
			return err
		}
		lines := []string{}
		if l.Title != "" {
			lines = append(lines, l.Title+":")
		}
		for _, e := range l.Enquiries {
			lines = append(lines, "  "+c.rootLines(handlers.RootView{Enquiry: e})[0])
		}
		if l.Text != "" {
			lines = append(lines, c.plain(l.Text))
		}
		if l.More {
			lines = append(lines, handlers.Text(c.lang, "list_more"))
		}
		c.Print(lines...)
		return nil
	}
}

// stats prints the team's figures for a period (this month by default).
func (c *Chat) stats(ctx context.Context, args string) error {
	a, err := c.svc.Stats(ctx, c.user, args, false)
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := stats.WriteText(&b, a.Report, c.lang); err != nil {
		return err
	}
	c.Print(strings.TrimRight(b.String(), "\n"))
	return nil
}
