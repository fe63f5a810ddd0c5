package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// TestWeeklyInsightsReachTheLeadWhoMarksAGap: the weekly job sends the
// lead, in a direct message, last week's report with its recurring question
// and a gap button, once however often it runs; an adviser's press of the
// button is refused and stores nothing; the lead's press lists the
// question among the guidance gaps, once however often Slack delivers it.
func TestWeeklyInsightsReachTheLeadWhoMarksAGap(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b := startBot(t, dialect, map[string]string{"SLACK_ADVISERS": "UADV1", "SLACK_LEADS": "ULEAD", "INSIGHTS_REPORT": "monday 00:00"})
			ctx := context.Background()
			lastWeek := mondayOf(time.Now().In(b.Config.Location)).AddDate(0, 0, -5).Add(10 * time.Hour)
			for i, q := range [][2]string{
				{"Fedtet pizzabakke", "Hvor skal jeg smide en fedtet pizzabakke? Pap eller restaffald?"},
				{"Fedtet pizzabakke i pap?", "Må jeg smide en fedtet pizzabakke i pap?"},
				{"Pizzabakke, ring 22334455", "Hvor smider jeg en fedtet pizzabakke, restaffald eller pap?"},
				{"Storskrald", "Hvornår henter I storskrald i Valby?"},
			} {
				raw := strings.ReplaceAll(citizenMail(fmt.Sprintf("w%d@example.dk", i), q[0], q[1]), "\n", "\r\n")
				in := mail.Incoming{Mailbox: "INBOX", UIDValidity: 9, UID: uint32(100 + i), InternalDate: lastWeek.Add(time.Duration(i) * time.Hour), Raw: []byte(raw)}
				if err := b.Service.HandleMails(ctx, []mail.Incoming{in}, handlers.IntakeOptions{NoSlack: true}); err != nil {
					t.Fatal(err)
				}
			}
			// the first enquiry has a thread: the report links to it
			if err := b.DB.MarkRootPending(ctx, 1, "CENQ"); err != nil {
				t.Fatal(err)
			}
			if err := b.DB.SetRootTS(ctx, 1, "1764600000.000100"); err != nil {
				t.Fatal(err)
			}
			for range 2 {
				if err := b.Service.WeeklyInsights(ctx, handlers.InsightsArgs{}); err != nil {
					t.Fatal(err)
				}
			}
			dm := b.slack.Messages("ULEAD")
			if len(dm) != 2 {
				t.Fatalf("%d messages to the lead after two runs, want the report's two", len(dm))
			}
			if !strings.Contains(string(dm[0].Blocks), "Ugens indsigt") || !strings.Contains(string(dm[0].Blocks), "Fedtet pizzabakke") {
				t.Errorf("report:\n%s", dm[0].Blocks)
			}
			for _, m := range dm {
				if strings.Contains(string(m.Blocks)+m.Text, "22334455") {
					t.Errorf("the report quotes a citizen's phone number:\n%s", m.Blocks)
				}
			}
			for i, m := range dm {
				if link := `/archives/CENQ/p1764600000000100|#1\u003e`; !strings.Contains(string(m.Blocks), link) {
					t.Errorf("message %d of the report does not link #1 to its thread (%s):\n%s", i, link, m.Blocks)
				}
			}
			value := gapButtonValue(t, dm[1])
			press := func(user, actionTS string) {
				t.Helper()
				if got := b.slackPost(t, gapPress(user, value, dm[1].TS, actionTS), "application/x-www-form-urlencoded", time.Now(), secSlackSecret); got != 200 {
					t.Fatalf("status %d", got)
				}
				b.Receiver.Wait()
			}
			press("UADV1", "1900000001.000100")
			if n := b.count(t, `SELECT COUNT(*) FROM guidance_gaps`); n != 0 {
				t.Errorf("an adviser's press stored %d gaps", n)
			}
			if e := b.slack.Ephemerals(); len(e) != 1 || e[0].User != "UADV1" || !strings.Contains(e[0].Text, "teamledere") {
				t.Errorf("the adviser was told %+v", e)
			}
			press("ULEAD", "1900000002.000100")
			press("ULEAD", "1900000002.000100") // Slack delivers the same press again
			gaps, err := b.DB.GuidanceGaps(ctx)
			if err != nil || len(gaps) != 1 || !strings.Contains(strings.ToLower(gaps[0].Question), "pizzabakke") || len(gaps[0].EnquiryIDs) != 3 || gaps[0].MarkedBy != "ULEAD" {
				t.Errorf("gaps %+v, %v; want the pizza-box question with its three enquiries, once", gaps, err)
			}
		})
	}
}

func mondayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	return day.AddDate(0, 0, -int((day.Weekday()+6)%7))
}

// gapButtonValue is the value of the first gap button of a message.
func gapButtonValue(t *testing.T, m slacktest.Message) string {
	t.Helper()
	var blocks []struct {
		Accessory struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"accessory"`
	}
	if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	for _, bl := range blocks {
		if bl.Accessory.ActionID == bot.ActionMarkGap {
			return bl.Accessory.Value
		}
	}
	t.Fatalf("no gap button in %s", m.Blocks)
	return ""
}

// gapPress is the block_actions payload of a press of the gap button in
// the lead's direct message.
func gapPress(user, value, messageTS, actionTS string) string {
	p := map[string]any{"type": "block_actions", "trigger_id": "trig-1", "user": map[string]any{"id": user},
		"channel": map[string]any{"id": "DLEAD"}, "container": map[string]any{"type": "message", "message_ts": messageTS, "channel_id": "DLEAD"},
		"actions": []map[string]any{{"action_id": bot.ActionMarkGap, "block_id": "insights_gap_0", "value": value, "type": "button", "action_ts": actionTS}}}
	return "payload=" + url.QueryEscape(mustMarshal(p))
}
