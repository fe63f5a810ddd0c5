package teamstest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// post sends an activity with a token from the fake's token endpoint and
// returns the status and the error code of the answer.
func post(t *testing.T, s *Server, conv string, act map[string]any) (int, string) {
	t.Helper()
	raw, _ := json.Marshal(act)
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/v3/conversations/"+conv+"/activities", bytes.NewReader(raw))
	req.Header.Set("Authorization", "Bearer "+token(t, s))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body.Error.Code
}

func token(t *testing.T, s *Server) string {
	t.Helper()
	code, tok := grant(t, s.TokenURL("botframework.com"), ConnectorScope)
	if code != http.StatusOK || tok == "" {
		t.Fatalf("no token: status %d", code)
	}
	return tok
}

// grant asks tokenURL for a client-credentials token of app "app".
func grant(t *testing.T, tokenURL, scope string) (int, string) {
	t.Helper()
	resp, err := http.PostForm(tokenURL, url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"app"}, "client_secret": {"pw"}, "scope": {scope},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	return resp.StatusCode, tok.AccessToken
}

// cardOfSize is a message whose card's JSON is exactly n bytes. The text is
// of three-byte characters, two bytes each in UTF-16, so that the card, not
// the whole message's UTF-16 size, is what meets its limit first.
func cardOfSize(t *testing.T, n int) map[string]any {
	card := map[string]any{"type": "AdaptiveCard", "version": "1.5", "body": []any{map[string]any{"type": "TextBlock", "text": ""}}}
	base, _ := json.Marshal(card)
	room := n - len(base)
	card["body"].([]any)[0].(map[string]any)["text"] = strings.Repeat("語", room/3) + strings.Repeat("a", room%3)
	if raw, _ := json.Marshal(card); len(raw) != n {
		t.Fatalf("card of %d bytes, want %d", len(raw), n)
	}
	return map[string]any{"type": "message", "attachments": []any{map[string]any{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}}}
}

func TestFakeRefusesACardOverThePostSize(t *testing.T) {
	s := New(Options{AppID: "app", AppPassword: "pw"})
	defer s.Close()
	if code, _ := post(t, s, "a", cardOfSize(t, limit("card.bytes"))); code != http.StatusOK {
		t.Errorf("card of exactly %d bytes: status %d, want 200", limit("card.bytes"), code)
	}
	code, errCode := post(t, s, "b", cardOfSize(t, limit("card.bytes")+1))
	if code != http.StatusRequestEntityTooLarge || errCode != "MessageSizeTooBig" {
		t.Errorf("card one byte over: %d %s, want 413 MessageSizeTooBig", code, errCode)
	}
}

func TestFakeRefusesAMessageOverItsUTF16Size(t *testing.T) {
	s := New(Options{AppID: "app", AppPassword: "pw"})
	defer s.Close()
	// Each "æ" is one UTF-16 unit, two bytes; 20 Ki of them and the JSON
	// around them pass 40 KB.
	code, errCode := post(t, s, "a", map[string]any{"type": "message", "text": strings.Repeat("æ", 20*1024)})
	if code != http.StatusRequestEntityTooLarge || errCode != "MessageSizeTooBig" {
		t.Errorf("%d %s, want 413 MessageSizeTooBig", code, errCode)
	}
	if code, _ := post(t, s, "b", map[string]any{"type": "message", "text": strings.Repeat("æ", 19*1024)}); code != http.StatusOK {
		t.Errorf("message under the limit: status %d", code)
	}
}

func TestFakeThrottlesAThreadAsTheTableSays(t *testing.T) {
	s := New(Options{AppID: "app", AppPassword: "pw"})
	defer s.Close()
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	s.mu.Lock()
	s.now = func() time.Time { return now }
	s.mu.Unlock()
	msg := map[string]any{"type": "message", "text": "x"}
	for i := range 7 {
		if code, _ := post(t, s, "conv", msg); code != http.StatusOK {
			t.Fatalf("send %d within a second: status %d", i+1, code)
		}
	}
	if code, errCode := post(t, s, "conv", msg); code != http.StatusTooManyRequests || errCode != "Throttled" {
		t.Errorf("8th send within a second: %d %s, want 429 Throttled", code, errCode)
	}
	if code, _ := post(t, s, "other", msg); code != http.StatusOK {
		t.Errorf("another conversation: status %d, want 200", code)
	}
	now = now.Add(1100 * time.Millisecond) // 7 in the last 2 s: the 8th goes
	if code, _ := post(t, s, "conv", msg); code != http.StatusOK {
		t.Errorf("8th send in two seconds: status %d, want 200", code)
	}
	if code, _ := post(t, s, "conv", msg); code != http.StatusTooManyRequests {
		t.Errorf("9th send in two seconds: status %d, want 429", code)
	}
}
