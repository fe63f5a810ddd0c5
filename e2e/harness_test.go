// Package e2e runs the real affaldsbot binary as a separate process against
// in-process fakes (IMAP, SMTP, Slack) and a real database: for what only a
// separate process shows — kill -9, memory, several replicas.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
	buildDir  string // removed by TestMain
)

// TestMain removes the binary the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// bin is the affaldsbot binary: AFFALDSBOT_BIN when set (scripts/test builds
// it once), else built once per test run.
func bin(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if binary = os.Getenv("AFFALDSBOT_BIN"); binary != "" {
			return
		}
		if buildDir, buildErr = os.MkdirTemp("", "affaldsbot-e2e"); buildErr != nil {
			return
		}
		binary = filepath.Join(buildDir, "affaldsbot")
		out, err := exec.Command("go", "build", "-o", binary, "../cmd/affaldsbot").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

const channel = "C0ENQUIRY"

// world is the fakes one bot process talks to.
type world struct {
	imap  *imaptest.Server
	slack *slacktest.Server
	dbURL string
}

func (w *world) env(extra ...string) []string {
	return append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"DATABASE_URL=" + w.dbURL, "HTTP_ADDR=127.0.0.1:0", "LOG_FORMAT=json",
		"SLACK_BOT_TOKEN=xoxb-e2e", "SLACK_SIGNING_SECRET=e2e-secret", "SLACK_API_URL=" + w.slack.APIURL(),
		"SLACK_CHANNEL=" + channel, "IMAP_ADDR=" + w.imap.Addr(), "IMAP_USERNAME=affald", "IMAP_PASSWORD=hemmeligt",
		"IMAP_TLS=none", "MAIL_FROM=affald@kk.example", "DIGEST_TIME=off", "INSIGHTS_REPORT=off",
	}, extra...)
}

// proc is one running bot.
type proc struct {
	cmd  *exec.Cmd
	done chan error
	log  string // its stdout and stderr
}

func (w *world) start(t testing.TB, extra ...string) *proc {
	t.Helper()
	cmd := exec.Command(bin(t), "run")
	cmd.Env = w.env(extra...)
	logf, err := os.CreateTemp(t.TempDir(), "bot-*.log")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, done: make(chan error, 1), log: logf.Name()}
	go func() { p.done <- cmd.Wait(); logf.Close() }()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			logTail(t, logf.Name(), 60)
		}
	})
	return p
}

// logTail prints the last n lines of a failed test's bot log.
func logTail(t testing.TB, path string, n int) {
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	t.Logf("the last %d lines of %s:\n%s", min(n, len(lines)), filepath.Base(path), strings.Join(lines[max(0, len(lines)-n):], "\n"))
}

// kill stops the process with SIGKILL: no cleanup of any kind.
func (p *proc) kill() {
	p.cmd.Process.Kill()
	<-p.done
	p.done <- nil
}

// stop asks the process to shut down gracefully. It first waits for the
// process's first log line: before main has installed its signal handler,
// SIGINT ends a Go program at once, which a process just restarted by the
// chaos could otherwise meet.
func (p *proc) stop(t testing.TB) {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if fi, err := os.Stat(p.log); err == nil && fi.Size() > 0 {
			break
		}
	}
	p.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("bot exited with %v after SIGINT", err)
		}
		p.done <- nil
	case <-time.After(30 * time.Second):
		t.Error("bot did not stop within 30 s of SIGINT")
		p.kill()
	}
}

// rssKB reads the process's current and peak resident set size.
func (p *proc) rssKB() (now, peak int) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "VmRSS:" {
			now, _ = strconv.Atoi(fields[1])
		} else if len(fields) >= 2 && fields[0] == "VmHWM:" {
			peak, _ = strconv.Atoi(fields[1])
		}
	}
	return now, peak
}

// citizenMail is a realistic enquiry; attachment > 0 adds that many bytes.
func citizenMail(i int, attachment int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: Borger %d <borger%d@example.dk>\r\nTo: affald@kk.example\r\nSubject: Spørgsmål %d om sortering\r\n"+
		"Message-ID: <e2e-%d@example.dk>\r\nDate: Thu, 26 Nov 2026 09:14:03 +0100\r\nMIME-Version: 1.0\r\n", i, i, i, i)
	body := fmt.Sprintf("Hej,\r\nhvor skal jeg aflevere brugte batterier og en gammel sofa? (henvendelse %d)\r\nMvh borger %d\r\n", i, i)
	if attachment == 0 {
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n" + body)
		return []byte(b.String())
	}
	b.WriteString("Content-Type: multipart/mixed; boundary=XYZ\r\n\r\n--XYZ\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body)
	b.WriteString("--XYZ\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"foto.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	line := strings.Repeat("QUFB", 19) + "\r\n" // 57 bytes per 76-char line
	for n := 0; n < attachment; n += 57 {
		b.WriteString(line)
	}
	b.WriteString("--XYZ--\r\n")
	return []byte(b.String())
}

func waitUntil(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("%s: not within %s", what, timeout)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
