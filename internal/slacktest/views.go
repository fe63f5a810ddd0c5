package slacktest

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// View is a modal or App Home view as the server holds it.
type View struct {
	ID              string
	Type            string // "modal" or "home"
	Method          string // the call that created it: views.open or views.publish
	TriggerID       string // views.open
	UserID          string // views.publish
	ExternalID      string
	CallbackID      string
	PrivateMetadata string
	Blocks          json.RawMessage
	JSON            json.RawMessage // the view as last sent
	Updates         int             // how many times views.update or a new publish changed it
}

// viewFields is the part of a view the server reads.
type viewFields struct {
	Type            string          `json:"type"`
	Title           json.RawMessage `json:"title"`
	CallbackID      string          `json:"callback_id"`
	PrivateMetadata string          `json:"private_metadata"`
	ExternalID      string          `json:"external_id"`
	Blocks          json.RawMessage `json:"blocks"`
}

func (s *Server) viewsOpen(a args) (any, *apiError) {
	if a.str("trigger_id") == "" {
		return nil, &apiError{code: "invalid_arguments", detail: "missing required field: trigger_id"}
	}
	v, err := parseView(a.str("view"), "modal")
	if err != nil {
		return nil, err
	}
	v.ID, v.Method, v.TriggerID = s.newID("V"), "views.open", a.str("trigger_id")
	s.views = append(s.views, v)
	return viewResponse(v), nil
}

func (s *Server) viewsUpdate(a args) (any, *apiError) {
	i := s.findView(a.str("view_id"), a.str("external_id"))
	if i < 0 {
		return nil, &apiError{code: "not_found"}
	}
	v, err := parseView(a.str("view"), s.views[i].Type)
	if err != nil {
		return nil, err
	}
	old := s.views[i]
	v.ID, v.Method, v.TriggerID, v.UserID, v.Updates = old.ID, old.Method, old.TriggerID, old.UserID, old.Updates+1
	s.views[i] = v
	return viewResponse(v), nil
}

func (s *Server) viewsPublish(a args) (any, *apiError) {
	user := a.str("user_id")
	if user == "" {
		return nil, &apiError{code: "invalid_arguments", detail: "missing required field: user_id"}
	}
	v, err := parseView(a.str("view"), "home")
	if err != nil {
		return nil, err
	}
	v.ID, v.Method, v.UserID = s.newID("V"), "views.publish", user
	for i, old := range s.views {
		if old.Method == "views.publish" && old.UserID == user {
			v.ID, v.Updates = old.ID, old.Updates+1
			s.views[i] = v
			return viewResponse(v), nil
		}
	}
	s.views = append(s.views, v)
	return viewResponse(v), nil
}

func (s *Server) findView(id, externalID string) int {
	for i, v := range s.views {
		if (id != "" && v.ID == id) || (externalID != "" && v.ExternalID == externalID) {
			return i
		}
	}
	return -1
}

// parseView checks a view as Slack does: its type, a modal's title, the
// length of its fields and its blocks.
func parseView(raw, wantType string) (View, *apiError) {
	var f viewFields
	if err := json.Unmarshal([]byte(raw), &f); err != nil {
		return View{}, &apiError{code: "invalid_arguments", detail: "view: " + err.Error()}
	}
	if f.Type != wantType {
		return View{}, &apiError{code: "invalid_arguments", detail: fmt.Sprintf("view type %q, want %q", f.Type, wantType)}
	}
	c := &checker{inView: true, blockIDs: map[string]bool{}}
	if f.Type == "modal" {
		if err := c.textObj(rawAny(f.Title), 24, "plain_text"); err != nil {
			return View{}, &apiError{code: "invalid_arguments", detail: "title: " + err.detail}
		}
	}
	if utf8.RuneCountInString(f.PrivateMetadata) > 3000 || utf8.RuneCountInString(f.CallbackID) > MaxID {
		return View{}, &apiError{code: "invalid_arguments", detail: "private_metadata or callback_id too long"}
	}
	if err := checkBlocks(string(f.Blocks), MaxViewBlocks, true, 0); err != nil {
		return View{}, &apiError{code: "invalid_arguments", detail: "blocks: " + err.detail}
	}
	return View{Type: f.Type, CallbackID: f.CallbackID, PrivateMetadata: f.PrivateMetadata,
		ExternalID: f.ExternalID, Blocks: f.Blocks, JSON: json.RawMessage(raw)}, nil
}

func rawAny(raw json.RawMessage) any {
	var v any
	_ = json.Unmarshal(raw, &v)
	return v
}

func viewResponse(v View) map[string]any {
	var body map[string]any
	_ = json.Unmarshal(v.JSON, &body)
	body["id"] = v.ID
	body["hash"] = fmt.Sprintf("%s.%d", v.ID, v.Updates)
	body["state"] = map[string]any{"values": map[string]any{}}
	return map[string]any{"ok": true, "view": body}
}

// newID makes a Slack-like ID with a prefix (V for views, F for files).
func (s *Server) newID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s%08d", prefix, s.seq)
}
