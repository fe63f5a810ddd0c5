package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/stats"
)

func TestUserNamesFromSlackAreCached(t *testing.T) {
	srv := slacktest.New(slacktest.Options{PostsPerSecond: -1, Users: map[string]slacktest.User{
		"U0000ADV1": {Name: "ida", RealName: "Ida Holm"},
	}})
	defer srv.Close()
	b := New(Options{BotToken: "xoxb-test", APIURL: srv.APIURL(), Lang: LangDanish})
	ctx := context.Background()
	for range 3 {
		if got := b.UserName(ctx, "U0000ADV1"); got != "ida" {
			t.Errorf("UserName = %q, want the display name %q", got, "ida")
		}
		if got := b.UserName(ctx, "U0000GONE"); got != "" {
			t.Errorf("UserName of an unknown user = %q, want none", got)
		}
	}
	if n := srv.Calls("users.info"); n != 2 {
		t.Errorf("users.info called %d times for two users asked thrice; want 2 (cached)", n)
	}
	where, _, err := b.postStats(ctx, "C1", sampleReport(), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages(where)
	if len(msgs) != 1 {
		t.Fatalf("%d messages posted, want 1", len(msgs))
	}
	text := string(msgs[0].Blocks)
	if !strings.Contains(text, "ida 6.000 / 5.900") || !strings.Contains(text, "U0000ADV2 7.000 / 6.900") {
		t.Errorf("advisers not named from Slack, with the ID as fallback:\n%s", text)
	}
}

func TestStatsTopicLabelsAgree(t *testing.T) {
	for _, lang := range []string{LangDanish, LangEnglish} {
		for _, tp := range affaldsbot.Topics {
			if a, b := TopicLabel(tp, lang), stats.TopicLabel(tp, lang); a != b {
				t.Errorf("%s %s: views say %q, statistics %q", lang, tp, a, b)
			}
		}
	}
}
