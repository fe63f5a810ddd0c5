package handlers_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// A citizen's new mail re-renders the enquiry's drafts as stale (a discarded
// draft keeps its look), so none is sent as it is from the thread.
func TestFollowUpRerendersDraftsAsStale(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := newDraftRig(t, db, nil, draftEnquiry("Pizzaæske"), pizzaMail)
		kept, discarded := r.draft(t), r.draft(t)
		if err := r.s.DiscardDraft(ctx, draftAdviser, discarded); err != nil {
			t.Fatal(err)
		}
		before := len(r.jobs.Peek())
		raw := fmt.Sprintf("From: %s\r\nTo: affald@kk.example\r\nSubject: Re: %s\r\nMessage-ID: <again@example.dk>\r\n\r\nOg låget?\r\n",
			r.enquiry.CitizenEmail, mail.TagSubject(r.enquiry.Subject, r.enquiry.ID))
		in := mail.Incoming{Mailbox: "INBOX", UIDValidity: 1, UID: 7, InternalDate: time.Now(), Raw: []byte(raw)}
		if err := r.s.HandleMail(ctx, in); err != nil {
			t.Fatal(err)
		}
		var renders []int64
		for _, j := range r.jobs.Peek()[before:] {
			if a, ok := j.(handlers.RenderDraftArgs); ok {
				renders = append(renders, a.DraftID)
			}
		}
		if len(renders) != 1 || renders[0] != kept {
			t.Fatalf("re-rendered drafts %v, want [%d] (not the discarded %d)", renders, kept, discarded)
		}
		if err := r.s.RenderDraft(ctx, handlers.RenderDraftArgs{DraftID: kept}); err != nil {
			t.Fatal(err)
		}
		if got := r.screen.last(t).State; got != handlers.DraftStale {
			t.Errorf("draft shown as %s after the citizen wrote again, want stale", got)
		}
	})
}
