package slacktest

import (
	"encoding/base64"
	"strconv"
	"strings"
)

const (
	defaultPageSize = 100
	maxPageSize     = 999
	botID           = "B0000TEST"
)

func (s *Server) conversationHistory(a args) (any, *apiError) {
	ch := a.str("channel")
	if err := s.checkChannel(ch); err != nil {
		return nil, err
	}
	var roots []*Message
	msgs := s.messages[ch]
	for i := len(msgs) - 1; i >= 0; i-- { // newest first, as Slack answers
		if !msgs[i].IsReply() && inWindow(msgs[i].TS, a) {
			roots = append(roots, msgs[i])
		}
	}
	return s.page(roots, a)
}

func (s *Server) conversationReplies(a args) (any, *apiError) {
	ch := a.str("channel")
	if err := s.checkChannel(ch); err != nil {
		return nil, err
	}
	m := s.find(ch, a.str("ts"))
	if m == nil {
		return nil, &apiError{code: "thread_not_found"}
	}
	root := s.find(ch, rootTS(m))
	thread := []*Message{root}
	for _, r := range s.replies[ch+"/"+root.TS] {
		if inWindow(r.TS, a) {
			thread = append(thread, r)
		}
	}
	return s.page(thread, a)
}

// page answers one page of msgs with Slack's cursor pagination. The cursor
// names the last message given out, so new posts do not shift later pages.
func (s *Server) page(msgs []*Message, a args) (any, *apiError) {
	start, ok := cursorStart(msgs, a.str("cursor"))
	if !ok {
		return nil, &apiError{code: "invalid_cursor"}
	}
	limit := min(max(a.num("limit", defaultPageSize), 1), maxPageSize)
	end := min(start+limit, len(msgs))
	out := make([]map[string]any, 0, end-start)
	for _, m := range msgs[start:end] {
		out = append(out, s.render(m, a.flag("include_all_metadata")))
	}
	next := ""
	if end < len(msgs) {
		next = base64.StdEncoding.EncodeToString([]byte("next_ts:" + msgs[end-1].TS))
	}
	return map[string]any{
		"ok": true, "messages": out, "has_more": next != "", "pin_count": 0,
		"response_metadata": map[string]any{"next_cursor": next},
	}, nil
}

// cursorStart is the index after the message the cursor names.
func cursorStart(msgs []*Message, cursor string) (int, bool) {
	if cursor == "" {
		return 0, true
	}
	b, err := base64.StdEncoding.DecodeString(cursor)
	ts, found := strings.CutPrefix(string(b), "next_ts:")
	if err != nil || !found {
		return 0, false
	}
	for i, m := range msgs {
		if m.TS == ts {
			return i + 1, true
		}
	}
	return 0, false
}

// render is a message as the Web API shows it.
func (s *Server) render(m *Message, withMetadata bool) map[string]any {
	out := map[string]any{
		"type": "message", "user": s.botUserID(), "bot_id": botID, "text": m.Text, "ts": m.TS,
		"team": s.teamID(),
	}
	if m.User != "" {
		out["user"] = m.User
		delete(out, "bot_id")
	}
	if m.SubType != "" {
		out["subtype"] = m.SubType
	}
	if m.Blocks != nil {
		out["blocks"] = m.Blocks
	}
	if withMetadata && m.Metadata != nil {
		out["metadata"] = m.Metadata
	}
	if len(m.Files) > 0 {
		out["files"] = m.Files
	}
	if m.Edits > 0 {
		out["edited"] = map[string]any{"user": s.botUserID(), "ts": m.TS}
	}
	s.threadFields(m, out)
	return out
}

func (s *Server) threadFields(m *Message, out map[string]any) {
	if m.IsReply() {
		out["thread_ts"] = m.ThreadTS
		out["parent_user_id"] = s.botUserID()
		return
	}
	if rs := s.replies[m.Channel+"/"+m.TS]; len(rs) > 0 {
		out["thread_ts"] = m.TS
		out["reply_count"] = len(rs)
		out["latest_reply"] = rs[len(rs)-1].TS
	}
}

// inWindow applies oldest, latest and inclusive to a ts.
func inWindow(ts string, a args) bool {
	t := parseTS(ts)
	incl := a.flag("inclusive")
	if o := a.str("oldest"); o != "" && (t < parseTS(o) || (!incl && t == parseTS(o))) {
		return false
	}
	if l := a.str("latest"); l != "" && (t > parseTS(l) || (!incl && t == parseTS(l))) {
		return false
	}
	return true
}

// parseTS turns "1700000000.000123" into microseconds; 0 when malformed.
func parseTS(ts string) int64 {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return 0
	}
	frac = (frac + "000000")[:6]
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0
	}
	return s*1e6 + f
}
