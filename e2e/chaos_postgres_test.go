package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
)

// pgRestartCommand is the command that restarts the test PostgreSQL server,
// or nil and why not. Only a server that belongs to this test run may be
// restarted: AFFALDSBOT_TEST_PG_RESTART names the command that restarts it
// (scripts/test sets it for its private server); a shared server is never
// touched.
func pgRestartCommand(dialect string) ([]string, string) {
	cmd := os.Getenv("AFFALDSBOT_TEST_PG_RESTART")
	switch {
	case dialect != storage.Postgres:
		return nil, "not on PostgreSQL"
	case cmd == "":
		return nil, "AFFALDSBOT_TEST_PG_RESTART is not set (the server is not this run's own)"
	}
	return []string{cmd}, ""
}

// restartPostgres restarts the server (a second or two of outage) and waits
// until it answers again; the test fails if it does not come back.
func (f *fleet) restartPostgres(t *testing.T, cmd []string) {
	out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput()
	if err != nil {
		t.Errorf("%s: %v\n%s", strings.Join(cmd, " "), err, out)
	}
	waitUntil(t, 30*time.Second, "PostgreSQL is back", func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		return f.db.PingContext(ctx) == nil
	})
}
