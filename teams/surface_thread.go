package teams

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

// textCard is a card of a bold heading and a text of plain runs, which
// Adaptive Cards never read as markdown: a citizen's text shows as written.
func textCard(heading, body string, actions []any) map[string]any {
	var blocks []any
	if heading != "" {
		blocks = append(blocks, map[string]any{"type": "RichTextBlock", "inlines": []any{
			map[string]any{"type": "TextRun", "text": heading, "weight": "bolder"}}})
	}
	if body != "" {
		blocks = append(blocks, map[string]any{"type": "RichTextBlock", "inlines": []any{
			map[string]any{"type": "TextRun", "text": body}}})
	}
	card := map[string]any{"type": "AdaptiveCard", "$schema": CardSchema, "version": CardVersion, "body": blocks}
	if len(actions) > 0 {
		card["actions"] = actions
	}
	return card
}

// cardActivity is a message activity carrying card.
func cardActivity(card map[string]any) Activity {
	return Activity{Type: "message", Attachments: []Attachment{CardAttachment(card)}}
}

// postText posts heading and body to conversation as one card per piece of
// body (SplitText), the actions on the last, and records each piece in the
// thread under root, the first under key. It returns the first's id.
func (s *Surface) postText(ctx context.Context, conversation, root, key, heading, body string, actions []any) (string, error) {
	pieces := SplitText(body, MaxPieceBytes)
	first := ""
	for i, piece := range pieces {
		h := heading
		if len(pieces) > 1 {
			h += " " + s.p.Printf("teams_part", i+1, len(pieces))
		}
		var acts []any
		if i == len(pieces)-1 {
			acts = actions
		}
		id, err := s.cfg.Connector.SendToConversation(ctx, s.service(), conversation, cardActivity(textCard(h, piece, acts)))
		if err != nil {
			return first, err
		}
		k := ""
		if i == 0 {
			first, k = id, key
		}
		if err := s.cfg.Posts.Record(ctx, root, k, id); err != nil {
			return first, err
		}
	}
	return first, nil
}

// PostThread posts a conversation item in the root card's reply chain.
// Attachments are listed by name, type and size; their files stay in the
// database and the mailbox.
func (s *Surface) PostThread(ctx context.Context, channel, rootTS string, m *affaldsbot.Message, atts []affaldsbot.Attachment) (string, error) {
	body := m.Body
	for _, a := range atts {
		body += "\n📎 " + s.p.Printf("teams_attachment", a.Filename, a.ContentType, a.Size)
	}
	id, err := s.postText(ctx, ThreadConversation(channel, rootTS), rootTS, messageKey(m.ID), s.itemHeading(m), body, nil)
	if err != nil {
		return "", fmt.Errorf("post message %d: %w", m.ID, err)
	}
	return id, nil
}

func (s *Surface) itemHeading(m *affaldsbot.Message) string {
	switch m.Kind {
	case affaldsbot.MessageInbound:
		return "📨 " + s.p.Printf("teams_wrote", m.FromAddr)
	case affaldsbot.MessageOutbound:
		return "📤 " + s.p.Printf("teams_reply_to", m.ToAddr, s.Name(m.Author))
	case affaldsbot.MessageNote:
		return "📝 " + s.p.Printf("teams_note", s.Name(m.Author))
	case affaldsbot.MessageCallLog:
		return "📞 " + s.p.Printf("teams_call")
	}
	return "🚫 " + s.p.Printf("teams_ignored", m.Reason)
}

// FindThread finds an item's post recorded earlier.
func (s *Surface) FindThread(ctx context.Context, _, rootTS string, messageID int64) (string, bool, error) {
	return s.cfg.Posts.Find(ctx, rootTS, messageKey(messageID))
}

// PostNotice posts a text of the bot's own in the reply chain, or in the
// channel when rootTS is "".
func (s *Surface) PostNotice(ctx context.Context, channel, rootTS, text string) error {
	return s.PostMarkedNotice(ctx, channel, rootTS, "", text)
}

func noticeKey(mark string) string {
	if mark == "" {
		return ""
	}
	return "notice:" + mark
}

// PostMarkedNotice posts a notice recorded under mark (none when ""),
// which FindNotice finds again.
func (s *Surface) PostMarkedNotice(ctx context.Context, channel, rootTS, mark, text string) error {
	conv := channel
	if rootTS != "" {
		conv = ThreadConversation(channel, rootTS)
	}
	_, err := s.postText(ctx, conv, rootTS, noticeKey(mark), "", "ℹ️ "+text, nil)
	return err
}

// FindNotice reports whether a notice with mark was recorded in the thread.
func (s *Surface) FindNotice(ctx context.Context, _, rootTS, mark string) (bool, error) {
	if mark == "" {
		return false, nil
	}
	_, ok, err := s.cfg.Posts.Find(ctx, rootTS, noticeKey(mark))
	return ok, err
}

// PostMergeNotice posts a notice about merging with the command that does
// what Slack's button does: Teams' reply chains carry no buttons of ours.
func (s *Surface) PostMergeNotice(ctx context.Context, channel, rootTS string, n handlers.MergeNotice) error {
	older, newer := "#"+strconv.FormatInt(n.Older, 10), "#"+strconv.FormatInt(n.Newer, 10)
	who := s.Name(n.Actor)
	var text string
	switch n.Kind {
	case handlers.MergeSuggested:
		text = s.p.Printf("merge_suggest", older, n.Subject)
	case handlers.MergedAway:
		text = s.p.Printf("merge_done_newer", older, who)
	case handlers.MergedHere:
		text = s.p.Printf("merge_done_older", newer, who)
	case handlers.UnmergedAway:
		text = s.p.Printf("merge_undone_newer", who, newer)
	default:
		text = s.p.Printf("merge_undone_older", newer, who)
	}
	return s.PostMarkedNotice(ctx, channel, rootTS, n.Mark, "🔗 "+text)
}

// PostReplyFailed shows a reply that could not be sent; the root card's
// reply button sends it again.
func (s *Surface) PostReplyFailed(ctx context.Context, channel, rootTS string, f handlers.FailedReply) error {
	return s.PostNotice(ctx, channel, rootTS, handlers.Text(s.p.Lang(), "reply_failed", f.Enquiry, f.To, f.Reason))
}

// PostDraft posts a draft's card in the reply chain.
func (s *Surface) PostDraft(ctx context.Context, channel, rootTS string, d handlers.DraftView) (string, error) {
	id, err := s.cfg.Connector.SendToConversation(ctx, s.service(), ThreadConversation(channel, rootTS), cardActivity(s.draftCard(d)))
	if err != nil {
		return "", fmt.Errorf("post draft %d: %w", d.DraftID, err)
	}
	return id, s.cfg.Posts.Record(ctx, rootTS, "", id)
}

// UpdateDraft changes the draft's card in place. channel is the reply
// chain's conversation only Teams knows, so the draft's id is looked up
// with the thread it was recorded in.
func (s *Surface) UpdateDraft(ctx context.Context, channel, ts string, d handlers.DraftView) error {
	conv := channel
	if !strings.Contains(channel, ";messageid=") {
		root, ok, err := s.cfg.Posts.Root(ctx, ts)
		if err != nil {
			return err
		}
		if ok {
			conv = ThreadConversation(channel, root)
		}
	}
	if _, err := s.cfg.Connector.UpdateActivity(ctx, s.service(), conv, ts, cardActivity(s.draftCard(d))); err != nil {
		return fmt.Errorf("update draft %d: %w", d.DraftID, err)
	}
	return nil
}

// draftCard shows a draft: its text in plain runs, its sources, and on a
// ready draft the button that opens the reply dialog with it.
func (s *Surface) draftCard(d handlers.DraftView) map[string]any {
	var heading, body string
	var actions []any
	switch d.State {
	case handlers.DraftStale:
		heading = s.p.Printf("teams_draft_stale", d.Number)
	case handlers.DraftDiscarded:
		heading = s.p.Printf("teams_draft_discarded", d.Number)
	case handlers.DraftFailed:
		heading, body = s.p.Printf("teams_draft_failed", d.Number), d.Error
	case handlers.DraftReady:
		from := s.p.Printf("teams_draft_model")
		if d.FromGuidance {
			from = s.p.Printf("teams_draft_guidance")
		}
		heading, body = s.p.Printf("teams_draft_ready", d.Number, from), d.Text
		for _, src := range d.Sources {
			body += "\n" + s.p.Printf("teams_source", strings.TrimSpace(src.Title+" "+src.URL))
		}
		actions = []any{map[string]any{"type": "Action.Submit", "title": s.p.Printf("teams_use_draft"),
			"data": map[string]any{"msteams": map[string]any{"type": "task/fetch"}, "verb": VerbReply, "enquiry": "#" + strconv.FormatInt(d.EnquiryID, 10)}}}
	default:
		heading = s.p.Printf("teams_draft_writing", d.Number)
	}
	if pieces := SplitText(body, MaxPieceBytes); len(pieces) > 1 {
		body = pieces[0] + "\n" + s.p.Printf("teams_cut")
	}
	return textCard("✏️ "+heading, body, actions)
}

// PostRating posts a citizen's rating in the reply chain.
func (s *Surface) PostRating(ctx context.Context, channel, rootTS string, v handlers.RatingView) (string, error) {
	id, err := s.postText(ctx, ThreadConversation(channel, rootTS), rootTS, ratingKey(v.NoticeID), "", handlers.RatingText(v), nil)
	if err != nil {
		return "", fmt.Errorf("post rating %d: %w", v.NoticeID, err)
	}
	return id, nil
}

// FindRating finds a rating's post recorded earlier.
func (s *Surface) FindRating(ctx context.Context, _, rootTS string, noticeID int64) (string, bool, error) {
	return s.cfg.Posts.Find(ctx, rootTS, ratingKey(noticeID))
}

// EraseThread deletes every activity the bot posted in the reply chain that
// is on record, carrying on past each one Teams will not delete.
func (s *Surface) EraseThread(ctx context.Context, channel, rootTS string) (handlers.ThreadErasure, error) {
	ids, err := s.cfg.Posts.Thread(ctx, rootTS)
	if err != nil {
		return handlers.ThreadErasure{}, err
	}
	var res handlers.ThreadErasure
	var gone []string
	for _, id := range ids {
		err := s.cfg.Connector.DeleteActivity(ctx, s.service(), ThreadConversation(channel, rootTS), id)
		var api *APIError
		switch {
		case err == nil:
			res.Messages++
			gone = append(gone, id)
		case errors.As(err, &api) && api.Status == http.StatusNotFound: // already gone
			gone = append(gone, id)
		default:
			res.Failed = append(res.Failed, handlers.EraseFailed{Item: "message " + id, Reason: err.Error()})
		}
	}
	return res, s.cfg.Posts.Forget(ctx, rootTS, gone)
}
