package e2e

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
)

// TestReplicasShareWorkAndHandOver runs three bot processes on one PostgreSQL
// database against the same mailbox, Slack and SMTP server while a backlog
// drains and advisers reply; the process watching the mailbox is killed with
// SIGKILL. Another takes the mailbox within 30 s, the jobs were worked by
// more than one process, and every mail has exactly one thread and every
// reply was sent exactly once.
func TestReplicasShareWorkAndHandOver(t *testing.T) {
	if testing.Short() {
		t.Skip("three processes, a kill and a hand-over: about a minute")
	}
	mails := envInt("AFFALDSBOT_REPLICA_MAILS", 200)
	f := newFleet(t, storage.Postgres, 50)
	f.deliverBacklog(t, mails, 0)
	for range 3 {
		f.startBot(t)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	replies := f.replyStream(ctx, mails/3, 50*time.Millisecond)
	waitUntil(t, time.Minute, "a quarter of the roots posted", func() bool { return len(f.slack.Roots(channel)) >= mails/4 })
	leader := f.mailboxLeader(t)
	leader.kill()
	killed := time.Now()
	t.Logf("killed the mailbox leader (pid %d) after %d roots", leader.cmd.Process.Pid, len(f.slack.Roots(channel)))
	waitUntil(t, 30*time.Second, "another replica watches the mailbox", func() bool {
		p := f.leaseHolder(t)
		return p != nil && p != leader
	})
	t.Logf("mailbox handed over in %s", time.Since(killed).Round(100*time.Millisecond))
	replies.Wait()
	c := f.recover(t, mails, 3*time.Minute)
	t.Logf("replicas: %s", c)
	if !c.clean() || c.Flagged > 0 {
		t.Errorf("after the hand-over: %s", c)
	}
	if n := f.workers(t); n < 2 {
		t.Errorf("jobs were worked by %d process(es), want at least 2", n)
	} else {
		t.Logf("jobs were worked by %d processes", n)
	}
	for _, p := range f.procs {
		if p != leader {
			p.stop(t)
		}
	}
}

// recover waits until everything has settled (or the timeout) and counts.
func (f *fleet) recover(t testing.TB, mails int, timeout time.Duration) tally {
	deadline := time.Now().Add(timeout)
	c := f.count(t, mails)
	for !c.settled() && time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		c = f.count(t, mails)
	}
	return c
}

// mailboxLeader waits for the process holding the mailbox lease.
func (f *fleet) mailboxLeader(t testing.TB) *proc {
	var p *proc
	waitUntil(t, 30*time.Second, "a replica watches the mailbox", func() bool { p = f.leaseHolder(t); return p != nil })
	return p
}

// leaseHolder is the process holding the INBOX lease now, nil if none does.
func (f *fleet) leaseHolder(t testing.TB) *proc {
	holder, _, err := f.db.LeaseHolder(context.Background(), "imap:INBOX")
	if err != nil || holder == "" {
		return nil
	}
	parts := strings.Split(holder, "/") // host/pid/random
	if len(parts) != 3 {
		t.Fatalf("lease holder %q: want host/pid/random", holder)
	}
	pid, _ := strconv.Atoi(parts[1])
	for _, p := range f.procs {
		if p.cmd.Process.Pid == pid {
			return p
		}
	}
	return nil
}

// workers counts the processes that completed jobs (River's attempted_by).
func (f *fleet) workers(t testing.TB) int {
	var n int
	err := f.db.Get(&n, `SELECT COUNT(DISTINCT attempted_by[array_length(attempted_by, 1)]) FROM river_job WHERE state = 'completed'`)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
