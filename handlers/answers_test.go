package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

type leadsToo struct{ adviserSet }

func (leadsToo) IsLead(_ context.Context, u string) (bool, error) { return u == "ULEAD", nil }

func TestThreadReplyWithAStandardAnswerIsFilledSentAndCounted(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Answers = answers.Builtin()
		ctx := context.Background()
		id := env.citizenMail(t, 8)
		if err := db.MarkRootPending(ctx, id, "CENQ"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetRootTS(ctx, id, "100.1"); err != nil {
			t.Fatal(err)
		}
		post := handlers.ThreadPost{Channel: "CENQ", ThreadTS: "100.1", TS: "100.2", User: "UADV1", Text: "svar: /pap Vi kigger også på jeres beholder."}
		for range 2 { // Slack delivers the message twice
			if err := env.svc.ThreadMessage(ctx, post); err != nil {
				t.Fatal(err)
			}
		}
		env.runJobs(t)
		mails := env.smtp.Mails()
		if len(mails) != 1 {
			t.Fatalf("%d mails, want one reply", len(mails))
		}
		body := string(mails[0].Data)
		for _, want := range []string{"Hej Jens,", "Pizzabakker", "Vi kigger ogs=C3=A5 p=C3=A5 jeres beholder.", "UADV1"} {
			if !strings.Contains(body, want) {
				t.Errorf("reply lacks %q:\n%s", want, body)
			}
		}
		e, _ := db.GetEnquiry(ctx, id)
		uses, err := db.AnswerUses(ctx, e.ReceivedAt.Add(-time.Hour), e.ReceivedAt.Add(time.Hour))
		if err != nil || !cmp.Equal(uses, map[string]int{"pap": 1}) {
			t.Errorf("answers used %v, %v; want pap once", uses, err)
		}
	})
}

func TestAnUnknownStandardAnswerIsRefusedNamingTheKnownOnes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Answers = answers.Builtin()
		id := env.citizenMail(t, 9)
		_, err := env.svc.FillAnswer(context.Background(), "UADV1", id, "findesikke")
		if affaldsbot.ErrorCode(err) != affaldsbot.ENOTFOUND || !strings.Contains(err.Error(), "/pap") {
			t.Errorf("err = %v, want ENOTFOUND listing /pap", err)
		}
	})
}

func TestOnlyTheLeadEditsStandardAnswersAndEveryReplicaSeesTheEdit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Answers = answers.Builtin()
		env.svc.Directory = leadsToo{adviserSet{"UADV1": true}}
		ctx := context.Background()
		a := answers.Answer{Name: "pap", Title: "Pap (ny)", Body: "Hej {fornavn}, nyt svar om pap. {rådgiver}"}
		if err := env.svc.SaveStandardAnswer(ctx, "UADV1", a, false); affaldsbot.ErrorCode(err) != affaldsbot.EFORBIDDEN {
			t.Errorf("an adviser saving: err = %v, want EFORBIDDEN", err)
		}
		if err := env.svc.SaveStandardAnswer(ctx, "ULEAD", a, false); err != nil {
			t.Fatal(err)
		}
		if err := env.svc.SaveStandardAnswer(ctx, "ULEAD", answers.Answer{Name: "tekstil"}, true); err != nil {
			t.Fatal(err)
		}
		replica := *env.svc // another process on the same database
		list, err := replica.StandardAnswers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := answers.Find(list, "tekstil"); ok || len(list) != 9 {
			t.Errorf("%d answers offered, tekstil among them: %v; want it retired", len(list), ok)
		}
		id := env.citizenMail(t, 10)
		text, err := replica.FillAnswer(ctx, "UADV1", id, "pap")
		if err != nil || text != "Hej Jens, nyt svar om pap. UADV1" {
			t.Errorf("FillAnswer = %q, %v", text, err)
		}
	})
}

func TestAStandardAnswerIsInTheCitizensLanguage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		env.svc.Answers = answers.Builtin()
		ctx := context.Background()
		raw := "From: Anna Smith <anna@example.com>\r\nTo: " + ourAddress + "\r\nSubject: Pizza boxes\r\nMessage-ID: <en-1@example.com>\r\n\r\n" +
			"Hello, where do I put my pizza boxes? They are greasy. Thank you\r\n"
		if err := env.svc.HandleMail(ctx, mail.Incoming{Mailbox: "INBOX", UIDValidity: 1, UID: 99, InternalDate: time.Now(), Raw: []byte(raw)}); err != nil {
			t.Fatal(err)
		}
		env.jobs.Take()
		es, _ := db.ListEnquiries(ctx, storage.EnquiryFilter{Text: "anna@"})
		text, err := env.svc.FillAnswer(ctx, "UADV1", es[0].ID, "pap")
		if err != nil || !strings.HasPrefix(text, "Hello Anna,") || !strings.Contains(text, "Waste and Recycling") {
			t.Errorf("FillAnswer = %q, %v; want the English text", text, err)
		}
	})
}
