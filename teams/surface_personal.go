package teams

import (
	"context"
	"fmt"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// personalChat returns the user's personal chat with the bot, starting it
// when needed (the app must be installed for the user; Teams allows a bot
// to start a chat by the user's Entra object id in the personal scope only).
func (s *Surface) personalChat(ctx context.Context, user string) (string, error) {
	s.mu.Lock()
	conv, ok := s.chats[user]
	s.mu.Unlock()
	if ok {
		return conv, nil
	}
	p := ConversationParameters{Bot: Account{ID: "28:" + s.cfg.AppID},
		Members:  []Account{{ID: user, AADObjectID: user}},
		TenantID: s.cfg.TenantID}
	if s.cfg.TenantID != "" {
		p.ChannelData = map[string]any{"tenant": map[string]any{"id": s.cfg.TenantID}}
	}
	conv, err := s.cfg.Connector.CreateConversation(ctx, s.service(), p)
	if err != nil {
		return "", fmt.Errorf("personal chat: %w", err)
	}
	s.RememberChat(user, conv)
	return conv, nil
}

// RememberChat keeps the personal chat a user wrote to the bot in.
func (s *Surface) RememberChat(user, conversation string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chats[user] = conversation
}

// Ephemeral tells one user in their personal chat with the bot: Teams has
// no message shown to one member of a channel.
func (s *Surface) Ephemeral(ctx context.Context, _, user, text string) error {
	conv, err := s.personalChat(ctx, user)
	if err != nil {
		return err
	}
	_, err = s.postText(ctx, conv, "", "", "", text, nil)
	return err
}

// PublishHome shows the user's overview as one card in their personal chat,
// updated in place while this process runs and only when it changed.
func (s *Surface) PublishHome(ctx context.Context, user string, h *handlers.Home) error {
	card := s.homeCard(h)
	shown := fmt.Sprint(card)
	s.mu.Lock()
	last, ok := s.homes[user]
	s.mu.Unlock()
	if ok && last.shown == shown {
		return nil
	}
	conv, err := s.personalChat(ctx, user)
	if err != nil {
		return err
	}
	if ok {
		if _, err := s.cfg.Connector.UpdateActivity(ctx, s.service(), conv, last.id, cardActivity(card)); err != nil {
			return fmt.Errorf("update home: %w", err)
		}
		last.shown = shown
	} else {
		id, err := s.cfg.Connector.SendToConversation(ctx, s.service(), conv, cardActivity(card))
		if err != nil {
			return fmt.Errorf("post home: %w", err)
		}
		last = home{id: id, shown: shown}
	}
	s.mu.Lock()
	s.homes[user] = last
	s.mu.Unlock()
	return nil
}

// homeLines is the most enquiries a list of the overview names.
const homeLines = 20

func (s *Surface) homeCard(h *handlers.Home) map[string]any {
	if !h.Adviser {
		return textCard(s.p.Printf("teams_home_title"), s.p.Printf("teams_home_not_adviser"), nil)
	}
	var b strings.Builder
	for _, part := range []struct {
		key  string
		list []*affaldsbot.Enquiry
	}{{"teams_home_mine", h.Mine}, {"teams_home_queue", h.Queue}} {
		b.WriteString(s.p.Printf(part.key, len(part.list)) + "\n")
		for i, e := range part.list {
			if i == homeLines {
				b.WriteString("…\n")
				break
			}
			b.WriteString("  " + e.Ref() + " " + oneLine(e.Subject, 60) + " · " + s.p.Printf("teams_status_"+string(e.Status)) + "\n")
		}
	}
	return textCard(s.p.Printf("teams_home_title"), strings.TrimRight(b.String(), "\n"), nil)
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// PostDigest posts the daily digest to the channel.
func (s *Surface) PostDigest(ctx context.Context, channel string, d *handlers.Digest) error {
	text := handlers.DigestText(d)
	for _, due := range d.Due {
		text += "\n⏰ #" + fmt.Sprint(due.EnquiryID) + " " + oneLine(due.Subject, 60) + " – " +
			handlers.FormatDeadline(due.DeadlineAt.In(s.cfg.Location), s.p.Lang())
	}
	_, err := s.postText(ctx, channel, "", "", "📰", text, nil)
	return err
}

// PostInsights sends the weekly report to a lead's personal chat.
func (s *Surface) PostInsights(ctx context.Context, lead string, w *handlers.WeeklyInsights) error {
	conv, err := s.personalChat(ctx, lead)
	if err != nil {
		return err
	}
	_, err = s.postText(ctx, conv, "", "", "", handlers.InsightsText(w), nil)
	return err
}
