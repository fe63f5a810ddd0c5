package main

// Security of POST /api/calls against the real program, on SQLite and
// PostgreSQL. docs/never.md items covered:
//   - "A request to /slack/events or /api/calls acted on without a valid
//     signature": TestSecurityCallsWebhookSignatures (unsigned, wrongly signed,
//     stale, future → 401; over 64 KiB → 413; nothing stored in any case).
//   - §4.7 "no citizen can make the bot ping @channel, @here, a user or a
//     group, or render a link that is not theirs", for the fields a call
//     carries: TestSecurityCallFieldsCannotMentionOrLink.

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func callBody(t *testing.T, id, name, note, by string) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"call_id": id, "caller_number": "+4512345678", "caller_name": name, "note": note,
		"queue": "affald", "transferred_by": by, "transferred_at": time.Now().Format(time.RFC3339), "answered_at": nil, "ended_at": nil})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSecurityCallsWebhookSignatures(t *testing.T) {
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b := startSecurityBot(t, dialect, nil)
			now := time.Now()
			body := callBody(t, "pz-sig-1", "Jens Hansen", "Storskrald", "Borgerservice")
			big := callBody(t, "pz-sig-2", "Jens Hansen", strings.Repeat("x", 64<<10), "Borgerservice")
			for _, tc := range []struct {
				name   string
				body   []byte
				at     time.Time
				secret string
				want   int
			}{
				{"unsigned", body, now, "", 401},
				{"wrong secret", body, now, "not-the-secret", 401},
				{"stale", body, now.Add(-6 * time.Minute), secCallSecret, 401},
				{"future", body, now.Add(6 * time.Minute), secCallSecret, 401},
				{"over 64 KiB", big, now, secCallSecret, 413},
			} {
				before := b.count(t, `SELECT COUNT(*) FROM enquiries`)
				if got := b.postCall(t, tc.body, tc.at, tc.secret); got != tc.want {
					t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
				}
				if after := b.count(t, `SELECT COUNT(*) FROM enquiries`); after != before {
					t.Errorf("%s: %d enquiries stored", tc.name, after-before)
				}
			}
			if got := b.postCall(t, body, now, secCallSecret); got != 201 {
				t.Errorf("validly signed call: status %d, want 201", got)
			}
			if n := b.count(t, `SELECT COUNT(*) FROM enquiries`); n != 1 {
				t.Errorf("%d enquiries after one valid call, want 1", n)
			}
		})
	}
}

func TestSecurityCallFieldsCannotMentionOrLink(t *testing.T) {
	const hostile = " <!channel> <@U999> <https://evil.example|bank> @here <!subteam^S1> "
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b := startSecurityBot(t, dialect, nil)
			body := callBody(t, "pz-inj-1", "Opkalder"+hostile, "Notetekst"+hostile, "Omstiller"+hostile)
			if got := b.postCall(t, body, time.Now(), secCallSecret); got != 201 {
				t.Fatalf("status %d, want 201", got)
			}
			pollUntil(t, 8*time.Second, func() bool {
				return len(b.slack.Roots(testChannel)) == 1 && len(b.thread()) >= 2 &&
					b.allPosted(t)
			})
			msgs := b.slack.Messages(testChannel)
			assertNoLiveMarkup(t, msgs)
			var all strings.Builder
			for _, m := range msgs {
				all.WriteString(postedText(t, m))
			}
			for _, word := range []string{"Opkalder", "Notetekst", "Omstiller", "evil.example"} {
				if !strings.Contains(all.String(), word) {
					t.Errorf("%q is not shown at all (escaped): %s", word, all.String())
				}
			}
		})
	}
}
