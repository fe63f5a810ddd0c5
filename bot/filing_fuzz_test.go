package bot_test

import (
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// FuzzSlackPayload: whatever a correctly signed request to /slack/events
// holds (an Events API body, an interactivity payload or a slash command),
// the decoder and dispatcher behind the signature check never panic and
// answer 200 or 400.
func FuzzSlackPayload(f *testing.F) {
	seeds := []string{`{"type":"url_verification","challenge":"c"}`,
		`{"type":"event_callback","event_id":"Ev1","event":{"type":"message","channel":"CENQ","user":"UADV1","text":"svar: hej","thread_ts":"1.2"}}`,
		mustJSON(clickPayload("UADV1", "enquiry_claim", "1", "1.1")), mustJSON(clickPayload("UX", "enquiry_file", "x", "")),
		`{"type":"view_submission","user":{"id":"UADV1"},"view":{"callback_id":"reply_modal","private_metadata":"1"}}`,
		`{"type":"block_actions","actions":[{}]}`, `{}`, `null`, `[`}
	for i, s := range seeds {
		f.Add(uint8(i%3), s)
	}
	env := newRecvEnv(f, storagetest.Open(f, storage.SQLite))
	f.Fuzz(func(t *testing.T, kind uint8, body string) {
		contentType, sent := "application/json", body
		switch kind % 3 {
		case 1:
			contentType, sent = formType, "payload="+url.QueryEscape(body)
		case 2:
			contentType, sent = formType, "command=%2Faffald&user_id=UADV1&channel_id=CENQ&text="+url.QueryEscape(body)
		}
		w := httptest.NewRecorder()
		env.http.ServeHTTP(w, signed(sent, contentType, testSecret, time.Now()))
		if w.Code != 200 && w.Code != 400 {
			t.Errorf("status %d for %q", w.Code, body)
		}
		env.recv.Wait()
	})
}
