package handlers_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/guidance"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/llm/llmtest"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// sendable is what the citizen would receive from a draft.
func sendable(t *testing.T, r *draftRig, id int64) string {
	t.Helper()
	body, _, err := r.s.DraftForReply(context.Background(), draftAdviser, id)
	if err != nil {
		t.Fatalf("DraftForReply: %v", err)
	}
	return body
}

// editorial are the marks of the guidance's editing that must never reach a
// citizen: markers, headings, citations, cross-references to passages.
var editorial = regexp.MustCompile(`(?i)ikke bekræftet|^#|\*\*|\[[a-z0-9-]+\]|passage`)

func checkNothingEditorial(t *testing.T, body string) {
	t.Helper()
	for _, line := range strings.Split(body, "\n") {
		if editorial.MatchString(line) {
			t.Errorf("editorial line reaches the citizen: %q", line)
		}
	}
}

// urlsEnd says every link stands in the sources at the end, once.
func checkLinksAtTheEnd(t *testing.T, body, sourcesHead string, want []string) {
	t.Helper()
	at := strings.LastIndex(body, sourcesHead)
	if at < 0 {
		t.Fatalf("no %q before the links:\n%s", sourcesHead, body)
	}
	if strings.Contains(body[:at], "http") {
		t.Errorf("a link stands in the answer, not at the end:\n%s", body)
	}
	for _, u := range want {
		if strings.Count(body, u) != 1 {
			t.Errorf("link %s appears %d times, want once at the end:\n%s", u, strings.Count(body, u), body)
		}
	}
}

// TestWithoutModelDraftIsAReply: without a model the draft is a mail the
// citizen can receive: greeting by name, the whole passages that answer,
// the links at the end, the team's signature; no heading, no marker.
func TestWithoutModelDraftIsAReply(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		r := newDraftRig(t, db, nil, draftEnquiry("Pizzaæske"), pizzaMail)
		body := sendable(t, r, r.draft(t))

		if !strings.HasPrefix(body, "Kære Mette Frederiksen-Holm\n\n") {
			t.Errorf("draft does not greet the citizen by name:\n%s", body)
		}
		// the pizza passage whole: its second paragraph too
		for _, want := range []string{"Pizzabakker må ikke komme i pap.", "Madrester fra bakken kan komme i madaffald."} {
			if !strings.Contains(body, want) {
				t.Errorf("draft lacks %q from the pizza passage:\n%s", want, body)
			}
		}
		if !strings.HasSuffix(body, "Med venlig hilsen\n\nAffaldsvejledningen\nKøbenhavns Kommune") {
			t.Errorf("draft does not end with the team's signature:\n%s", body)
		}
		checkLinksAtTheEnd(t, body, "Læs mere:", []string{"https://kk.dk/erhverv/erhvervsaffald/affaldssortering-for-virksomheder"})
		checkNothingEditorial(t, body)
		if strings.Contains(body, "Pizzabakker med fedt og madrester\n") {
			t.Errorf("a passage's title stands as a heading:\n%s", body)
		}
	})
}

// TestDraftSpeaksTheCitizensLanguage: an English mail gets an English frame
// and the English signature set in the settings.
func TestDraftSpeaksTheCitizensLanguage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		e := draftEnquiry("Pizza boxes")
		e.CitizenName = ""
		r := newDraftRig(t, db, nil, e, "Hello, can greasy pizza boxes go in the cardboard bin in our courtyard, or where do they go? Thank you.")
		r.s.Settings.Signature = map[string]string{"da": "Hilsen\nHoldet", "en": "Best wishes\nThe waste advisers"}
		body := sendable(t, r, r.draft(t))
		if !strings.HasPrefix(body, "Hello,\n\nThank you for your enquiry.") || !strings.HasSuffix(body, "Best wishes\nThe waste advisers") {
			t.Errorf("English draft without name, with the set signature:\n%s", body)
		}
		if strings.Contains(body, "Kære") || strings.Contains(body, "Læs mere") || strings.Contains(body, "Hilsen") {
			t.Errorf("Danish frame in an English draft:\n%s", body)
		}
		checkLinksAtTheEnd(t, body, "Read more:", nil)
		checkNothingEditorial(t, body)
	})
}

// unconfirmedGuidance finds one unconfirmed passage and one confirmed one.
type unconfirmedGuidance struct{}

func (unconfirmedGuidance) Search(string, int) ([]guidance.Hit, error) {
	return []guidance.Hit{
		{Passage: guidance.Passage{ID: "metal", Title: "Metal", Source: "https://example.kk.dk/metal", Text: "Dåser og låg i metal (ikke bekræftet).", Confirmed: false}, Score: 2},
		{Passage: guidance.Passage{ID: "glas", Title: "Glas", Source: "https://international.kk.dk/glas", Text: "Glas med låg i glasbeholderen; se passagen om metal.", Confirmed: true}, Score: 1},
	}, nil
}

// TestUnconfirmedPassagesAreNeverUsed, whatever the search returns.
func TestUnconfirmedPassagesAreNeverUsed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		srv := llmtest.New(t, llmtest.Fixed("Glas kommer i glasbeholderen [glas]."))
		for _, drafter := range []handlers.Drafter{nil, newModel(t, srv)} {
			r := newDraftRig(t, db, drafter, draftEnquiry("Låg"), "Hvor skal låget fra syltetøjsglasset hen?")
			r.s.Guidance = unconfirmedGuidance{}
			body := sendable(t, r, r.draft(t))
			if strings.Contains(body, "Dåser") || strings.Contains(body, "example.kk.dk") || !strings.Contains(body, "Glas") {
				t.Errorf("draft (model %v) uses the unconfirmed passage or not the confirmed one:\n%s", drafter != nil, body)
			}
			checkNothingEditorial(t, body)
		}
		for _, req := range srv.Requests() {
			if strings.Contains(req.Body, "Dåser") {
				t.Errorf("the model was given the unconfirmed passage")
			}
		}
	})
}

// TestModelDraftIsFramedOnce: the model writes the answer; the greeting, the
// links and the signature are the bot's, once, whatever the model added.
// The model never sees the citizen's name or address.
func TestModelDraftIsFramedOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		srv := llmtest.New(t, llmtest.Fixed("## Svar\n\nHej [NAVN_1],\n\nEn **fedtet** pizzabakke skal i restaffald [pizzabakker].\n\nMed venlig hilsen\n[NAVN_2]\nAffald"))
		r := newDraftRig(t, db, newModel(t, srv), draftEnquiry("Pizzaæske"), pizzaMail)
		body := sendable(t, r, r.draft(t))
		want := "Kære Mette Frederiksen-Holm\n\nEn fedtet pizzabakke skal i restaffald.\n\nLæs mere:\nhttps://kk.dk/erhverv/erhvervsaffald/affaldssortering-for-virksomheder\n\nMed venlig hilsen\n\nAffaldsvejledningen\nKøbenhavns Kommune"
		if body != want {
			t.Errorf("draft:\n%s\nwant:\n%s", body, want)
		}
		for _, req := range srv.Requests() {
			for _, secret := range []string{"mette", "frederiksen", "example.dk", "22 33 44 55", "120379"} {
				if strings.Contains(strings.ToLower(req.Body), secret) {
					t.Errorf("the prompt holds %q", secret)
				}
			}
		}
	})
}

// TestDraftsAreNumberedPerEnquiry: the first draft of any enquiry is draft 1.
func TestDraftsAreNumberedPerEnquiry(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		first := newDraftRig(t, db, nil, draftEnquiry("Pizzaæske"), pizzaMail)
		first.draft(t)
		if n := first.screen.last(t).Number; n != 1 {
			t.Errorf("first draft of the first enquiry shown as number %d", n)
		}
		db.InTx(context.Background(), func(tx *storage.Tx) error { // the second draft may be asked for at once
			_, err := tx.ExecContext(context.Background(), `UPDATE drafts SET state = 'ready'`)
			return err
		})
		first.draft(t)
		second := newDraftRig(t, db, nil, draftEnquiry("Sparepærer"), "Hvor skal sparepærer hen?")
		id := second.draft(t)
		if n := second.screen.last(t).Number; n != 1 {
			t.Errorf("first draft of the second enquiry (id %d) shown as number %d, want 1", id, n)
		}
		if n := first.screen.last(t).Number; n != 2 {
			t.Errorf("second draft of the first enquiry shown as number %d, want 2", n)
		}
	})
}

// TestUsingADraftOnAPhoneEnquiryIsRefused: no e-mail address, no reply,
// said before the draft is offered.
func TestUsingADraftOnAPhoneEnquiryIsRefused(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		e := draftEnquiry("Opkald om pizzabakker")
		e.Channel, e.CitizenEmail, e.CitizenPhone = affaldsbot.ChannelPhone, "", "+4512345678"
		r := newDraftRig(t, db, nil, e, "Borgeren spørger, om pizzabakker må i pap.")
		id := r.draft(t)
		_, _, err := r.s.DraftForReply(context.Background(), draftAdviser, id)
		if affaldsbot.ErrorCode(err) != affaldsbot.EINVALID || !strings.Contains(affaldsbot.ErrorMessage(err), "no e-mail address") {
			t.Errorf("DraftForReply on a phone enquiry: %v, want that it has no e-mail address", err)
		}
		r.s.Settings.MailFrom = "affald@kk.dk"
		if err := r.s.CanReply(context.Background(), draftAdviser, e.ID); !strings.Contains(affaldsbot.ErrorMessage(err), "no e-mail address") {
			t.Errorf("CanReply on a phone enquiry: %v, want that it has no e-mail address", err)
		}
	})
}
