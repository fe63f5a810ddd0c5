package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/httpapi"
)

// acceptAll stands in for the handlers: every call with a call_id is new;
// like the handlers it refuses a report without one.
type acceptAll struct{}

func (acceptAll) ReceiveCall(_ context.Context, r handlers.CallReport) (handlers.CallResult, error) {
	if strings.TrimSpace(r.CallID) == "" {
		return handlers.CallResult{}, affaldsbot.Errorf(affaldsbot.EINVALID, "call_id is required")
	}
	return handlers.CallResult{EnquiryID: 1}, nil
}

// FuzzCallBody: the webhook's body decoder never panics, and a signed body
// is answered 2xx only when it is a JSON object with a call_id.
func FuzzCallBody(f *testing.F) {
	for _, s := range []string{callNew, callUpdate, callEarly, callUnknown, `{}`, `[]`, `{"call_id":""}`, `{"call_id":7}`,
		`{"call_id":"x","transferred_at":"yesterday"}`, `null`, `{"call_id":"x","answered_at":"2026-13-40T99:00:00Z"}`} {
		f.Add(s)
	}
	h := httpapi.NewCallsHandler(callSecret, acceptAll{}, nil)
	f.Fuzz(func(t *testing.T, body string) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, signedCall("http://127.0.0.1/api/calls", body, time.Now(), callSecret))
		if w.Code/100 != 2 {
			return
		}
		var v struct {
			CallID *string `json:"call_id"`
		}
		if err := json.Unmarshal([]byte(body), &v); err != nil || v.CallID == nil || strings.TrimSpace(*v.CallID) == "" {
			t.Errorf("status %d for %q", w.Code, body)
		}
	})
}
