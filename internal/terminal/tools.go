package terminal

import (
	"context"
	"strings"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// forward sends an enquiry on to another authority, as the forward modal
// does: "forward N DESTINATION NOTE"; without a destination it lists them.
func (c *Chat) forward(ctx context.Context, args string) error {
	id, rest, err := EnquiryArg(args, c.usageOf("forward"))
	if err != nil {
		return err
	}
	p := locale.NewPrinter(c.lang)
	dest, note, _ := strings.Cut(rest, " ")
	if dest == "" {
		var names []string
		for _, d := range c.svc.Destinations {
			names = append(names, d.Key+" ("+d.Name+" <"+d.Address+">)")
		}
		if len(names) == 0 {
			c.Print(p.Printf("forward_off"))
			return nil
		}
		c.Print(p.Printf("forward_destinations", strings.Join(names, ", ")))
		return nil
	}
	f, err := c.svc.Forward(ctx, c.user, id, dest, strings.TrimSpace(note), nil) // a typed line is never delivered again
	if err != nil {
		return err
	}
	told := "forward_done_notice"
	if !f.Notice {
		told = "forward_done_no_notice"
	}
	c.Print(p.Printf("forward_done", f.Enquiry.Ref(), f.Destination.Name, f.Destination.Address) + " " + p.Printf(told))
	return nil
}

// listAnswers shows the standard answers on offer.
func (c *Chat) listAnswers(ctx context.Context, _ string) error {
	list, err := c.svc.StandardAnswers(ctx)
	if err != nil {
		return err
	}
	p := locale.NewPrinter(c.lang)
	lines := []string{p.Printf("answers_title") + ":"}
	for _, a := range list {
		lines = append(lines, "  /"+a.Name+"  "+a.Title)
	}
	if len(list) == 0 {
		lines = append(lines, "  "+p.Printf("answers_none"))
	}
	c.Print(append(lines, p.Printf("answers_usage"))...)
	return nil
}

var _ handlers.AdviserNames = (*Chat)(nil)

// AdviserName is the name the chat shows for a user ({rådgiver}).
func (c *Chat) AdviserName(_ context.Context, user string) (string, error) {
	if n, ok := c.names[user]; ok {
		return n, nil
	}
	return "", nil
}
