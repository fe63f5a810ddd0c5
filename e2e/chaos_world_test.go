package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/storage"
)

// fleet is a world with outgoing mail, one or more bot processes and an
// adviser side in the test process that records replies in the shared
// database (as a Slack click would); the bots send them.
type fleet struct {
	*world
	smtp  *smtptest.Server
	db    *storage.DB
	svc   *handlers.Service
	procs []*proc
	rng   *rand.Rand
}

// everyone is an adviser.
type everyone struct{}

func (everyone) IsAdviser(context.Context, string) (bool, error) { return true, nil }
func (everyone) IsLead(context.Context, string) (bool, error)    { return false, nil }

func newFleet(t testing.TB, dialect string, postsPerSecond float64) *fleet {
	f := &fleet{world: newWorld(t, dialect, postsPerSecond), smtp: smtptest.Start(t),
		rng: rand.New(rand.NewPCG(2, uint64(time.Now().UnixNano())))}
	ctx := context.Background()
	db, err := storage.Open(ctx, f.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Migrate(ctx, db.DB.DB, db.Dialect); err != nil {
		t.Fatal(err)
	}
	settings := handlers.DefaultSettings()
	settings.MailFrom = "affald@kk.example"
	f.db = db
	f.svc = &handlers.Service{DB: db, Directory: everyone{}, Settings: settings}
	reg := jobs.NewRegistry()
	jobs.Register(reg, f.svc.SendReply, jobs.Options{MaxAttempts: 10}) // as the bot registers it
	q, err := jobs.New(db.DB.DB, reg, jobs.Config{Dialect: db.Dialect, InsertOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	db.SetEnqueuer(q)
	return f
}

// startBot starts one more bot process that also sends mail.
func (f *fleet) startBot(t testing.TB) *proc {
	p := f.start(t, "SMTP_ADDR="+f.smtp.Addr(), "SMTP_TLS=none")
	f.procs = append(f.procs, p)
	return p
}

// replyStream replies to enquiries one at a time, every interval, until it has
// replied to want of them or ctx ends. A reply that fails (the database is
// down) is tried again later; what counts is what the database recorded.
func (f *fleet) replyStream(ctx context.Context, want int, every time.Duration) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for done := 0; done < want && ctx.Err() == nil; {
			time.Sleep(every)
			id, ok := f.unanswered(ctx)
			if !ok {
				continue
			}
			body := fmt.Sprintf("Hej,\nbatterier afleveres i butikken, sofaen på genbrugspladsen. (svar %d)\nMvh Affald", id)
			if _, err := f.svc.Reply(ctx, "U0ADVISER", id, body, nil); err == nil {
				done++
			}
		}
	}()
	return &wg
}

// unanswered picks an enquiry without a reply yet.
func (f *fleet) unanswered(ctx context.Context) (int64, bool) {
	var ids []int64
	err := f.db.SelectContext(ctx, &ids, `SELECT e.id FROM enquiries e WHERE NOT EXISTS
		(SELECT 1 FROM messages m WHERE m.enquiry_id = e.id AND m.kind = 'outbound') ORDER BY e.id LIMIT 20`)
	if err != nil || len(ids) == 0 {
		return 0, false
	}
	return ids[f.rng.IntN(len(ids))], true
}

// jobStates counts River's jobs by state.
func (f *fleet) jobStates(t testing.TB) map[string]int {
	var rows []struct {
		State string `db:"state"`
		N     int    `db:"n"`
	}
	if err := f.db.Select(&rows, `SELECT state, COUNT(*) AS n FROM river_job GROUP BY state`); err != nil {
		t.Logf("job states: %v", err)
		return nil
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.State] = r.N
	}
	return out
}

// unfinished counts jobs neither completed, cancelled nor discarded.
func unfinished(states map[string]int) int {
	n := 0
	for s, c := range states {
		if s != "completed" && s != "cancelled" && s != "discarded" {
			n += c
		}
	}
	return n
}

// headerValue returns one header of a raw mail, "" when absent.
func headerValue(raw []byte, name string) string {
	head, _, _ := strings.Cut(string(raw), "\r\n\r\n")
	for _, line := range strings.Split(head, "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, name) {
			return strings.Trim(strings.TrimSpace(v), "<>")
		}
	}
	return ""
}
