package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// command takes `/affald …`; the answer follows the acknowledgement.
func (r *Receiver) command(c *slack.SlashCommand) {
	word, rest, _ := strings.Cut(strings.TrimSpace(c.Text), " ")
	switch strings.ToLower(word) {
	case "videresend", "forward": // a modal: needs the command's trigger
		r.later("command", func(ctx context.Context) error { return r.forwardCommand(ctx, c, rest) })
		return
	case "standardsvar", "answers":
		r.later("command", func(ctx context.Context) error { return r.answersCommand(ctx, c, rest) })
		return
	}
	r.later("command", func(ctx context.Context) error {
		return r.answer(ctx, c.UserID, c.ChannelID, c.ResponseURL, c.Text)
	})
}

// answer shows the user alone the answer to a command; when the bot cannot
// post in the channel it answers through the command's response URL.
func (r *Receiver) answer(ctx context.Context, user, channel, responseURL, text string) error {
	out, err := r.commandText(ctx, user, channel, text)
	if err != nil || out == "" {
		return err // "": the answer was posted where everyone sees it
	}
	err = r.bot.Ephemeral(ctx, channel, user, out)
	if err != nil && responseURL != "" {
		_, _, err = r.bot.api.PostMessageContext(ctx, channel, slack.MsgOptionText(out, false),
			slack.MsgOptionResponseURL(responseURL, slack.ResponseTypeEphemeral))
	}
	return err
}

func (r *Receiver) commandText(ctx context.Context, user, channel, text string) (string, error) {
	word, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	if fn := r.commands[strings.ToLower(word)]; fn != nil {
		return r.userText(fn(ctx, user, channel, strings.TrimSpace(rest)))
	}
	l, err := r.h.Command(ctx, user, text)
	if err != nil {
		return r.userText("", err)
	}
	return RenderListing(l, r.bot.lang), nil
}

// userText turns a refusal or a mistake into the text for the user; only
// internal errors stay errors.
func (r *Receiver) userText(text string, err error) (string, error) {
	if err != nil && affaldsbot.ErrorCode(err) != affaldsbot.EINTERNAL {
		return affaldsbot.ErrorText(r.bot.printer(), err), nil
	}
	return text, err
}

// RenderListing is a command's answer as mrkdwn: a bold title and one
// escaped line per enquiry.
func RenderListing(l *handlers.Listing, lang string) string {
	var b strings.Builder
	if l.Title != "" {
		fmt.Fprintf(&b, "*%s*\n", EscapeLine(l.Title))
	}
	for _, e := range l.Enquiries {
		b.WriteString("• " + EnquiryLine(e, lang) + "\n")
	}
	if l.More {
		b.WriteString("_" + handlers.Text(lang, "list_more") + "_\n")
	}
	b.WriteString(l.Text)
	return Truncate(strings.TrimSpace(b.String()), MaxPostText, "…")
}
