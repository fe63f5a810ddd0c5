package teams_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/internal/teamstest"
	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/affaldsbot/affaldsbot/teams"
	"github.com/affaldsbot/affaldsbot/workcal"
)

const (
	adviser  = "6f1c0a52-0c1e-4c4b-9a57-0d3f1f2b8e11"
	adviser2 = "9b2e4c11-7d3a-4f6e-8a90-1c2d3e4f5a6b"
	outsider = "0d6c1b77-5a0e-4e55-b0a3-7c1f3d2e9a40"
	ourMail  = "affald@kk.example"
	tenant   = "72f988bf-86f1-41af-91ab-2d7cd011db47"
)

// tenv is the Teams receiver and surface against the fake Bot Framework and
// a capturing SMTP server, with the job queue running.
type tenv struct {
	fake *teamstest.Server
	smtp *smtptest.Server
	svc  *handlers.Service
	recv *teams.Receiver
	h    http.Handler
}

func newTenv(t *testing.T, db *storage.DB) *tenv {
	t.Helper()
	ctx := context.Background()
	e := &tenv{smtp: smtptest.Start(t)}
	fake := teamstest.New(teamstest.Options{AppID: appID, AppPassword: password, Tenant: "tenant-1"})
	t.Cleanup(fake.Close)
	s := surfaceOn(t, fake, db.TeamsPosts())
	e.fake = fake
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	roles := teams.NewStaticRoles([]string{adviser, adviser2}, nil)
	st := handlers.DefaultSettings()
	st.MailFrom, st.Lang = ourMail, "en"
	e.svc = &handlers.Service{DB: db, Slack: s, Directory: roles, Calendar: workcal.Default(),
		Mailer: mail.NewMailer(mail.SMTPSettings{Addr: e.smtp.Addr(), TLS: mail.TLSNone}, nil, "Sent"),
		Routes: handlers.Routes{Default: channel}, Settings: st, Log: log}
	startJobs(t, ctx, e.svc)
	auth := newAuth(t, fake)
	recv, err := teams.NewReceiver(teams.ReceiverConfig{Auth: auth, Surface: s, Service: e.svc, Roles: roles, Channel: channel,
		TenantID: tenant, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	e.recv, e.h = recv, recv.Handler()
	return e
}

func startJobs(t *testing.T, ctx context.Context, svc *handlers.Service) {
	t.Helper()
	if err := jobs.Migrate(ctx, svc.DB.DB.DB, svc.DB.Dialect); err != nil {
		t.Fatal(err)
	}
	reg := jobs.NewRegistry()
	jobs.Register(reg, svc.SyncSlack, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.UpdateRoot, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.SendReply, jobs.Options{MaxAttempts: 10})
	jobs.Register(reg, svc.ReplyFailed, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.SuggestMerge, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.Draft, jobs.Options{MaxAttempts: 3})
	jobs.Register(reg, svc.RenderDraft, jobs.Options{MaxAttempts: 5})
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

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10 s", what)
		}
	}
}

// enquiry takes a citizen's mail and returns the enquiry and its root card's id.
func (e *tenv) enquiry(t *testing.T) (int64, string) {
	t.Helper()
	ctx := context.Background()
	raw := "From: Jens Hansen <jens@example.dk>\r\nTo: " + ourMail + "\r\nSubject: Storskrald *nu*\r\nMessage-ID: <citizen-1@example.dk>\r\n\r\nHvornår <henter> I?\r\n"
	in := mail.Incoming{Mailbox: "INBOX", UIDValidity: 1, UID: 1, InternalDate: time.Now(), Raw: []byte(raw)}
	if err := e.svc.HandleMail(ctx, in); err != nil {
		t.Fatal(err)
	}
	var id int64
	var root string
	waitFor(t, "root card recorded", func() bool {
		live := e.fake.Live(channel)
		if len(live) != 1 {
			return false
		}
		found, ok, err := e.svc.DB.EnquiryBySlackTS(ctx, channel, live[0].ActivityID)
		id, root = found, live[0].ActivityID
		return err == nil && ok
	})
	return id, root
}

var activitySeq atomic.Int64

// activity is an activity as the Bot Connector sends it from user in conv.
func (e *tenv) activity(typ, name, user, conv string, value any) map[string]any {
	a := map[string]any{"type": typ, "id": fmt.Sprintf("f:%d", activitySeq.Add(1)), "serviceUrl": e.fake.ServiceURL(),
		"channelId": "msteams", "from": map[string]any{"id": "29:" + user, "name": "Mette", "aadObjectId": user},
		"conversation": map[string]any{"id": conv, "conversationType": "channel"},
		"channelData":  map[string]any{"tenant": map[string]any{"id": tenant}}}
	if name != "" {
		a["name"] = name
	}
	if value != nil {
		a["value"] = value
	}
	return a
}

func (e *tenv) post(t *testing.T, a any) (int, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(a)
	req := httptest.NewRequest(http.MethodPost, "/api/messages", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.fake.ChannelToken(e.fake.ServiceURL()))
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, req)
	var out map[string]any
	if strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("answer %s: %v", w.Body, err)
		}
	}
	return w.Code, out
}

func execute(verb string, id int64) map[string]any {
	return map[string]any{"action": map[string]any{"type": "Action.Execute", "verb": verb,
		"data": map[string]any{"enquiry": fmt.Sprintf("#%d", id), "verb": verb}}, "trigger": "manual"}
}

func (e *tenv) mailsTo(addr string) int {
	n := 0
	for _, m := range e.smtp.Mails() {
		if len(m.To) == 1 && m.To[0] == addr {
			n++
		}
	}
	return n
}

func TestTeamsClaimReplyByDialogAndInTheReplyChain(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		e := newTenv(t, db)
		id, root := e.enquiry(t)
		thread := teams.ThreadConversation(channel, root)

		code, out := e.post(t, e.activity("invoke", "adaptiveCard/action", outsider, channel, execute("claim", id)))
		if code != http.StatusOK || out["type"] != "application/vnd.microsoft.activity.message" || !strings.Contains(fmt.Sprint(out["value"]), "TEAMS_ADVISERS") {
			t.Fatalf("claim by an outsider: %d %v; want the refusal as the action's message", code, out)
		}
		code, out = e.post(t, e.activity("invoke", "adaptiveCard/action", adviser, channel, execute("claim", id)))
		card, _ := json.Marshal(out["value"])
		if code != http.StatusOK || out["type"] != teams.CardContentType || !strings.Contains(string(card), `"verb":"release"`) {
			t.Fatalf("claim: %d %s; want the refreshed card with a release button", code, card)
		}
		code, out = e.post(t, e.activity("invoke", "adaptiveCard/action", adviser2, channel, execute("claim", id)))
		if msg := fmt.Sprint(out["value"]); code != http.StatusOK || !strings.Contains(msg, "Mette") || strings.Contains(msg, "<@") {
			t.Errorf("claim of a claimed enquiry: %d %q; want who holds it, by name", code, msg)
		}

		_, out = e.post(t, e.activity("invoke", "task/fetch", adviser, channel, map[string]any{"data": map[string]any{"enquiry": fmt.Sprintf("#%d", id)}}))
		dialog, _ := json.Marshal(out)
		if !strings.Contains(string(dialog), "jens@example.dk") || !strings.Contains(string(dialog), fmt.Sprintf("Storskrald *nu* [#%d]", id)) {
			t.Fatalf("task/fetch: %s; want the dialog with recipient and subject", dialog)
		}
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
		if err := json.Unmarshal(dialog, &task); err != nil || len(task.Task.Value.Card.Content.Actions) != 1 {
			t.Fatalf("dialog %s: %v", dialog, err)
		}
		data := task.Task.Value.Card.Content.Actions[0].Data
		data["text"] = "Vi henter på mandag."
		submit := e.activity("invoke", "task/submit", adviser, channel, map[string]any{"data": data})
		for range 2 { // the same submission delivered twice
			code, out = e.post(t, submit)
			if code != http.StatusOK || !strings.Contains(fmt.Sprint(out), "jens@example.dk") {
				t.Fatalf("task/submit: %d %v", code, out)
			}
		}
		waitFor(t, "the reply mailed", func() bool { return e.mailsTo("jens@example.dk") == 1 })

		svar := e.activity("message", "", adviser, thread, nil)
		svar["text"] = "<at>affaldsbot</at> svar: Og låget &lt;skal&gt; i pap."
		note := e.activity("message", "", adviser, thread, nil)
		note["text"] = "ringede også"
		for range 2 {
			for _, a := range []map[string]any{svar, note} {
				if code, _ := e.post(t, a); code != http.StatusOK {
					t.Fatalf("message: %d", code)
				}
			}
		}
		waitFor(t, "the svar: reply mailed", func() bool { return e.mailsTo("jens@example.dk") == 2 })
		time.Sleep(300 * time.Millisecond) // a third mail would come now
		if n := e.mailsTo("jens@example.dk"); n != 2 {
			t.Errorf("%d mails to the citizen; want 2 (the dialog's and the svar:, each once)", n)
		}
		if got := string(e.smtp.Mails()[1].Data); !strings.Contains(got, "Og l=C3=A5get <skal> i pap.") && !strings.Contains(got, "Og låget <skal> i pap.") {
			t.Errorf("second mail %s; want the text as typed, mention and prefix removed", got)
		}
		msgs, err := db.Messages(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		notes := 0
		for _, m := range msgs {
			if m.Body == "ringede også" {
				notes++
			}
		}
		if notes != 1 {
			t.Errorf("%d notes; want the note kept once", notes)
		}
	})
}

func TestTeamsCommandInAPersonalChat(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		e := newTenv(t, db)
		id, _ := e.enquiry(t)
		a := e.activity("message", "", adviser, "a:personal-mette", nil)
		a["conversation"].(map[string]any)["conversationType"] = "personal"
		a["text"] = "åbne"
		for range 2 {
			if code, _ := e.post(t, a); code != http.StatusOK {
				t.Fatalf("command: %d", code)
			}
		}
		live := e.fake.Live("a:personal-mette")
		if len(live) != 1 || !strings.Contains(string(live[0].Raw), fmt.Sprintf("#%d Storskrald *nu*", id)) {
			t.Errorf("personal chat %+v; want one answer listing #%d", live, id)
		}
	})
}

func TestTeamsBadRequestsNameTheProblem(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		e := newTenv(t, db)
		id, _ := e.enquiry(t)
		other := e.activity("invoke", "adaptiveCard/action", adviser, channel, execute("claim", id))
		other["serviceUrl"] = "https://elsewhere.example/"
		otherTenant := e.activity("invoke", "adaptiveCard/action", adviser, channel, execute("claim", id))
		otherTenant["channelData"] = map[string]any{"tenant": map[string]any{"id": "0d6c1b77-0000-4e55-b0a3-7c1f3d2e9a40"}}
		noUser := e.activity("invoke", "adaptiveCard/action", adviser, channel, execute("claim", id))
		delete(noUser["from"].(map[string]any), "aadObjectId")
		for name, tc := range map[string]struct {
			body any
			code int
			says string
		}{
			"not JSON":          {"{", http.StatusBadRequest, "malformed activity"},
			"no type":           {map[string]any{"serviceUrl": e.fake.ServiceURL()}, http.StatusBadRequest, "activity type missing"},
			"other serviceUrl":  {other, http.StatusForbidden, "serviceUrl"},
			"other tenant":      {otherTenant, http.StatusForbidden, "TEAMS_TENANT_ID"},
			"no user":           {noUser, http.StatusBadRequest, "aadObjectId"},
			"unknown invoke":    {e.activity("invoke", "composeExtension/query", adviser, channel, map[string]any{}), http.StatusBadRequest, "composeExtension/query"},
			"unknown verb":      {e.activity("invoke", "adaptiveCard/action", adviser, channel, execute("delete", id)), http.StatusBadRequest, "delete"},
			"no enquiry number": {e.activity("invoke", "adaptiveCard/action", adviser, channel, execute("claim", 0)), http.StatusBadRequest, "enquiry"},
		} {
			var body string
			if s, ok := tc.body.(string); ok {
				body = s
			} else {
				b, _ := json.Marshal(tc.body)
				body = string(b)
			}
			req := httptest.NewRequest(http.MethodPost, "/api/messages", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+e.fake.ChannelToken(e.fake.ServiceURL()))
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, req)
			if w.Code != tc.code || !strings.Contains(w.Body.String(), tc.says) {
				t.Errorf("%s: %d %q; want %d naming %q", name, w.Code, w.Body, tc.code, tc.says)
			}
		}
	})
}
