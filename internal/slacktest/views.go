package slacktest

import (
	"encoding/json"
	"fmt"
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

// viewsPush puts a modal on top of the open one (views.push). Like
// views.open it needs a trigger and a valid modal. The reference allows at
// most two views pushed on the first; which stack a trigger belongs to is not
// modelled, so that limit is not checked here.
func (s *Server) viewsPush(a args) (any, *apiError) {
	trigger := a.str("trigger_id")
	if trigger == "" {
		return nil, &apiError{code: "invalid_arguments", detail: "missing required field: trigger_id"}
	}
	v, err := parseView(a.str("view"), "modal")
	if err != nil {
		return nil, err
	}
	v.ID, v.Method, v.TriggerID = s.newID("V"), "views.push", trigger
	s.views = append(s.views, v)
	return viewResponse(v), nil
}

func (s *Server) viewsUpdate(a args) (any, *apiError) {
	i := s.findView(a.str("view_id"), a.str("external_id"))
	if i < 0 {
		return nil, &apiError{code: "not_found"}
	}
	if h := a.str("hash"); h != "" && h != viewHash(s.views[i]) {
		return nil, &apiError{code: "hash_conflict", detail: "the view changed since hash " + h}
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

// parseView checks a view as Slack does: its type and fields, a modal's
// title, submit and close texts, the length of its metadata and IDs, and its
// blocks, each against its reference (limits.go). Whatever breaks one is
// refused with invalid_arguments.
func parseView(raw, wantType string) (View, *apiError) {
	var f map[string]any
	if err := json.Unmarshal([]byte(raw), &f); err != nil {
		return View{}, &apiError{code: "invalid_arguments", detail: "view: " + err.Error()}
	}
	if t, _ := f["type"].(string); t != wantType {
		return View{}, &apiError{code: "invalid_arguments", detail: fmt.Sprintf("view type %q, want %q", t, wantType)}
	}
	if err := checkView(f, wantType); err != nil {
		return View{}, &apiError{code: "invalid_arguments", detail: "view: " + err.detail}
	}
	blocks, _ := json.Marshal(f["blocks"])
	v := View{Type: wantType, Blocks: blocks, JSON: json.RawMessage(raw)}
	v.CallbackID, _ = f["callback_id"].(string)
	v.PrivateMetadata, _ = f["private_metadata"].(string)
	v.ExternalID, _ = f["external_id"].(string)
	return v, nil
}

// checkView checks a modal ("modal") or App Home ("home") view.
func checkView(f map[string]any, kind string) *apiError {
	fields := []string{"type", "blocks", "private_metadata", "callback_id", "external_id"}
	if kind == "modal" {
		fields = append(fields, "title", "submit", "close", "clear_on_close", "notify_on_close")
	}
	if err := only(f, fields...); err != nil {
		return err
	}
	for _, key := range []string{"private_metadata", "callback_id"} {
		if err := optStr(f, key, kind+"."+key); err != nil {
			return err
		}
	}
	blocks, ok := f["blocks"].([]any)
	if !ok {
		return invalid("missing required field: blocks")
	}
	c := &checker{inView: true, blockIDs: map[string]bool{}}
	if err := c.blocks(blocks, kind+".blocks", 0); err != nil {
		return err
	}
	if kind == "modal" {
		return c.modalTexts(f)
	}
	return nil
}

// modalTexts checks a modal's title, submit and close; submit is required
// when the modal has an input block.
func (c *checker) modalTexts(f map[string]any) *apiError {
	if err := c.textField(f, "title", "modal.title", true, "plain_text"); err != nil {
		return err
	}
	if err := c.textField(f, "submit", "modal.submit", c.inputs > 0, "plain_text"); err != nil {
		return err
	}
	return c.textField(f, "close", "modal.close", false, "plain_text")
}

func viewResponse(v View) map[string]any {
	var body map[string]any
	_ = json.Unmarshal(v.JSON, &body)
	body["id"] = v.ID
	body["hash"] = viewHash(v)
	body["state"] = map[string]any{"values": map[string]any{}}
	return map[string]any{"ok": true, "view": body}
}

// viewHash is the view's hash as views.open and views.update report it; it
// changes with every update.
func viewHash(v View) string { return fmt.Sprintf("%s.%d", v.ID, v.Updates) }

// newID makes a Slack-like ID with a prefix (V for views, F for files).
func (s *Server) newID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s%08d", prefix, s.seq)
}
