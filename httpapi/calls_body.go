package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// callFields are the body's known fields; others are ignored.
var callFields = []string{"call_id", "caller_number", "caller_name", "note", "queue", "transferred_by",
	"transferred_at", "answered_at", "ended_at"}

// parseCallReport reads the JSON body field by field, so an error names the
// field at fault.
func parseCallReport(body []byte) (handlers.CallReport, *handlers.FieldError) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil || raw == nil {
		return handlers.CallReport{}, &handlers.FieldError{Message: "the body is not a JSON object"}
	}
	str := map[string]*string{}
	for _, f := range callFields {
		s, err := callJSONString(raw[f])
		if err != nil {
			return handlers.CallReport{}, &handlers.FieldError{Field: f, Message: err.Error()}
		}
		str[f] = s
	}
	r := handlers.CallReport{CallID: callStr(str["call_id"]), CallerNumber: callStr(str["caller_number"]),
		CallerName: callStr(str["caller_name"]), Note: callStr(str["note"]), Queue: callStr(str["queue"]),
		TransferredBy: callStr(str["transferred_by"])}
	times := []struct {
		field string
		dst   **time.Time
	}{{"transferred_at", &r.TransferredAt}, {"answered_at", &r.AnsweredAt}, {"ended_at", &r.EndedAt}}
	for _, f := range times {
		t, err := callTime(str[f.field])
		if err != nil {
			return handlers.CallReport{}, &handlers.FieldError{Field: f.field, Message: err.Error()}
		}
		*f.dst = t
	}
	return r, nil
}

// callJSONString decodes a JSON string; absent and null give nil.
func callJSONString(v json.RawMessage) (*string, error) {
	if len(v) == 0 || bytes.Equal(v, []byte("null")) {
		return nil, nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return nil, fmt.Errorf("must be a string")
	}
	return &s, nil
}

func callTime(s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, *s)
	if err != nil {
		return nil, fmt.Errorf("%q is not an RFC 3339 time", *s)
	}
	return &t, nil
}

func callStr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
