package bot_test

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"runtime"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// FuzzSlackPayload: whatever a correctly signed request to /slack/events
// holds (an Events API body, an interactivity payload or a slash command),
// the decoder and dispatcher behind the signature check never panic and
// answer 200 or 400.
// fuzzHang is how long one input may take, its detached work included.
const fuzzHang = 10 * time.Second

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
		// A hang is a failure too: after fuzzHang the stacks are printed
		// and the process stops, so the fuzzer keeps the input.
		watchdog := time.AfterFunc(fuzzHang, func() {
			buf := make([]byte, 1<<20)
			panic(fmt.Sprintf("kind %d body %q still running after %s:\n%s", kind, body, fuzzHang, buf[:runtime.Stack(buf, true)]))
		})
		defer watchdog.Stop()
		w := httptest.NewRecorder()
		env.http.ServeHTTP(w, signed(sent, contentType, testSecret, time.Now()))
		if w.Code != 200 && w.Code != 400 {
			t.Errorf("status %d for %q", w.Code, body)
		}
		env.recv.Wait()
	})
}
