package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/storage"
)

// ThreadPost is a message an adviser wrote in an enquiry's thread, its text
// already turned from Slack's markup into plain text.
type ThreadPost struct {
	Channel  string
	ThreadTS string // the root message's ts
	TS       string // the message's own ts
	User     string
	Text     string
	Origin   Origin // the delivery's own keys (envelope, event); the message's are added
}

// replyPrefixes mark a thread message that is to be sent to the citizen.
var replyPrefixes = []string{"svar:", "reply:"}

// ThreadMessage handles an adviser's message in an enquiry's thread: one that
// starts with "svar:" or "reply:" is sent to the citizen (prefix removed),
// any other is kept as an internal note. A reply is sent once however often
// Slack delivers the message. Messages outside enquiry threads are ignored,
// and so is the talk of people who are not advisers; their `svar:` is refused
// (docs/slack.md).
func (s *Service) ThreadMessage(ctx context.Context, p ThreadPost) error {
	id, ok, err := s.DB.EnquiryBySlackTS(ctx, p.Channel, p.ThreadTS)
	if err != nil || !ok || p.ThreadTS == p.TS {
		return err
	}
	body, isReply := cutReplyPrefix(p.Text)
	if isReply {
		text, answer, err := s.ExpandAnswer(ctx, p.User, id, body)
		if err != nil {
			return err
		}
		_, err = s.ReplyWith(ctx, p.User, id, text, answer, MessageOrigin(p.Channel, p.TS).With(p.Origin))
		return err
	}
	if adviser, err := s.mayAct(ctx, p.User); err != nil || !adviser {
		return err
	}
	return s.Note(ctx, p.User, id, p.Text, p.TS)
}

func cutReplyPrefix(text string) (string, bool) {
	t := strings.TrimLeft(text, " \t\r\n")
	for _, p := range replyPrefixes {
		if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) {
			return strings.TrimSpace(t[len(p):]), true
		}
	}
	return "", false
}

// Note keeps an adviser's internal note; it is never sent to the citizen. A
// note written in Slack keeps its ts there (slackTS), so it is stored once
// and not posted again; a note from elsewhere ("") is posted to the thread.
func (s *Service) Note(ctx context.Context, user string, id int64, text, slackTS string) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if err := s.Authorize(ctx, user); err != nil {
		return err
	}
	err := s.inTx(ctx, func(tx *storage.Tx) error {
		if _, err := tx.LockEnquiry(ctx, id); err != nil {
			return err
		}
		if slackTS != "" {
			if seen, err := tx.SlackMessageStored(ctx, id, slackTS); err != nil || seen {
				return err
			}
		}
		return s.insertNote(ctx, tx, user, id, text, slackTS)
	})
	if err != nil {
		return fmt.Errorf("note on enquiry %d: %w", id, err)
	}
	return nil
}

func (s *Service) insertNote(ctx context.Context, tx *storage.Tx, user string, id int64, text, slackTS string) error {
	now := tx.Now()
	m := &affaldsbot.Message{EnquiryID: &id, Body: text, Author: user, ReceivedAt: now}
	if err := tx.InsertNote(ctx, m, slackTS); err != nil {
		return err
	}
	if slackTS == "" {
		tx.Enqueue(SyncSlackArgs{EnquiryID: id})
	}
	return tx.AddEvents(ctx, affaldsbot.Event{EnquiryID: id, Type: affaldsbot.EventNoted, Actor: user, At: now,
		Payload: map[string]string{"message_id": fmt.Sprint(m.ID)}})
}
