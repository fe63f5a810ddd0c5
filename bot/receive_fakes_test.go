package bot_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

const (
	testSecret  = "8f742231b10e8888abcd99yyyzzz85a5"
	testChannel = "CENQ"
	ourAddress  = "affald@kk.example"
)

// recvEnv is the bot against fake Slack, SMTP and IMAP servers, with its job
// queue running; advisers are the members of user group SADV.
type recvEnv struct {
	db    *storage.DB
	slack *slacktest.Server
	smtp  *smtptest.Server
	imap  *imaptest.Server
	svc   *handlers.Service
	bot   *bot.Bot
	recv  *bot.Receiver
	http  http.Handler
}

func botFor(env *recvEnv) *bot.Bot { return env.bot }

func newRecvEnv(t testing.TB, db *storage.DB) *recvEnv {
	t.Helper()
	ctx := context.Background()
	env := &recvEnv{db: db, smtp: smtptest.Start(t), imap: imaptest.Start(t, map[string]string{"affald": "pw"})}
	env.slack = slacktest.New(slacktest.Options{PostsPerSecond: -1, UserGroups: map[string][]string{"SADV": {"UADV1", "UADV2"}}})
	t.Cleanup(env.slack.Close)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	b := bot.New(bot.Options{BotToken: "xoxb-test", APIURL: env.slack.APIURL(), Lang: "en", Log: log})
	st := handlers.DefaultSettings()
	st.MailFrom, st.Lang = ourAddress, "en"
	env.svc = &handlers.Service{DB: db, Slack: b, Directory: bot.NewDirectory(b, []string{"SADV"}, []string{"ULEAD"}),
		Mailer:   mail.NewMailer(mail.SMTPSettings{Addr: env.smtp.Addr(), TLS: mail.TLSNone}, &mail.IMAPSettings{Addr: env.imap.Addr(), Username: "affald", Password: "pw", TLS: mail.TLSNone, Auth: mail.AuthPlain, Mailbox: "INBOX"}, "Sent"),
		Calendar: workcal.Default(), Routes: handlers.Routes{Default: testChannel}, Settings: st, Log: log}
	startJobs(t, ctx, env.svc)
	env.bot = b
	env.recv = bot.NewReceiver(b, env.svc, bot.ReceiverOptions{})
	env.http = env.recv.HTTPHandler(testSecret)
	t.Cleanup(env.recv.Wait)
	return env
}

func startJobs(t testing.TB, ctx context.Context, svc *handlers.Service) {
	t.Helper()
	if err := jobs.Migrate(ctx, svc.DB.DB.DB, svc.DB.Dialect); err != nil {
		t.Fatal(err)
	}
	reg := jobs.NewRegistry()
	jobs.Register(reg, svc.SyncSlack, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.UpdateRoot, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.SendReply, jobs.Options{MaxAttempts: 10})
	jobs.Register(reg, svc.ReplyFailed, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.SuggestMerge, jobs.Options{MaxAttempts: 10})
	jobs.Register(reg, svc.MergeNotice, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.CallbackReminder, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.CallbackConfirm, jobs.Options{MaxAttempts: 5})
	q, err := jobs.New(svc.DB.DB.DB, reg, jobs.Config{Dialect: svc.DB.Dialect, PollInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	svc.DB.SetEnqueuer(q)
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Stop(ctx) })
}

// enquiry stores a citizen's mail and waits for its root message.
func (env *recvEnv) enquiry(t testing.TB) (int64, string) {
	t.Helper()
	raw := "From: Jens Hansen <jens@example.dk>\r\nTo: " + ourAddress + "\r\nSubject: Storskrald\r\nMessage-ID: <citizen-1@example.dk>\r\n\r\nHvornår?\r\n"
	in := mail.Incoming{Mailbox: "INBOX", UIDValidity: 1, UID: 1, InternalDate: time.Now(), Raw: []byte(raw)}
	if err := env.svc.HandleMail(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	env.slack.WaitFor(t, 10*time.Second, func() bool { return len(env.slack.Roots(testChannel)) == 1 })
	root := env.slack.Roots(testChannel)[0]
	id, _ := strconv.ParseInt(fmt.Sprint(root.Metadata.EventPayload["enquiry_id"]), 10, 64)
	// Slack shows the root a moment before the bot has recorded where it is.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		ref, ok, err := env.svc.DB.SlackRef(context.Background(), id)
		if err == nil && ok && ref.RootTS == root.TS {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("enquiry %d: the root message was not recorded within 10 s", id)
		}
	}
	return id, root.TS
}

// signed is a request to /slack/events signed with secret at time at.
func signed(body, contentType, secret string, at time.Time) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/slack/events", strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

const formType = "application/x-www-form-urlencoded"

// post sends a signed request and returns the response.
func (env *recvEnv) post(body, contentType string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	env.http.ServeHTTP(w, signed(body, contentType, testSecret, time.Now()))
	return w
}

// clickBody is the interactivity form of a button click on a root message.
func clickBody(user, actionID, value, rootTS string) string {
	return "payload=" + url.QueryEscape(mustJSON(clickPayload(user, actionID, value, rootTS)))
}

// clickPayload is one press of a button as Slack sends it: every press has
// an action_ts of its own.
func clickPayload(user, actionID, value, rootTS string) map[string]any {
	return map[string]any{"type": "block_actions", "trigger_id": "trig-1", "user": map[string]any{"id": user},
		"channel": map[string]any{"id": testChannel}, "container": map[string]any{"type": "message", "message_ts": rootTS, "channel_id": testChannel},
		"actions": []map[string]any{{"action_id": actionID, "block_id": bot.ActionsBlockID, "value": value, "type": "button", "selected_user": "UADV2",
			"action_ts": fmt.Sprintf("1764000000.%06d", pressSeq.Add(1))}}}
}

var pressSeq atomic.Int64

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
