package storage

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/affaldsbot/affaldsbot"
)

// TestCreateCallsPreparesOncePerConnection: on SQLite a group of new calls
// runs statements the connection keeps prepared, so the second group parses
// nothing (parsing them for every group had cost a quarter of storing them).
func TestCreateCallsPreparesOncePerConnection(t *testing.T) {
	ctx := context.Background()
	_, dsn, _, err := dataSource("sqlite:" + filepath.Join(t.TempDir(), "calls.db"))
	if err != nil {
		t.Fatal(err)
	}
	d := &countingDriver{}
	x := sqlx.NewDb(sql.OpenDB(stmtCacheConnector{dsn: dsn, drv: d}), "sqlite")
	x.SetMaxOpenConns(1)
	t.Cleanup(func() { x.Close() })
	db := &DB{DB: x, Dialect: SQLite, now: time.Now, scrubWait: snapshotWait}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	group := func(k int) {
		at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
		var calls []NewCall
		for i := range 3 {
			id := fmt.Sprintf("g%d-%d", k, i)
			e := &affaldsbot.Enquiry{Channel: affaldsbot.ChannelPhone, Status: affaldsbot.StatusNew, Subject: id, ReceivedAt: at}
			m := &affaldsbot.Message{EnquiryID: &e.ID, Kind: affaldsbot.MessageCallLog, Body: id, ReceivedAt: at}
			calls = append(calls, NewCall{Enquiry: e, Call: &Call{CallID: id, TransferredAt: at}, Message: m})
		}
		err := db.InTx(ctx, func(tx *Tx) error {
			n, err := tx.CreateCalls(ctx, calls)
			if err == nil && n != len(calls) {
				err = fmt.Errorf("stored %d of %d calls", n, len(calls))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	group(1)
	before := d.prepared
	group(2)
	if got := d.prepared - before; got != 0 {
		t.Errorf("the second group of calls prepared %d statements, want 0", got)
	}
}
