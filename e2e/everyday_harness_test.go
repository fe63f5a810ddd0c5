package e2e

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/internal/smstest"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/storage"
)

// desk is a world in which an adviser works through Slack (HTTP mode, signed
// requests to the bot's /slack/events), mail goes out over SMTP, calls come
// in over /api/calls and call-back confirmations go to a fake SMS gateway.
type desk struct {
	*world
	smtp *smtptest.Server
	sms  *smstest.Server
	db   *storage.DB // the bot's database, read by the test
	addr string      // the bot's HTTP_ADDR, the same across restarts
	bot  *proc
}

const (
	adviser      = "UADV1"
	smsToken     = "e2e-sms-token"
	destinations = "Borgerservice <borgerservice@kk.example>; Parkering <parkering@kk.example>"
)

func newDesk(t *testing.T, dialect string) *desk {
	d := &desk{world: newWorld(t, dialect, -1), smtp: smtptest.Start(t), sms: smstest.Start(smsToken), addr: freeAddr(t)}
	t.Cleanup(d.sms.Close)
	db, err := storage.Open(context.Background(), d.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d.db = db
	return d
}

// startBot starts the bot (again) and waits until it answers.
func (d *desk) startBot(t *testing.T) {
	d.bot = d.start(t, "HTTP_ADDR="+d.addr, "SLACK_ADVISERS="+adviser, "SMTP_ADDR="+d.smtp.Addr(), "SMTP_TLS=none",
		"FORWARD_DESTINATIONS="+destinations, "CALLS_WEBHOOK_SECRET="+callsSecret,
		"SMS_GATEWAY_URL="+d.sms.URL+"/v1/messages", "SMS_GATEWAY_TOKEN="+smsToken)
	waitHealthy(t, d.addr)
}

// restart stops the bot gracefully and starts a new process.
func (d *desk) restart(t *testing.T) {
	d.bot.stop(t)
	d.startBot(t)
}

// send sends body to /slack/events signed as Slack signs it; form bodies
// are interactivity payloads, the rest Events API JSON.
func (d *desk) send(t *testing.T, body string) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte("e2e-secret"))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req, _ := http.NewRequest(http.MethodPost, "http://"+d.addr+"/slack/events", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if strings.HasPrefix(body, "payload=") {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/slack/events: %d %s", resp.StatusCode, out)
	}
	if len(bytes.TrimSpace(out)) > 0 && bytes.Contains(out, []byte(`"errors"`)) {
		t.Fatalf("/slack/events refused the submission: %s", out)
	}
}

// press is the interactivity form of a button pressed in a message.
func press(actionID, value, messageTS, actionTS string) string {
	return form(map[string]any{"type": "block_actions", "trigger_id": "trig-" + actionTS, "user": map[string]any{"id": adviser},
		"channel": map[string]any{"id": channel}, "container": map[string]any{"type": "message", "message_ts": messageTS, "channel_id": channel},
		"message": map[string]any{"ts": messageTS},
		"actions": []map[string]any{{"action_id": actionID, "block_id": "b", "value": value, "type": "button", "action_ts": actionTS}}})
}

// submit is the interactivity form of a modal's submission with values.
func submit(v slacktest.View, values map[string]any) string {
	return form(map[string]any{"type": "view_submission", "user": map[string]any{"id": adviser},
		"view": map[string]any{"id": v.ID, "callback_id": v.CallbackID, "private_metadata": v.PrivateMetadata,
			"state": map[string]any{"values": values}}})
}

func form(payload map[string]any) string {
	b, _ := json.Marshal(payload)
	return "payload=" + url.QueryEscape(string(b))
}

// threadMessage is the Events API delivery of an adviser's message in a
// thread, which the fake Slack holds too.
func (d *desk) threadMessage(rootTS, text string) string {
	ts := d.world.slack.PostAs(adviser, channel, rootTS, text)
	b, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": "Ev" + strings.ReplaceAll(ts, ".", ""), "team_id": "T1",
		"event": map[string]any{"type": "message", "user": adviser, "text": text, "ts": ts, "thread_ts": rootTS,
			"channel": channel, "channel_type": "channel"}})
	return string(b)
}

// root waits for the root message of enquiry id.
func (d *desk) root(t *testing.T, id int64) slacktest.Message {
	t.Helper()
	var root slacktest.Message
	waitUntil(t, 30*time.Second, fmt.Sprintf("the root of #%d", id), func() bool {
		for _, m := range d.world.slack.Roots(channel) {
			if m.Metadata != nil && fmt.Sprint(m.Metadata.EventPayload["enquiry_id"]) == strconv.FormatInt(id, 10) {
				root = m
				return true
			}
		}
		return false
	})
	return root
}

// view waits for the newest modal opened with callbackID.
func (d *desk) view(t *testing.T, callbackID string) slacktest.View {
	t.Helper()
	var v slacktest.View
	waitUntil(t, 10*time.Second, "the modal "+callbackID, func() bool {
		for _, x := range d.world.slack.Views() {
			if x.CallbackID == callbackID {
				v = x
			}
		}
		return v.ID != ""
	})
	return v
}

// threadPosts are the bot's posts in a thread whose text holds sub.
func (d *desk) threadPosts(rootTS, sub string) []slacktest.Message {
	var out []slacktest.Message
	for _, m := range d.world.slack.Thread(channel, rootTS)[1:] {
		if m.User == "" && (strings.Contains(m.Text, sub) || strings.Contains(string(m.Blocks), sub)) {
			out = append(out, m)
		}
	}
	return out
}

// mailsTo are the mails the SMTP server accepted for addr.
func (d *desk) mailsTo(addr string) []smtptest.Mail {
	var out []smtptest.Mail
	for _, m := range d.smtp.Mails() {
		for _, to := range m.To {
			if strings.EqualFold(to, addr) {
				out = append(out, m)
			}
		}
	}
	return out
}

// enquiryOf waits for the enquiry of the mail with this Message-ID.
func (d *desk) enquiryOf(t *testing.T, messageID string) int64 {
	t.Helper()
	var id int64
	waitUntil(t, 30*time.Second, "the enquiry of "+messageID, func() bool {
		var ids []int64
		err := d.db.Select(&ids, d.db.Rebind(`SELECT enquiry_id FROM messages WHERE message_id = ? AND enquiry_id IS NOT NULL`), messageID)
		if err != nil || len(ids) == 0 {
			return false
		}
		id = ids[0]
		return true
	})
	return id
}

// stats runs `affaldsbot stats --format json` on the bot's database for the
// days around now.
func (d *desk) stats(t *testing.T) map[string]any {
	t.Helper()
	day := func(off int) string { return time.Now().AddDate(0, 0, off).Format(time.DateOnly) }
	cmd := exec.Command(bin(t), "stats", "--from", day(-2), "--to", day(1), "--format", "json")
	cmd.Env = d.env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("affaldsbot stats: %v\n%s", err, stderr.String())
	}
	var r map[string]any
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("stats JSON: %v\n%s", err, out)
	}
	return r
}

// field is a number or object inside the statistics, by path.
func field(r map[string]any, path ...string) any {
	var v any = r
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

// mailText is a mail's text parts, decoded, and the content types of its
// attachments.
func mailText(t *testing.T, raw []byte) (text string, attached []string) {
	t.Helper()
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("read mail: %v", err)
	}
	var b strings.Builder
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("read mail part: %v", err)
		}
		switch h := p.Header.(type) {
		case *gomail.InlineHeader:
			body, _ := io.ReadAll(p.Body)
			b.Write(body)
		case *gomail.AttachmentHeader:
			ct, _, _ := h.ContentType()
			attached = append(attached, ct)
		}
	}
	return b.String(), attached
}

// mailFrom is a citizen's new mail (no thread headers) with its own subject.
func mailFrom(addr, name, subject, messageID, body string) []byte {
	return []byte(fmt.Sprintf("From: %s <%s>\r\nTo: affald@kk.example\r\nSubject: %s\r\nMessage-ID: <%s>\r\n"+
		"Date: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
		name, addr, subject, messageID, time.Now().Format(time.RFC1123Z), body))
}

// call posts a transferred call to /api/calls and returns its enquiry.
func (d *desk) call(t *testing.T, callID, number string) int64 {
	t.Helper()
	body := fmt.Appendf(nil, `{"call_id":%q,"caller_number":%q,"caller_name":"Jens Hansen","note":"Vil gerne ringes op om storskrald",`+
		`"queue":"affald","transferred_by":"Borgerservice","transferred_at":%q}`, callID, number, time.Now().Format(time.RFC3339))
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, "http://"+d.addr+"/api/calls", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(httpapi.HeaderCallTimestamp, stamp)
	req.Header.Set(httpapi.HeaderCallSignature, "sha256="+hex.EncodeToString(httpapi.SignCall([]byte(callsSecret), stamp, body)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Status    string `json:"status"`
		EnquiryID int64  `json:"enquiry_id,string"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("/api/calls: %d %+v %v", resp.StatusCode, out, err)
	}
	return out.EnquiryID
}

// settle waits a while for what must not happen (a second mail, a second
// post) to have had its chance.
func settle() { time.Sleep(3 * time.Second) }
