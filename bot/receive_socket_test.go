package bot_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestSocketModeAcksOnceActsOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		id, rootTS := env.enquiry(t)
		sm := slacktest.NewSocketMode("xapp-1-test")
		defer sm.Close()
		recv := bot.NewReceiver(botFor(env), env.svc, bot.ReceiverOptions{APIURL: sm.APIURL()})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- recv.RunSocketMode(ctx, "xapp-1-test") }()
		sm.WaitFor(t, 5*time.Second, func() bool { return sm.Opens() == 1 })
		waitConnected(t, recv)

		click := clickPayload("UADV1", bot.ActionClaim, strconv.FormatInt(id, 10), rootTS)
		envID, err := sm.Send(slacktest.EnvelopeInteractive, click)
		if err != nil {
			t.Fatal(err)
		}
		sm.WaitFor(t, 5*time.Second, func() bool { return len(sm.AcksOf(envID)) == 1 })
		if err := sm.Redeliver(envID, slacktest.EnvelopeInteractive, click); err != nil {
			t.Fatal(err)
		}
		sm.WaitFor(t, 5*time.Second, func() bool { return len(sm.AcksOf(envID)) == 2 })
		recv.Wait()
		cmdID, _ := sm.Send(slacktest.EnvelopeCommand, map[string]any{"command": "/affald", "text": "mine", "user_id": "UADV1", "channel_id": testChannel})
		sm.WaitFor(t, 5*time.Second, func() bool { return len(sm.AcksOf(cmdID)) == 1 })
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Ephemerals()) == 1 })
		recv.Wait()
		if n := countClaims(t, db, id); n != 1 {
			t.Errorf("%d claimed events after a redelivered click, want 1", n)
		}
		if eph := env.slack.Ephemerals(); !strings.Contains(eph[0].Text, "#"+strconv.FormatInt(id, 10)) {
			t.Errorf("answer to `mine`: %q (and nothing about the redelivery)", eph[0].Text)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunSocketMode: %v", err)
		}
		if recv.SocketConnected() {
			t.Error("still connected after the end")
		}
	})
}

func TestSocketModeReconnectsWhenAsked(t *testing.T) {
	sm := slacktest.NewSocketMode("")
	defer sm.Close()
	b := bot.New(bot.Options{BotToken: "xoxb-test", APIURL: sm.APIURL()})
	recv := bot.NewReceiver(b, nil, bot.ReceiverOptions{APIURL: sm.APIURL()})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go recv.RunSocketMode(ctx, "xapp-1-any")
	sm.WaitFor(t, 5*time.Second, func() bool { return sm.Opens() == 1 })
	if err := sm.Disconnect(); err != nil {
		t.Fatal(err)
	}
	sm.WaitFor(t, 10*time.Second, func() bool { return sm.Opens() == 2 })
}

func TestSocketModeRefusedTokenEnds(t *testing.T) {
	sm := slacktest.NewSocketMode("xapp-right")
	defer sm.Close()
	recv := bot.NewReceiver(bot.New(bot.Options{BotToken: "xoxb-test"}), nil, bot.ReceiverOptions{APIURL: sm.APIURL()})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := recv.RunSocketMode(ctx, "xapp-wrong"); err == nil || ctx.Err() != nil {
		t.Errorf("RunSocketMode with a refused token: %v", err)
	}
}

func countClaims(t testing.TB, db *storage.DB, id int64) int {
	t.Helper()
	evs, err := db.Events(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.Type == affaldsbot.EventClaimed {
			n++
		}
	}
	return n
}

// waitConnected waits for the receiver to report its connection up; it learns
// of it just after the server does.
func waitConnected(t *testing.T, recv *bot.Receiver) {
	t.Helper()
	for i := 0; i < 500 && !recv.SocketConnected(); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if !recv.SocketConnected() {
		t.Fatal("the receiver does not report its Socket Mode connection")
	}
}

// TestSocketModeEnvelopeAfterRestart: a `svar:` envelope is acted on, the
// process goes away, and Slack delivers the same envelope to the next one (a
// fresh receiver, nothing remembered in memory): one reply, one mail.
func TestSocketModeEnvelopeAfterRestart(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		_, rootTS := env.enquiry(t)
		sm := slacktest.NewSocketMode("xapp-1-test")
		defer sm.Close()
		event := map[string]any{"type": "event_callback", "event_id": "EvSock1", "team_id": "T1",
			"event": map[string]any{"type": "message", "user": "UADV1", "text": "svar: Vi henter torsdag.", "ts": "1900000000.000100",
				"thread_ts": rootTS, "channel": testChannel, "channel_type": "channel"}}
		var envID string
		for run := range 2 {
			recv := bot.NewReceiver(botFor(env), env.svc, bot.ReceiverOptions{APIURL: sm.APIURL()})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- recv.RunSocketMode(ctx, "xapp-1-test") }()
			sm.WaitFor(t, 5*time.Second, func() bool { return sm.Opens() == run+1 })
			waitConnected(t, recv)
			var err error
			if run == 0 {
				envID, err = sm.Send(slacktest.EnvelopeEvents, event)
			} else {
				err = sm.Redeliver(envID, slacktest.EnvelopeEvents, event)
			}
			if err != nil {
				t.Fatal(err)
			}
			sm.WaitFor(t, 5*time.Second, func() bool { return len(sm.AcksOf(envID)) == run+1 })
			waitMails(t, env, 1)
			cancel() // an event is acknowledged before its work starts: stop the loop, then wait for the work
			<-done
			recv.Wait()
		}
		time.Sleep(300 * time.Millisecond)
		if n := len(env.smtp.Mails()); n != 1 {
			t.Errorf("%d mails after the envelope came again to a new process, want 1", n)
		}
	})
}
