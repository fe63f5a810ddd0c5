package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
)

// HomeView renders an adviser's App Home: their enquiries, the unclaimed
// queue (each with a claim button) and this week's figures.
func HomeView(h *handlers.Home, lang string) slack.HomeTabViewRequest {
	t := func(key string, args ...any) string { return handlers.Text(lang, key, args...) }
	if !h.Adviser {
		return homeRequest([]slack.Block{textSection("home_info", t("home_not_adviser"))})
	}
	blocks := []slack.Block{homeHeader("home_week_h", t("home_week")),
		textSection("home_week", t("home_received", h.Week.Received[affaldsbot.ChannelMail], h.Week.Received[affaldsbot.ChannelPhone])+"\n"+
			t("home_open", h.Week.Open[affaldsbot.StatusNew], h.Week.Open[affaldsbot.StatusClaimed], h.Week.Open[affaldsbot.StatusAnswered])),
		homeHeader("home_mine_h", t("home_mine"))}
	blocks = append(blocks, homeList("mine", h.Mine, lang, "")...)
	blocks = append(blocks, homeHeader("home_queue_h", t("home_queue")))
	blocks = append(blocks, homeList("queue", h.Queue, lang, ActionClaim)...)
	blocks = append(blocks, homeFailures(h.EraseFailures, lang)...)
	return homeRequest(blocks)
}

func homeRequest(blocks []slack.Block) slack.HomeTabViewRequest {
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
}

func homeHeader(blockID, text string) slack.Block {
	return slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, Truncate(text, MaxHeaderText, "…"), true, false),
		slack.HeaderBlockOptionBlockID(blockID))
}

// homeList is one section per enquiry, with a button when actionID is set.
func homeList(prefix string, es []*affaldsbot.Enquiry, lang, actionID string) []slack.Block {
	if len(es) == 0 {
		return []slack.Block{contextBlock(prefix+"_empty", handlers.Text(lang, "list_empty"))}
	}
	l := labelsFor(lang)
	var out []slack.Block
	for _, e := range es {
		var acc *slack.Accessory
		if actionID != "" {
			acc = slack.NewAccessory(slack.NewButtonBlockElement(actionID, strconv.FormatInt(e.ID, 10),
				slack.NewTextBlockObject(slack.PlainTextType, l.button(actionID), true, false)))
		}
		out = append(out, slack.NewSectionBlock(mrkdwn(EnquiryLine(e, lang)), nil, acc,
			slack.SectionBlockOptionBlockID(fmt.Sprintf("%s_%d", prefix, e.ID))))
	}
	return out
}

// EnquiryLine is one enquiry in a list: number, status, subject, citizen and
// holder, escaped.
func EnquiryLine(e *affaldsbot.Enquiry, lang string) string {
	l := labelsFor(lang)
	parts := []string{"*" + channelMarker(e.Channel) + " " + e.Ref() + "*", StatusLabel(e.Status, lang)}
	subject := strings.TrimSpace(e.Subject)
	if subject == "" {
		subject = l.noText
	}
	parts = append(parts, Truncate(EscapeLine(subject), 80, "…"))
	if c := EscapeLine(e.Citizen()); c != "" {
		parts = append(parts, Truncate(c, 60, "…"))
	}
	if e.Holder != "" {
		parts = append(parts, holderText(e.Holder, l))
	}
	return strings.Join(parts, " · ")
}

// publishHome refreshes a user's App Home.
func (r *Receiver) publishHome(ctx context.Context, user string) error {
	return r.h.PublishHome(ctx, user)
}

// PublishHome shows h as the user's App Home.
func (b *Bot) PublishHome(ctx context.Context, user string, h *handlers.Home) error {
	if _, err := b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: HomeView(h, b.lang)}); err != nil {
		return fmt.Errorf("publish home of %s: %w", user, retryable(err))
	}
	return nil
}

// homeFailures lists, for the team lead, what Slack would not delete from
// erased enquiries' threads.
func homeFailures(fs []storage.SlackEraseFailure, lang string) []slack.Block {
	if len(fs) == 0 {
		return nil
	}
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = fmt.Sprintf("#%d · %s · `%s`", f.EnquiryID, EscapeLine(f.Item), EscapeLine(f.Reason))
	}
	return []slack.Block{homeHeader("home_erase_failed_h", handlers.Text(lang, "home_erase_failed")),
		contextBlock("home_erase_failed_help", handlers.Text(lang, "home_erase_failed_help")),
		textSection("home_erase_failed", strings.Join(lines, "\n"))}
}
