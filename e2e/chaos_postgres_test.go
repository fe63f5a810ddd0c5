package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

// pgRestartCommand is the command that restarts the local PostgreSQL server,
// or nil and why not: only as root, with pg_ctlcluster, against the local
// server, and not when AFFALDSBOT_CHAOS_PG_RESTART=0.
func pgRestartCommand(dialect string) ([]string, string) {
	switch {
	case dialect != storage.Postgres:
		return nil, "not on PostgreSQL"
	case os.Getenv("AFFALDSBOT_CHAOS_PG_RESTART") == "0":
		return nil, "AFFALDSBOT_CHAOS_PG_RESTART=0"
	case os.Geteuid() != 0:
		return nil, "not running as root"
	case !strings.Contains(storagetest.PostgresAdminURL(), "127.0.0.1:5432") && !strings.Contains(storagetest.PostgresAdminURL(), "localhost:5432"):
		return nil, "the test database is not the local server"
	}
	if _, err := exec.LookPath("pg_ctlcluster"); err != nil {
		return nil, "no pg_ctlcluster"
	}
	out, err := exec.Command("pg_lsclusters", "--no-header").Output()
	if err != nil {
		return nil, "pg_lsclusters: " + err.Error()
	}
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) >= 4 && f[1] == "main" && f[2] == "5432" && f[3] == "online" {
			return []string{"pg_ctlcluster", "--skip-systemctl-redirect", f[0], "main", "restart"}, ""
		}
	}
	return nil, "no online cluster main on port 5432"
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
