package bot_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// mailFrom stores a mail of its own subject from jens@example.dk and waits
// for its root message.
func (env *recvEnv) mailFrom(t *testing.T, uid uint32, subject, body string) (int64, string) {
	t.Helper()
	raw := fmt.Sprintf("From: Jens Hansen <jens@example.dk>\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <m-%d@example.dk>\r\n\r\n%s\r\n", ourAddress, subject, uid, body)
	in := mail.Incoming{Mailbox: "INBOX", UIDValidity: 1, UID: uid, InternalDate: time.Now(), Raw: []byte(raw)}
	if err := env.svc.HandleMail(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	var id int64
	var ts string
	env.slack.WaitFor(t, 10*time.Second, func() bool {
		for _, m := range env.slack.Roots(testChannel) {
			if strings.Contains(m.Text, subject) {
				id, _ = strconv.ParseInt(fmt.Sprint(m.Metadata.EventPayload["enquiry_id"]), 10, 64)
				ts = m.TS
				return true
			}
		}
		return false
	})
	return id, ts
}

// pressBody is one press of a button in a thread, with its own action_ts as
// Slack sends it (a press delivered again carries the same one).
func pressBody(user, actionID, value, messageTS, actionTS string) string {
	p := clickPayload(user, actionID, value, messageTS)
	p["actions"].([]map[string]any)[0]["action_ts"] = actionTS
	return "payload=" + url.QueryEscape(mustJSON(p))
}

// threadWith returns the messages of the thread whose blocks or text hold s.
func threadWith(msgs []slacktest.Message, s string) []slacktest.Message {
	var out []slacktest.Message
	for _, m := range msgs {
		if m.IsReply() && (strings.Contains(string(m.Blocks), s) || strings.Contains(m.Text, s)) {
			out = append(out, m)
		}
	}
	return out
}

func TestMergeSuggestedMergedOnceAndUndone(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		older, olderTS := env.mailFrom(t, 1, "Storskrald", "Hvornår henter I?")
		newer, newerTS := env.mailFrom(t, 2, "Glemte at sige", "Det er en sofa <!channel>.")
		value := bot.MergeValue(newer, older)
		var suggestion slacktest.Message
		env.slack.WaitFor(t, 10*time.Second, func() bool {
			s := threadWith(env.slack.Thread(testChannel, newerTS), bot.ActionMerge)
			if len(s) == 1 {
				suggestion = s[0]
			}
			return len(s) == 1
		})
		link := "https://affaldsbot-test.slack.com/archives/" + testChannel + "/p" + strings.Replace(olderTS, ".", "", 1)
		for _, want := range []string{`"value":"` + value + `"`, link, "Storskrald", "Merge into #" + strconv.FormatInt(older, 10)} {
			if !strings.Contains(string(suggestion.Blocks), want) {
				t.Errorf("suggestion lacks %q: %s", want, suggestion.Blocks)
			}
		}

		env.post(pressBody("UOUTSIDER", bot.ActionMerge, value, suggestion.TS, "100.1"), formType)
		env.slack.WaitFor(t, 5*time.Second, func() bool { return len(env.slack.Ephemerals()) == 1 })
		if e := env.slack.Ephemerals()[0]; e.User != "UOUTSIDER" || !strings.Contains(e.Text, "Only advisers") {
			t.Errorf("refusal %+v", e)
		}

		press := pressBody("UADV1", bot.ActionMerge, value, suggestion.TS, "100.2")
		env.post(press, formType)
		env.post(press, formType) // delivered again
		env.slack.WaitFor(t, 10*time.Second, func() bool {
			return len(threadWith(env.slack.Thread(testChannel, olderTS), "Det er en sofa")) == 1 &&
				len(threadWith(env.slack.Thread(testChannel, newerTS), bot.ActionUnmerge)) == 1 &&
				strings.Contains(string(env.slack.Roots(testChannel)[1].Blocks), "Merged into #"+strconv.FormatInt(older, 10))
		})
		env.recv.Wait()
		time.Sleep(300 * time.Millisecond) // what a second merge would post
		if n := len(threadWith(env.slack.Thread(testChannel, olderTS), "Det er en sofa")); n != 1 {
			t.Errorf("the moved mail is in the older thread %d times, want once", n)
		}
		if n := len(threadWith(env.slack.Thread(testChannel, olderTS), "was merged in here by <@UADV1>")); n != 1 {
			t.Errorf("%d merge notices in the older thread, want 1", n)
		}
		if moved := threadWith(env.slack.Thread(testChannel, olderTS), "Det er en sofa"); len(moved) == 1 && strings.Contains(string(moved[0].Blocks), "<!channel>") {
			t.Errorf("the moved mail pings the channel: %s", moved[0].Blocks)
		}

		undo := threadWith(env.slack.Thread(testChannel, newerTS), bot.ActionUnmerge)[0]
		env.post(pressBody("UADV2", bot.ActionUnmerge, strconv.FormatInt(newer, 10), undo.TS, "200.1"), formType)
		env.slack.WaitFor(t, 10*time.Second, func() bool {
			root := string(env.slack.Roots(testChannel)[1].Blocks)
			return !strings.Contains(root, "Merged into") && strings.Contains(root, bot.ActionClaim) &&
				len(threadWith(env.slack.Thread(testChannel, newerTS), "undone by <@UADV2>")) == 1
		})
		env.post(press, formType) // the merge press once more, after the undo
		env.recv.Wait()
		time.Sleep(300 * time.Millisecond)
		if e, err := db.GetEnquiry(context.Background(), newer); err != nil || e.MergedInto != nil {
			t.Errorf("after the undo and a replayed merge: %+v, %v; want not merged", e, err)
		}
	})
}
