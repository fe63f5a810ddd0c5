package handlers_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestThreadMessagesBecomeNotesOrReplies(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 7)
		if err := db.MarkRootPending(ctx, id, "CENQ"); err != nil {
			t.Fatal(err)
		}
		db.SetRootTS(ctx, id, "100.000001")
		posts := []struct {
			handlers.ThreadPost
			code string
		}{
			{handlers.ThreadPost{User: "UADV1", TS: "100.000002", Text: "Ringede til ham, han er ikke hjemme"}, ""},
			{handlers.ThreadPost{User: "UADV1", TS: "100.000002", Text: "Ringede til ham, han er ikke hjemme"}, ""}, // redelivered
			{handlers.ThreadPost{User: "UOUTSIDER", TS: "100.000003", Text: "just chatting"}, ""},                   // ignored
			{handlers.ThreadPost{User: "UOUTSIDER", TS: "100.000003", Text: "svar: I am not an adviser"}, affaldsbot.EFORBIDDEN},
			{handlers.ThreadPost{User: "UADV2", TS: "100.000004", Text: "  SVAR: Vi henter torsdag.", Origin: handlers.EventOrigin("Ev1")}, ""},
			{handlers.ThreadPost{User: "UADV2", TS: "100.000004", Text: "  SVAR: Vi henter torsdag.", Origin: handlers.EventOrigin("Ev1")}, ""}, // redelivered
			{handlers.ThreadPost{User: "UADV2", TS: "100.000004", Text: "  SVAR: Vi henter torsdag.", Origin: handlers.EventOrigin("Ev9")}, ""}, // another event of the same message
			{handlers.ThreadPost{User: "UADV1", TS: "100.000005", Text: "Reply:\nSee you"}, ""},
		}
		for _, p := range posts {
			p.Channel, p.ThreadTS = "CENQ", "100.000001"
			if err := env.svc.ThreadMessage(ctx, p.ThreadPost); affaldsbot.ErrorCode(err) != p.code {
				t.Errorf("%s %q: %v, want code %q", p.User, p.Text, err, p.code)
			}
		}
		msgs, _ := db.Messages(ctx, id)
		var got []string
		for _, m := range msgs[1:] {
			got = append(got, string(m.Kind)+"|"+m.Author+"|"+m.Body)
		}
		want := []string{"note|UADV1|Ringede til ham, han er ikke hjemme", "outbound|UADV2|Vi henter torsdag.", "outbound|UADV1|See you"}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("stored (-want +got):\n%s", d)
		}
		if got := kinds(env.jobs.Take()); !cmp.Equal(got, []string{"send_reply", "send_reply"}) {
			t.Errorf("jobs %v, want two send_reply and nothing for the note", got)
		}
		unposted, _ := db.UnpostedMessages(ctx, id)
		if len(unposted) != 1 || unposted[0].Kind != affaldsbot.MessageInbound {
			t.Errorf("unposted %v: the note and the unsent replies must not be posted", unposted)
		}
		if n := countEvents(t, db, id, affaldsbot.EventNoted); n != 1 {
			t.Errorf("%d noted events, want 1", n)
		}
	})
}
