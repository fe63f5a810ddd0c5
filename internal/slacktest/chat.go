package slacktest

import (
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// Message is one message as the server holds it: a root or a thread reply.
type Message struct {
	Channel  string
	TS       string
	ThreadTS string // "" for a root without replies' context; the root's ts for a reply
	Text     string
	Blocks   json.RawMessage // nil when posted without blocks
	Metadata *Metadata
	SubType  string    // "file_share" for a file shared into the channel
	Files    []FileRef // files shared with the message
	Edits    int       // how many times chat.update changed it
	User     string    // the person who wrote it; "" for the bot itself
}

// IsReply reports whether the message sits in a thread under another one.
func (m Message) IsReply() bool { return m.ThreadTS != "" && m.ThreadTS != m.TS }

// Metadata is message metadata as Slack stores it.
type Metadata struct {
	EventType    string         `json:"event_type"`
	EventPayload map[string]any `json:"event_payload"`
}

// Ephemeral is a message only one user saw.
type Ephemeral struct {
	Channel, User, TS, ThreadTS, Text string
	Blocks                            json.RawMessage
}

func (s *Server) postMessage(a args) (any, *apiError) {
	ch := a.str("channel")
	if err := s.checkChannel(ch); err != nil {
		return nil, err
	}
	m, err := s.content(a, "message.text")
	if err != nil {
		return nil, err
	}
	if t := a.str("thread_ts"); t != "" {
		root := s.find(ch, t)
		if root == nil {
			return nil, &apiError{code: "thread_not_found"}
		}
		m.ThreadTS = rootTS(root)
	}
	m.Channel, m.TS = ch, s.nextTS()
	s.store(m)
	return map[string]any{"ok": true, "channel": ch, "ts": m.TS, "message": s.render(m, true)}, nil
}

func (s *Server) update(a args) (any, *apiError) {
	ch := a.str("channel")
	if err := s.checkChannel(ch); err != nil {
		return nil, err
	}
	m := s.find(ch, a.str("ts"))
	if m == nil {
		return nil, &apiError{code: "message_not_found"}
	}
	next, err := s.content(a, "update.text")
	if err != nil {
		return nil, err
	}
	m.Text = next.Text
	if _, ok := a["blocks"]; ok {
		m.Blocks = next.Blocks
	}
	if next.Metadata != nil {
		m.Metadata = next.Metadata
	}
	m.Edits++
	return map[string]any{"ok": true, "channel": ch, "ts": m.TS, "text": m.Text, "message": s.render(m, true)}, nil
}

func (s *Server) postEphemeral(a args) (any, *apiError) {
	ch := a.str("channel")
	if err := s.checkChannel(ch); err != nil {
		return nil, err
	}
	if a.str("user") == "" {
		return nil, &apiError{code: "user_not_found"}
	}
	m, err := s.content(a, "message.text")
	if err != nil {
		return nil, err
	}
	e := Ephemeral{Channel: ch, User: a.str("user"), TS: s.nextTS(), ThreadTS: a.str("thread_ts"), Text: m.Text, Blocks: m.Blocks}
	s.ephemerals = append(s.ephemerals, e)
	return map[string]any{"ok": true, "message_ts": e.TS}, nil
}

// content reads and checks text, blocks and metadata of a message; textLimit
// names the limit on its text.
func (s *Server) content(a args, textLimit string) (*Message, *apiError) {
	m := &Message{Text: a.str("text")}
	blocks := a.str("blocks")
	switch {
	case m.Text == "" && (blocks == "" || blocks == "[]"):
		return nil, &apiError{code: "no_text"}
	case lim(textLimit).check(utf8.RuneCountInString(m.Text)) != nil:
		return nil, &apiError{code: "msg_too_long", detail: "text is longer than " + lim(textLimit).String()}
	}
	if blocks != "" {
		if err := checkBlocks(blocks, "message.blocks", false, s.blockTextCap()); err != nil {
			return nil, err
		}
		m.Blocks = json.RawMessage(blocks)
	}
	md, err := parseMetadata(a.str("metadata"))
	m.Metadata = md
	return m, err
}

func parseMetadata(raw string) (*Metadata, *apiError) {
	if raw == "" {
		return nil, nil
	}
	var md Metadata
	if err := json.Unmarshal([]byte(raw), &md); err != nil {
		return nil, &apiError{code: "invalid_metadata_format", detail: err.Error()}
	}
	if md.EventType == "" {
		return nil, &apiError{code: "invalid_metadata_schema", detail: "event_type is required"}
	}
	return &md, nil
}

func (s *Server) blockTextCap() int {
	if s.opts.BlockTextCap > 0 {
		return s.opts.BlockTextCap
	}
	return lim("message.block_text").Max
}

func (s *Server) checkChannel(ch string) *apiError {
	if ch == "" || (len(s.opts.Channels) > 0 && !slices.Contains(s.opts.Channels, ch)) {
		return &apiError{code: "channel_not_found"}
	}
	return nil
}

// store keeps a new message; s.mu must be held.
func (s *Server) store(m *Message) {
	s.messages[m.Channel] = append(s.messages[m.Channel], m)
	s.index[m.Channel+"/"+m.TS] = m
	if m.IsReply() {
		s.replies[m.Channel+"/"+m.ThreadTS] = append(s.replies[m.Channel+"/"+m.ThreadTS], m)
	}
}

// find returns the message with ts in channel, nil when there is none.
func (s *Server) find(ch, ts string) *Message {
	return s.index[ch+"/"+ts]
}

// rootTS is the ts of the thread a message belongs to or starts.
func rootTS(m *Message) string {
	if m.IsReply() {
		return m.ThreadTS
	}
	return m.TS
}
