package handlers_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

func TestRetentionErasesOldTextsOnly(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		env := newActEnv(t, db)
		gdprWorld(t, env) // received 23 November 2026
		ctx := context.Background()
		before := statsJSON(t, db)
		now := time.Date(2026, 12, 20, 3, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })

		env.unscrubbed = !storagetest.Scrubbed(t, db, env.svc.Retention(ctx, handlers.RetentionArgs{Days: 0})) || env.unscrubbed
		env.unscrubbed = !storagetest.Scrubbed(t, db, env.svc.Retention(ctx, handlers.RetentionArgs{Days: 30})) || env.unscrubbed
		if found := scanDatabase(t, db, jensTraces); len(found) == 0 {
			t.Fatal("0 and 30 days (27 days old): the texts must stay")
		}
		if log, _ := db.AuditLog(ctx, 5); len(log) != 0 {
			t.Errorf("nothing erased, yet audited: %+v", log)
		}

		env.unscrubbed = !storagetest.Scrubbed(t, db, env.svc.Retention(ctx, handlers.RetentionArgs{Days: 20})) || env.unscrubbed
		texts := []string{"Jens Hansen", "gammel sofa", "kvittering.pdf", "PDFDATA", "Hejsa fra rådgiveren", "Hvor skal glas hen"}
		for _, f := range scanDatabase(t, db, texts) {
			t.Errorf("left after retention: %s", f)
		}
		for _, f := range tupleTraces(t, env, db, texts) {
			t.Errorf("an old row version keeps after retention: %s", f)
		}
		if diff := cmp.Diff(before, statsJSON(t, db)); diff != "" {
			t.Errorf("statistics changed (-before +after):\n%s", diff)
		}
		log, _ := db.AuditLog(ctx, 5)
		if len(log) != 1 || log[0].Action != "retention.erase" || log[0].Target != "received before 2026-11-30" {
			t.Errorf("audit log = %+v", log)
		}
		env.unscrubbed = !storagetest.Scrubbed(t, db, env.svc.Retention(ctx, handlers.RetentionArgs{Days: 20})) || env.unscrubbed
		if log, _ := db.AuditLog(ctx, 5); len(log) != 1 {
			t.Errorf("a second run with nothing left audited again: %+v", log)
		}
	})
}

// tupleTraces is storagetest.TupleTraces unless a scrub could not finish.
func tupleTraces(t *testing.T, env *actEnv, db *storage.DB, needles []string) []string {
	if env.unscrubbed {
		return nil
	}
	return storagetest.TupleTraces(t, db, needles)
}
