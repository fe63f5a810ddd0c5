package slacktest

import "slices"

func init() {
	handlers["chat.delete"] = (*Server).deleteMessage
	handlers["files.delete"] = (*Server).deleteFile
}

// PostAs stores a message a person wrote, as Slack would after they typed
// it: in the thread of threadTS when that is not "". It returns its ts.
func (s *Server) PostAs(user, channel, threadTS, text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &Message{Channel: channel, TS: s.nextTS(), Text: text, User: user}
	if root := s.find(channel, threadTS); root != nil {
		m.ThreadTS = rootTS(root)
	}
	s.store(m)
	s.notify()
	return m.TS
}

// deleteMessage is chat.delete with a bot token: only the bot's own
// messages. A root with replies leaves a tombstone, as in Slack.
func (s *Server) deleteMessage(a args) (any, *apiError) {
	ch, ts := a.str("channel"), a.str("ts")
	if err := s.checkChannel(ch); err != nil {
		return nil, err
	}
	m := s.find(ch, ts)
	switch {
	case m == nil:
		return nil, &apiError{code: "message_not_found"}
	case m.User != "" || m.SubType == "tombstone":
		return nil, &apiError{code: "cant_delete_message"}
	}
	if !m.IsReply() && len(s.replies[ch+"/"+m.TS]) > 0 {
		m.Text, m.Blocks, m.Metadata, m.Files, m.SubType = "This message was deleted.", nil, nil, nil, "tombstone"
	} else {
		s.remove(m)
	}
	return map[string]any{"ok": true, "channel": ch, "ts": ts}, nil
}

// remove forgets a message; s.mu must be held.
func (s *Server) remove(m *Message) {
	not := func(x *Message) bool { return x == m }
	s.messages[m.Channel] = slices.DeleteFunc(s.messages[m.Channel], not)
	delete(s.index, m.Channel+"/"+m.TS)
	if m.IsReply() {
		key := m.Channel + "/" + m.ThreadTS
		s.replies[key] = slices.DeleteFunc(s.replies[key], not)
	}
}

// deleteFile is files.delete: every file of the fake was uploaded by the
// bot. Slack drops the file from the messages that shared it, and a file
// share left with neither files nor text disappears.
func (s *Server) deleteFile(a args) (any, *apiError) {
	id := a.str("file")
	if s.files[id] == nil {
		return nil, &apiError{code: "file_not_found"}
	}
	delete(s.files, id)
	for _, msgs := range s.messages {
		for _, m := range slices.Clone(msgs) {
			s.unshare(m, id)
		}
	}
	return map[string]any{"ok": true}, nil
}

// unshare drops file id from message m; s.mu must be held.
func (s *Server) unshare(m *Message, id string) {
	n := len(m.Files)
	m.Files = slices.DeleteFunc(m.Files, func(f FileRef) bool { return f.ID == id })
	if n != len(m.Files) && len(m.Files) == 0 && m.SubType == "file_share" && m.Text == "" {
		s.remove(m)
	}
}
