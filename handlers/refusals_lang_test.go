package handlers_test

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// englishWords are words of the English refusals that no Danish text has.
var englishWords = regexp.MustCompile(`(?i)\b(the|is|you|only|already|not|can|cannot|reopen|held|holds|nobody|choose|unknown|write|reply|draft|minutes|call|closed|failed|still|does|exist|erased|advisers?)\b`)

// TestRefusalsSpeakBotLang walks every error the lifecycle, the calls and
// the permission checks return to an adviser and shows it as the Slack
// surface does under BOT_LANG=da: each must come from the catalogue, in
// Danish.
func TestRefusalsSpeakBotLang(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		refusals := lifecycleRefusals()
		for k, v := range serviceRefusals(t, db) {
			refusals[k] = v
		}
		da, en := locale.NewPrinter(locale.Danish), locale.NewPrinter(locale.English)
		for what, err := range refusals {
			var le *locale.Error
			shown := affaldsbot.ErrorText(da, err)
			switch {
			case err == nil:
				t.Errorf("%s: no error", what)
			case !errors.As(err, &le):
				t.Errorf("%s: %q is not from the catalogue", what, shown)
			case shown == affaldsbot.ErrorText(en, err) || englishWords.MatchString(shown):
				t.Errorf("%s: %q is English under BOT_LANG=da", what, shown)
			}
		}
	})
}

// lifecycleRefusals is every refusal of the domain's lifecycle.
func lifecycleRefusals() map[string]error {
	now := time.Now()
	e := func(s affaldsbot.Status, holder string) *affaldsbot.Enquiry {
		return &affaldsbot.Enquiry{ID: 7, Status: s, Holder: holder}
	}
	out := map[string]error{}
	_, out["claim closed"] = e(affaldsbot.StatusClosed, "").Claim("A", now)
	_, out["claim own"] = e(affaldsbot.StatusClaimed, "A").Claim("A", now)
	_, out["claim held"] = e(affaldsbot.StatusClaimed, "B").Claim("A", now)
	_, out["release unheld"] = e(affaldsbot.StatusNew, "").Release("A", now)
	_, out["release other's"] = e(affaldsbot.StatusClaimed, "B").Release("A", now)
	_, out["hand over to nobody"] = e(affaldsbot.StatusClaimed, "A").HandOver("A", "", now)
	_, out["hand over closed"] = e(affaldsbot.StatusClosed, "A").HandOver("A", "B", now)
	_, out["hand over other's"] = e(affaldsbot.StatusClaimed, "C").HandOver("A", "B", now)
	_, out["hand over to the holder"] = e(affaldsbot.StatusClaimed, "B").HandOver("B", "B", now)
	_, out["answer closed"] = e(affaldsbot.StatusClosed, "").Answer("A", now)
	_, out["close closed"] = e(affaldsbot.StatusClosed, "").Close("A", now)
	_, out["reopen open"] = e(affaldsbot.StatusNew, "").Reopen("A", now)
	_, out["unknown topic"] = e(affaldsbot.StatusNew, "").SetTopic("A", "nonsense", now)
	mailWith := func(addr string) *affaldsbot.Enquiry {
		return &affaldsbot.Enquiry{ID: 7, Channel: affaldsbot.ChannelMail, CitizenEmail: addr}
	}
	_, out["address of a call"] = e(affaldsbot.StatusNew, "").SetCitizenEmail("A", "jens@example.dk", now)
	_, out["the same address"] = mailWith("jens@example.dk").SetCitizenEmail("A", "JENS@example.dk", now)
	_, out["an address from the mail"] = mailWith("jens@example.dk").SetCitizenEmail("A", "anna@example.dk", now)
	return out
}

// serviceRefusals is every refusal of the permission checks, the calls, the
// replies and the drafts, from a service speaking Danish.
func serviceRefusals(t *testing.T, db *storage.DB) map[string]error {
	t.Helper()
	ctx := context.Background()
	env := newActEnv(t, db)
	env.svc.Settings.Lang = locale.Danish
	env.svc.Directory = leadAndAdvisers
	mail := env.citizenMail(t, 1)
	call, err := env.svc.ReceiveCall(ctx, sampleCall())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]error{}
	out["not an adviser"] = env.svc.Authorize(ctx, "UOUTSIDER")
	_, out["list by an outsider"] = env.svc.Command(ctx, "UOUTSIDER", "åbne")
	_, out["stats by an outsider"] = env.svc.Stats(ctx, "UOUTSIDER", "", false)
	_, out["hand over to a non-adviser"] = env.svc.Act(ctx, "UADV1", mail, handlers.ActHandOver, "ULEAD")
	_, out["unknown action"] = env.svc.Act(ctx, "UADV1", mail, "explode", "")
	_, out["missing enquiry"] = env.svc.Act(ctx, "UADV1", 999, handlers.ActClaim, "")
	_, out["call outcome"] = env.svc.LogCallAttempt(ctx, "UADV1", call.EnquiryID, "maybe", 0, "")
	_, out["call minutes"] = env.svc.LogCallAttempt(ctx, "UADV1", call.EnquiryID, handlers.OutcomeResolved, -1, "")
	_, out["call on a mail"] = env.svc.LogCallAttempt(ctx, "UADV1", mail, handlers.OutcomeNoAnswer, 0, "")
	_, out["call by the lead"] = env.svc.LogCallAttempt(ctx, "ULEAD", call.EnquiryID, handlers.OutcomeNoAnswer, 0, "")
	_, out["manual call minutes"] = env.svc.RegisterManualCall(ctx, "UADV1", handlers.CallReport{Minutes: 2000})
	out["typed address"] = env.svc.CheckAddress("jens at example")
	_, out["empty reply"] = env.svc.Reply(ctx, "UADV1", mail, " ", nil)
	_, out["long reply"] = env.svc.Reply(ctx, "UADV1", mail, string(make([]byte, handlers.MaxReplyChars+1)), nil)
	_, out["reply to a call without address"] = env.svc.Reply(ctx, "UADV1", call.EnquiryID, "Hej", nil)
	out["retry of a reply not failed"] = retryUnfailed(t, env, mail)
	out["draft twice"] = draftTwice(env, mail)
	for _, id := range []int64{mail, call.EnquiryID} {
		if _, err := env.svc.Act(ctx, "UADV1", id, handlers.ActClose, ""); err != nil {
			t.Fatal(err)
		}
	}
	_, out["call closed"] = env.svc.LogCallAttempt(ctx, "UADV1", call.EnquiryID, handlers.OutcomeNoAnswer, 0, "")
	_, out["reply closed"] = env.svc.Reply(ctx, "UADV1", mail, "Hej", nil)
	out["draft closed"] = env.svc.RequestDraft(ctx, "UADV1", mail)
	env.svc.Settings.MailFrom = ""
	_, out["reply off"] = env.svc.Reply(ctx, "UADV1", mail, "Hej", nil)
	return out
}

func retryUnfailed(t *testing.T, env *actEnv, id int64) error {
	m, err := env.svc.Reply(context.Background(), "UADV1", id, "Hej", nil)
	if err != nil {
		t.Fatal(err)
	}
	return env.svc.RetryReply(context.Background(), "UADV1", m.ID, nil)
}

func draftTwice(env *actEnv, id int64) error {
	if err := env.svc.RequestDraft(context.Background(), "UADV1", id); err != nil {
		return err
	}
	return env.svc.RequestDraft(context.Background(), "UADV1", id)
}
