package bot_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/workcal"
)

func TestDigestBlocksStayWithinLimitsAndEscape(t *testing.T) {
	now := time.Date(2026, 12, 1, 7, 0, 0, 0, time.UTC)
	d := &handlers.Digest{Day: workcal.Date{Year: 2026, Month: 12, Day: 1}, Since: workcal.Date{Year: 2026, Month: 11, Day: 30}, Now: now, Lang: "en",
		Figures: storage.DayFigures{Received: map[affaldsbot.Channel]int{affaldsbot.ChannelMail: 14, affaldsbot.ChannelPhone: 6},
			Answered: 11, Closed: 3, Open: map[affaldsbot.Status]int{affaldsbot.StatusNew: 5}}}
	for i := range 15 {
		d.Due = append(d.Due, storage.DeadlineItem{EnquiryID: int64(100 + i), Subject: strings.Repeat("<!channel> sofa ", 40),
			Holder: "UADV1", DeadlineAt: now.Add(time.Duration(i-2) * time.Hour)})
	}
	for i := range 15 {
		d.Callbacks = append(d.Callbacks, storage.OverdueCallback{EnquiryID: int64(200 + i), DueAt: now.Add(-time.Duration(i+1) * time.Hour), Holder: "UADV2"})
	}
	blocks := bot.DigestBlocks(d)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(blocks); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	for _, want := range []string{"Daily digest 1 Dec 2026", "📧 14 · 📞 6", "11 / 3", "#100", "(overdue)", "<@UADV1>",
		"Booked call-backs not made", "#200 – booked for 1 Dec 2026 at 06:00, held by <@UADV2>"} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q", want)
		}
	}
	if strings.Contains(text, "<!channel>") {
		t.Error("a citizen's subject pings the channel")
	}
	if code, detail := slacktest.ValidateBlocks(text); code != "" {
		t.Errorf("Slack would refuse the digest: %s %s", code, detail)
	}
}

// TestDigestBlocksShowTheRatings: a digest with ratings has their field;
// one without has none.
func TestDigestBlocksShowTheRatings(t *testing.T) {
	d := &handlers.Digest{Day: workcal.Date{Year: 2026, Month: 12, Day: 1}, Since: workcal.Date{Year: 2026, Month: 11, Day: 30},
		Lang: "da", Loc: time.UTC, Now: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC),
		Ratings: storage.DayRatings{Rated: 3, Satisfied: 2, Comments: 1}}
	raw, _ := json.Marshal(bot.DigestBlocks(d))
	if !strings.Contains(string(raw), "Borgernes vurderinger") || !strings.Contains(string(raw), "3 · 2 tilfredse (4–5) · 1 med kommentar") {
		t.Errorf("no ratings in %s", raw)
	}
	d.Ratings = storage.DayRatings{}
	if raw, _ := json.Marshal(bot.DigestBlocks(d)); strings.Contains(string(raw), "vurderinger") {
		t.Errorf("a digest without ratings shows them: %s", raw)
	}
}
