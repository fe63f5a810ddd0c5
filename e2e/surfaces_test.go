package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/internal/teamstest"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/teams"
)

// chat is one chat surface as an adviser uses it, driven from outside the
// bot's process: through the fake of its server and the bot's HTTP endpoint.
type chat interface {
	// env are the settings that put the bot on this chat.
	env() []string
	// root waits for the enquiry's root post and returns its number and id.
	root(t *testing.T) (enquiry int64, root string)
	// claim presses the root's claim button and waits until the root shows it.
	claim(t *testing.T, enquiry int64, root string)
	// replyByDialog sends text from the reply dialog; the returned func
	// delivers the very same submission again.
	replyByDialog(t *testing.T, enquiry int64, root, text string) (again func())
	// replyInThread writes "svar: text" in the thread; again delivers the
	// same message again.
	replyInThread(t *testing.T, enquiry int64, root, text string) (again func())
	// threadShows reports whether the thread shows text.
	threadShows(root, text string) bool
}

// scenarios run on every chat surface: what an adviser does, the same on
// Slack and on Teams.
var scenarios = []struct {
	name string
	run  func(t *testing.T, b *surfaceBot)
}{
	{"mail, root, claim, reply by dialog, citizen answers in the thread", func(t *testing.T, b *surfaceBot) {
		b.deliver(t, "q1@example.dk", "Pizzabakker med fedt", "Hvor skal en fedtet pizzabakke hen?", "")
		id, root := b.chat.root(t)
		b.chat.claim(t, id, root)
		b.chat.replyByDialog(t, id, root, "En fedtet pizzabakke skal i restaffald.")
		sent := b.waitMails(t, 1)[0]
		if !bytes.Contains(sent.Data, []byte("restaffald")) || sent.To[0] != "jens@example.dk" {
			t.Fatalf("reply mail to %v:\n%s", sent.To, sent.Data)
		}
		b.deliver(t, "q2@example.dk", fmt.Sprintf("Re: Pizzabakker med fedt [#%d]", id), "Tak! Og hvad med låget?", messageID(t, sent.Data))
		waitUntil(t, 30*time.Second, "the citizen's answer in the thread", func() bool { return b.chat.threadShows(root, "Og hvad med låget?") })
	}},
	{"a reply delivered twice sends one mail", func(t *testing.T, b *surfaceBot) {
		b.deliver(t, "q1@example.dk", "Storskrald", "Hvornår henter I sofaer?", "")
		id, root := b.chat.root(t)
		b.chat.claim(t, id, root)
		b.chat.replyByDialog(t, id, root, "Vi henter på mandag.")()
		b.waitMails(t, 1)
		b.chat.replyInThread(t, id, root, "Husk at stille den ud aftenen før.")()
		b.waitMails(t, 2)
		time.Sleep(2 * time.Second) // time for a third mail, were there one
		if n := len(b.smtp.Mails()); n != 2 {
			t.Errorf("%d mails sent; want 2, each reply once however often it was delivered", n)
		}
	}},
}

func TestEverySurfaceRunsTheScenarios(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		for _, surface := range []string{"slack", "teams"} {
			for _, sc := range scenarios {
				t.Run(dialect+"/"+surface+"/"+sc.name, func(t *testing.T) {
					sc.run(t, startSurfaceBot(t, dialect, surface))
				})
			}
		}
	}
}

// surfaceBot is the bot process on one chat, with its mail servers.
type surfaceBot struct {
	*world
	smtp *smtptest.Server
	chat chat
	addr string
}

func startSurfaceBot(t *testing.T, dialect, surface string) *surfaceBot {
	w := newWorld(t, dialect, -1)
	b := &surfaceBot{world: w, smtp: smtptest.Start(t), addr: freeAddr(t)}
	switch surface {
	case "slack":
		b.chat = &slackChat{w: w, addr: b.addr}
	default:
		b.chat = newTeamsChat(t, b.addr)
	}
	extra := append([]string{"HTTP_ADDR=" + b.addr, "SMTP_ADDR=" + b.smtp.Addr(), "SMTP_TLS=none"}, b.chat.env()...)
	b.start(t, extra...)
	waitHealthy(t, b.addr)
	return b
}

func (b *surfaceBot) deliver(t *testing.T, id, subject, body, inReplyTo string) {
	t.Helper()
	h := ""
	if inReplyTo != "" {
		h = "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n"
	}
	raw := fmt.Sprintf("From: Jens Hansen <jens@example.dk>\r\nTo: affald@kk.example\r\nSubject: %s\r\nMessage-ID: <%s>\r\n"+
		"Date: Thu, 26 Nov 2026 09:14:03 +0100\r\n%sContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", subject, id, h, body)
	if _, err := b.imap.Deliver("INBOX", []byte(raw), time.Now()); err != nil {
		t.Fatal(err)
	}
}

func (b *surfaceBot) waitMails(t *testing.T, n int) []smtptest.Mail {
	t.Helper()
	waitUntil(t, 30*time.Second, fmt.Sprintf("%d mails sent", n), func() bool { return len(b.smtp.Mails()) >= n })
	return b.smtp.Mails()
}

var messageIDRE = regexp.MustCompile(`(?mi)^Message-ID:\s*(<[^>]+>)`)

func messageID(t *testing.T, raw []byte) string {
	m := messageIDRE.FindSubmatch(raw)
	if m == nil {
		t.Fatalf("no Message-ID in\n%s", raw)
	}
	return string(m[1])
}

// slackChat drives the fake Slack and /slack/events (HTTP mode).
type slackChat struct {
	w    *world
	addr string
}

const slackAdviser = "UADV1"

var inputSeq atomic.Int64

func (c *slackChat) env() []string { return []string{"SLACK_ADVISERS=" + slackAdviser} }

func (c *slackChat) root(t *testing.T) (int64, string) {
	waitUntil(t, 30*time.Second, "the root message", func() bool { return len(c.w.slack.Roots(channel)) == 1 })
	r := c.w.slack.Roots(channel)[0]
	id, err := strconv.ParseInt(fmt.Sprint(r.Metadata.EventPayload["enquiry_id"]), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id, r.TS
}

func (c *slackChat) claim(t *testing.T, id int64, root string) {
	c.post(t, "application/x-www-form-urlencoded", clickForm(slackAdviser, strconv.FormatInt(id, 10), root))
	waitUntil(t, 30*time.Second, "the root shows the claim", func() bool {
		r := c.w.slack.Roots(channel)
		return len(r) == 1 && strings.Contains(string(r[0].Blocks), "enquiry_release")
	})
}

func (c *slackChat) replyByDialog(t *testing.T, id int64, _, text string) func() {
	p, _ := json.Marshal(map[string]any{"type": "view_submission", "user": map[string]any{"id": slackAdviser},
		"view": map[string]any{"id": fmt.Sprintf("V%d", inputSeq.Add(1)), "callback_id": "reply_modal", "private_metadata": strconv.FormatInt(id, 10),
			"state": map[string]any{"values": map[string]any{"reply_body": map[string]any{"body": map[string]any{"type": "plain_text_input", "value": text}}}}}})
	body := "payload=" + url.QueryEscape(string(p))
	send := func() { c.post(t, "application/x-www-form-urlencoded", body) }
	send()
	return send
}

func (c *slackChat) replyInThread(t *testing.T, _ int64, root, text string) func() {
	n := inputSeq.Add(1)
	body, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": fmt.Sprintf("Ev%d", n), "team_id": "T1",
		"event": map[string]any{"type": "message", "user": slackAdviser, "text": "svar: " + text, "ts": fmt.Sprintf("1764000000.%06d", n),
			"thread_ts": root, "channel": channel, "channel_type": "channel"}})
	send := func() { c.post(t, "application/json", string(body)) }
	send()
	return send
}

func (c *slackChat) threadShows(root, text string) bool {
	for _, m := range c.w.slack.Thread(channel, root) {
		if strings.Contains(m.Text, text) || strings.Contains(string(m.Blocks), text) {
			return true
		}
	}
	return false
}

// post sends body to /slack/events signed as Slack signs it.
func (c *slackChat) post(t *testing.T, contentType, body string) {
	t.Helper()
	mustOK(t, slackRequest("http://"+c.addr+"/slack/events", contentType, body))
}

func mustOK(t *testing.T, req *http.Request) []byte {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d: %s", req.URL.Path, resp.StatusCode, data)
	}
	return data
}

// teamsChat drives the fake Bot Framework and /api/messages.
type teamsChat struct {
	fake *teamstest.Server
	addr string
}

const (
	teamsApp      = "0b5a1d6e-1111-4a4a-9c9c-0000000000e2"
	teamsTenant   = "72f988bf-86f1-41af-91ab-2d7cd011db47"
	teamsChannel  = "19:enquiries@thread.tacv2"
	teamsAdviser  = "6f1c0a52-0c1e-4c4b-9a57-0d3f1f2b8e11"
	teamsPassword = "e2e-app-password"
)

func newTeamsChat(t *testing.T, addr string) *teamsChat {
	fake := teamstest.New(teamstest.Options{AppID: teamsApp, AppPassword: teamsPassword, Tenant: teamsTenant})
	t.Cleanup(fake.Close)
	return &teamsChat{fake: fake, addr: addr}
}

// env puts the bot on Teams; the world's Slack settings stay, and CHAT
// says which to use.
func (c *teamsChat) env() []string {
	return []string{"CHAT=teams", "TEAMS_APP_ID=" + teamsApp, "TEAMS_APP_PASSWORD=" + teamsPassword,
		"TEAMS_TENANT_ID=" + teamsTenant, "TEAMS_CHANNEL=" + teamsChannel, "TEAMS_ADVISERS=" + teamsAdviser,
		"TEAMS_SERVICE_URL=" + c.fake.ServiceURL(), "TEAMS_OPENID_URL=" + c.fake.MetadataURL(),
		"TEAMS_TOKEN_URL=" + c.fake.TokenURL(teamsTenant)}
}

var enquiryRE = regexp.MustCompile(`"enquiry":"#(\d+)"`)

func (c *teamsChat) root(t *testing.T) (int64, string) {
	waitUntil(t, 30*time.Second, "the root card", func() bool { return len(c.fake.Live(teamsChannel)) == 1 })
	r := c.fake.Live(teamsChannel)[0]
	m := enquiryRE.FindSubmatch(r.Raw)
	if m == nil {
		t.Fatalf("root card names no enquiry: %s", r.Raw)
	}
	id, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return id, r.ActivityID
}

func (c *teamsChat) claim(t *testing.T, id int64, root string) {
	out := c.post(t, c.activity("invoke", "adaptiveCard/action", teamsChannel, map[string]any{"action": map[string]any{
		"type": "Action.Execute", "verb": "claim", "data": map[string]any{"enquiry": fmt.Sprintf("#%d", id), "verb": "claim"}}}))
	if !bytes.Contains(out, []byte(`"verb":"release"`)) {
		t.Fatalf("claim answered %s; want the card with a release button", out)
	}
	waitUntil(t, 30*time.Second, "the root card updated", func() bool {
		r := c.fake.Live(teamsChannel)
		return len(r) == 1 && bytes.Contains(r[0].Raw, []byte(`"verb":"release"`))
	})
}

func (c *teamsChat) replyByDialog(t *testing.T, id int64, _, text string) func() {
	out := c.post(t, c.activity("invoke", "task/fetch", teamsChannel, map[string]any{"data": map[string]any{"enquiry": fmt.Sprintf("#%d", id)}}))
	var task struct {
		Task struct {
			Value struct {
				Card struct {
					Content struct {
						Actions []struct{ Data map[string]any }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out, &task); err != nil || len(task.Task.Value.Card.Content.Actions) != 1 || !bytes.Contains(out, []byte("jens@example.dk")) {
		t.Fatalf("task/fetch answered %s (%v); want the dialog with the recipient", out, err)
	}
	data := task.Task.Value.Card.Content.Actions[0].Data
	data["text"] = text
	a := c.activity("invoke", "task/submit", teamsChannel, map[string]any{"data": data})
	send := func() { c.post(t, a) }
	send()
	return send
}

func (c *teamsChat) replyInThread(t *testing.T, _ int64, root, text string) func() {
	a := c.activity("message", "", teams.ThreadConversation(teamsChannel, root), nil)
	a["text"] = "<at>affaldsbot</at> svar: " + text
	send := func() { c.post(t, a) }
	send()
	return send
}

func (c *teamsChat) threadShows(root, text string) bool {
	for _, r := range c.fake.Live(teams.ThreadConversation(teamsChannel, root)) {
		if bytes.Contains(r.Raw, []byte(text)) {
			return true
		}
	}
	return false
}

// activity is an activity from the adviser as the Bot Connector sends it;
// each has an id of its own.
func (c *teamsChat) activity(typ, name, conv string, value any) map[string]any {
	a := map[string]any{"type": typ, "id": fmt.Sprintf("f:%d", inputSeq.Add(1)), "serviceUrl": c.fake.ServiceURL(),
		"channelId": "msteams", "from": map[string]any{"id": "29:adviser", "name": "Mette", "aadObjectId": teamsAdviser},
		"conversation": map[string]any{"id": conv, "conversationType": "channel"},
		"channelData":  map[string]any{"tenant": map[string]any{"id": teamsTenant}}}
	if name != "" {
		a["name"] = name
	}
	if value != nil {
		a["value"] = value
	}
	return a
}

// post sends an activity with the Bot Connector's token and returns the
// answer's body.
func (c *teamsChat) post(t *testing.T, a map[string]any) []byte {
	t.Helper()
	body, _ := json.Marshal(a)
	req, _ := http.NewRequest(http.MethodPost, "http://"+c.addr+"/api/messages", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.fake.ChannelToken(c.fake.ServiceURL()))
	return mustOK(t, req)
}
