package bot_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func commandBody(user, text string) string {
	return url.Values{"command": {"/affald"}, "text": {text}, "user_id": {user}, "channel_id": {testChannel},
		"trigger_id": {"trig-cmd"}, "team_id": {"T1"}}.Encode()
}

// statsPosts are the statistics summaries posted in channel.
func statsPosts(env *recvEnv, channel string) []slacktest.Message {
	var out []slacktest.Message
	for _, m := range env.slack.Roots(channel) {
		if strings.Contains(string(m.Blocks), "stats_figures") {
			out = append(out, m)
		}
	}
	return out
}

func filesIn(env *recvEnv, channel, suffix string) []slacktest.File {
	var out []slacktest.File
	for _, f := range env.slack.Files() {
		if f.Channel == channel && strings.HasSuffix(f.Name, suffix) {
			out = append(out, f)
		}
	}
	return out
}

// statsWait bounds the wait for the figures and the chart: a guard against a
// hang, not a timing (the chart is drawn slowly under the race detector on a
// busy machine).
const statsWait = time.Minute

func TestStatsCommandPostsFiguresAndChart(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		env.enquiry(t)
		if w := env.post(commandBody("UADV1", "stats sidste måned"), formType); w.Code != 200 {
			t.Fatalf("command: %d", w.Code)
		}
		env.slack.WaitFor(t, statsWait, func() bool { return len(filesIn(env, testChannel, ".png")) == 1 })
		env.recv.Wait()
		posts := statsPosts(env, testChannel)
		if len(posts) != 1 || !strings.Contains(string(posts[0].Blocks), "Statistics") || strings.Contains(string(posts[0].Blocks), "stats_advisers") {
			t.Fatalf("summaries in the channel: %+v", posts)
		}
		chart := filesIn(env, testChannel, ".png")[0]
		if chart.ThreadTS != posts[0].TS || !strings.HasPrefix(string(chart.Content), "\x89PNG") {
			t.Errorf("chart %s in thread %q (summary %s), %d bytes", chart.Name, chart.ThreadTS, posts[0].TS, len(chart.Content))
		}
		if n := len(env.slack.Ephemerals()); n != 0 {
			t.Errorf("%d ephemerals besides the channel's answer: %+v", n, env.slack.Ephemerals())
		}
	})
}

func TestStatsExportAndRefusals(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		env.post(commandBody("UADV1", "stats sidste måned eksport"), formType)
		env.post(commandBody("UOUTSIDER", "stats"), formType)
		env.slack.WaitFor(t, statsWait, func() bool { return len(env.slack.Ephemerals()) == 2 })
		env.recv.Wait()
		said := map[string]string{}
		for _, e := range env.slack.Ephemerals() {
			said[e.User] = e.Text
		}
		if !strings.Contains(said["UADV1"], "Only the team lead") || !strings.Contains(said["UOUTSIDER"], "Only advisers") {
			t.Errorf("refusals: %q", said)
		}
		if len(env.slack.Files()) != 0 || len(statsPosts(env, testChannel)) != 0 {
			t.Fatalf("a refused request posted: %d files, %d summaries", len(env.slack.Files()), len(statsPosts(env, testChannel)))
		}

		env.post(commandBody("ULEAD", "stats last month export"), formType)
		env.slack.WaitFor(t, statsWait, func() bool { return len(filesIn(env, "ULEAD", ".csv")) == 1 })
		env.recv.Wait()
		if len(statsPosts(env, testChannel)) != 1 || len(filesIn(env, testChannel, ".csv")) != 0 {
			t.Errorf("the lead's export in the shared channel: %d summaries, %d CSV files", len(statsPosts(env, testChannel)), len(filesIn(env, testChannel, ".csv")))
		}
		if dm := statsPosts(env, "ULEAD"); len(dm) != 1 {
			t.Errorf("%d summaries in the lead's DM, want 1", len(dm))
		}
		if e := env.slack.Ephemerals(); len(e) != 3 || e[2].User != "ULEAD" || !strings.Contains(e[2].Text, "direct message") {
			t.Errorf("the lead was not told where the export went: %+v", e)
		}
	})
}

func TestStatsCommandOverSocketMode(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newRecvEnv(t, db)
		sm := slacktest.NewSocketMode("xapp-1-test")
		defer sm.Close()
		recv := bot.NewReceiver(botFor(env), env.svc, bot.ReceiverOptions{APIURL: sm.APIURL()})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go recv.RunSocketMode(ctx, "xapp-1-test")
		waitConnected(t, recv)
		id, err := sm.Send(slacktest.EnvelopeCommand, map[string]any{"command": "/affald", "text": "stats sidste måned", "user_id": "UADV1", "channel_id": testChannel})
		if err != nil {
			t.Fatal(err)
		}
		sm.WaitFor(t, 5*time.Second, func() bool { return len(sm.AcksOf(id)) == 1 })
		env.slack.WaitFor(t, statsWait, func() bool { return len(filesIn(env, testChannel, ".png")) == 1 })
		recv.Wait()
		if len(statsPosts(env, testChannel)) != 1 {
			t.Errorf("%d summaries over Socket Mode, want 1", len(statsPosts(env, testChannel)))
		}
	})
}
