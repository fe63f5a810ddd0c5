package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
)

// TestChaos drains a backlog of mails while advisers reply and everything
// that can fail does, at random moments: the bot is killed with SIGKILL three
// times, PostgreSQL restarts, the IMAP connections drop, Slack answers 500
// and 429 for stretches, SMTP refuses mail. Afterwards it prints and requires:
// no mail lost, no thread or post duplicated, no reply sent twice or lost, no
// job left unfinished or given up.
//
// AFFALDSBOT_CHAOS_MAILS sets the backlog (default 300; 1000 by hand),
// AFFALDSBOT_CHAOS_DIALECTS the databases (default "postgres,sqlite").
// PostgreSQL is restarted only when AFFALDSBOT_TEST_PG_RESTART names the
// command that restarts this run's own server (scripts/test starts one).
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("chaos: a few minutes")
	}
	mails := envInt("AFFALDSBOT_CHAOS_MAILS", 300)
	dialects := strings.Split(os.Getenv("AFFALDSBOT_CHAOS_DIALECTS"), ",")
	if dialects[0] == "" {
		dialects = []string{storage.Postgres, storage.SQLite}
	}
	for _, dialect := range dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel() // mostly waiting (rate limits, rescues); only the postgres run uses PostgreSQL
			runChaos(t, dialect, mails)
		})
	}
}

func runChaos(t *testing.T, dialect string, mails int) {
	f := newFleet(t, dialect, 50)
	live := mails / 4 // arrive during the chaos, the rest waits at start
	f.deliverBacklog(t, mails-live, 0)
	f.startBot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	replies := f.replyStream(ctx, mails/3, 150*time.Millisecond)
	arrivals := f.deliverStream(t, mails-live, mails, 80*time.Millisecond)
	faults := f.faults(t, dialect)
	f.rng.Shuffle(len(faults), func(i, j int) { faults[i], faults[j] = faults[j], faults[i] })
	began := time.Now()
	for _, ft := range faults {
		time.Sleep(time.Duration(300+f.rng.IntN(2000)) * time.Millisecond)
		ft.do()
		t.Logf("%5.1fs %s (%d roots, %d mails sent)", time.Since(began).Seconds(), ft.name, len(f.slack.Roots(channel)), len(f.smtp.Mails()))
	}
	replies.Wait()
	arrivals.Wait()
	c := f.recover(t, mails, 4*time.Minute)
	fmt.Printf("chaos %s: %d faults, settled %s after the first: %s\n", dialect, len(faults), time.Since(began).Round(time.Second), c)
	if !c.clean() {
		t.Errorf("after the chaos: %s", c)
	}
	if c.Flagged > 0 {
		t.Logf("%d replies were shown to the advisers as failed instead of being sent (an attempt cut off between the SMTP hand-over and its record)", c.Flagged)
	}
	f.procs[len(f.procs)-1].stop(t)
}

// deliverStream delivers mails from..to-1 one every interval.
func (f *fleet) deliverStream(t *testing.T, from, to int, every time.Duration) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := from; i < to; i++ {
			time.Sleep(every)
			if _, err := f.imap.Deliver("INBOX", citizenMail(i, 0), time.Now()); err != nil {
				t.Errorf("deliver mail %d: %v", i, err)
				return
			}
		}
	}()
	return &wg
}

// fault is one thing going wrong.
type fault struct {
	name string
	do   func()
}

func (f *fleet) faults(t *testing.T, dialect string) []fault {
	var out []fault
	for i := range 3 {
		out = append(out, fault{fmt.Sprintf("kill -9 #%d", i+1), func() { f.killAndRestart(t) }})
	}
	for i := range 2 {
		out = append(out, fault{fmt.Sprintf("IMAP connections dropped #%d", i+1), func() { f.imap.DropConnections() }})
	}
	out = append(out,
		fault{"Slack 500 for 2 s", func() {
			f.slack.FailFor("chat.postMessage", 2*time.Second, 500)
			f.slack.FailFor("chat.update", 2*time.Second, 500)
		}},
		fault{"Slack 429 for 3 s", func() {
			f.slack.ThrottleFor(channel, 3*time.Second)
			f.slack.FailFor("chat.update", time.Second, 429)
		}},
		fault{"SMTP refuses the next 3 mails", func() { f.smtp.FailNext(3) }},
	)
	if restart, why := pgRestartCommand(dialect); restart != nil {
		out = append(out, fault{"PostgreSQL restarted", func() { f.restartPostgres(t, restart) }})
	} else {
		t.Logf("no PostgreSQL restart: %s", why)
	}
	return out
}

// killAndRestart kills the running bot with SIGKILL and starts a new one.
func (f *fleet) killAndRestart(t *testing.T) {
	f.procs[len(f.procs)-1].kill()
	time.Sleep(time.Duration(f.rng.IntN(1000)) * time.Millisecond)
	f.startBot(t)
}
