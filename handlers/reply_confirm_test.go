package handlers_test

import (
	"context"
	"sync"
	"testing"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// TestConcurrentSendAttemptsDeliverOnce: two attempts of the same reply run at
// once (a retry racing a slow first attempt); both reach the SMTP server, only
// the one that records "sending" first completes the mail.
func TestConcurrentSendAttemptsDeliverOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		ctx := context.Background()
		id := env.citizenMail(t, 7)
		if _, err := env.svc.Reply(ctx, "UADV1", id, "Hej Jens, vi henter sofaen torsdag.", nil); err != nil {
			t.Fatal(err)
		}
		jobs := env.jobs.Take()
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := env.svc.SendReply(ctx, jobs[0].(handlers.SendReplyArgs)); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if n := len(env.smtp.Mails()); n != 1 {
			t.Errorf("%d mails delivered, want 1", n)
		}
	})
}
