package bot_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
)

func TestHomeShowsThisWeeksFigures(t *testing.T) {
	h := &handlers.Home{Adviser: true, Week: storage.Week{
		Received: map[affaldsbot.Channel]int{affaldsbot.ChannelMail: 31, affaldsbot.ChannelPhone: 12},
		Open:     map[affaldsbot.Status]int{affaldsbot.StatusNew: 4, affaldsbot.StatusClaimed: 7, affaldsbot.StatusAnswered: 9},
	}}
	for lang, want := range map[string][]string{
		"en": {"This week", "Received: 31 mail, 12 calls", "Open: 4 new, 7 claimed, 9 answered"},
		"da": {"Denne uge", "Modtaget: 31 mail, 12 opkald"},
	} {
		b, err := json.Marshal(bot.HomeView(h, lang).Blocks)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s App Home lacks %q:\n%s", lang, w, b)
			}
		}
	}
	if b, _ := json.Marshal(bot.HomeView(&handlers.Home{}, "en").Blocks); strings.Contains(string(b), "This week") {
		t.Errorf("a non-adviser's App Home shows the figures: %s", b)
	}
}
