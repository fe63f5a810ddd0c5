package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/config"
)

// lockedBuffer is an output stream the demo writes from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// demoSession runs the demo in-process: commands go in through a pipe, the
// terminal's output collects in a buffer.
type demoSession struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *lockedBuffer
	run  *demoRun
	done chan int
	// exportDir is where stats exports go.
	exportDir string
}

func startDemo(t *testing.T, args ...string) *demoSession {
	t.Helper()
	return startDemoWith(t, nil, args...)
}

// startDemoWith runs the demo with the settings in env.
func startDemoWith(t *testing.T, env map[string]string, args ...string) *demoSession {
	t.Helper()
	t.Setenv("HTTP_ADDR", "127.0.0.1:0")
	cfg, err := config.Load("", func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	cfg.HTTPAddr = "127.0.0.1:0"
	pr, pw := io.Pipe()
	s := &demoSession{t: t, in: pw, out: &lockedBuffer{}, done: make(chan int, 1), exportDir: t.TempDir()}
	started := make(chan *demoRun, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	go func() {
		s.done <- demo(ctx, cfg, args, demoIO{stdin: pr, stdout: s.out, stderr: s.out, ready: func(d *demoRun) { started <- d },
			exportDir: s.exportDir})
	}()
	select {
	case s.run = <-started:
	case code := <-s.done:
		t.Fatalf("demo exited with %d before it ran:\n%s", code, s.out)
	}
	return s
}

func (s *demoSession) send(line string) {
	s.t.Helper()
	if _, err := io.WriteString(s.in, line+"\n"); err != nil {
		s.t.Fatalf("write %q: %v", line, err)
	}
}

// waitFor waits until the output holds every one of want.
func (s *demoSession) waitFor(want ...string) {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		out, missing := s.out.String(), ""
		for _, w := range want {
			if !strings.Contains(out, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("output never showed all of %q:\n%s", want, s.out)
}

func TestDemoTerminalClaimReplyDraftStats(t *testing.T) {
	s := startDemo(t)
	var seeds []string
	for i := 1; i <= 10; i++ {
		seeds = append(seeds, fmt.Sprintf("📧 #%d ", i))
	}
	s.waitFor(append(seeds, "📞 #11 ", "📞 #12 ", "📧 #1 Pizzabakker med fedt — Jens Hansen <jens.hansen@example.dk> — Ny",
		"📎 Vedhæftet: container.png (image/png", "Where do batteries go?")...)

	s.send("claim 1")
	s.waitFor("✔ #1 er nu Taget · hos Demo Rådgiver.")
	s.send("reply 1 Tak for din henvendelse. En fedtet pizzabakke skal i restaffald.")
	s.waitFor("📬", "In-Reply-To:", "   #1 📤 Svar til jens.hansen@example.dk (af Demo Rådgiver):")
	checkSentReply(t, s.run)

	s.send("draft 1")
	s.waitFor("Udkast 1 (fra vejledningen):", "Kilde:", `"use 1"`)
	s.send("stats")
	s.waitFor("Statistik", "Henvendelser", "I alt")
	s.send("citizen 1 Tak, og hvad med låget?")
	s.waitFor("📨 jens.hansen@example.dk skrev:", "Tak, og hvad med låget?")
	s.send("mail Ole Bach <ole@example.dk> Knust vinduesglas | Må det i glascontaineren?")
	s.waitFor("📧 #13 Knust vinduesglas — Ole Bach <ole@example.dk> — Ny")
	s.send("quit")
	select {
	case code := <-s.done:
		if code != exitOK {
			t.Fatalf("demo exited with %d:\n%s", code, s.out)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("demo did not stop after quit")
	}
}

// checkSentReply checks the one mail the citizen got: from the shared
// address, to the citizen alone, tagged, threaded under their mail.
func checkSentReply(t *testing.T, d *demoRun) {
	t.Helper()
	sent := d.world.smtp.Mails()
	if len(sent) != 1 {
		t.Fatalf("%d mails sent, want 1", len(sent))
	}
	msg, err := mail.ReadMessage(bytes.NewReader(sent[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := d.main.DB.Messages(context.Background(), 1)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("messages of #1: %v (%d)", err, len(msgs))
	}
	from, _ := mail.ParseAddress(msg.Header.Get("From"))
	to, _ := mail.ParseAddress(msg.Header.Get("To"))
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if from == nil || from.Address != demoMailFrom || to == nil || to.Address != "jens.hansen@example.dk" {
		t.Errorf("From %q To %q, want %s to jens.hansen@example.dk", msg.Header.Get("From"), msg.Header.Get("To"), demoMailFrom)
	}
	if !strings.Contains(subject, "[#1]") || !strings.Contains(subject, "Pizzabakker med fedt") {
		t.Errorf("Subject = %q, want the enquiry's subject tagged [#1]", subject)
	}
	if got, want := msg.Header.Get("In-Reply-To"), "<"+msgs[0].MessageID+">"; got != want {
		t.Errorf("In-Reply-To = %q, want the citizen's Message-ID %q", got, want)
	}
	if fmt.Sprint(sent[0].To) != "[jens.hansen@example.dk]" {
		t.Errorf("envelope recipients = %v, want the citizen alone", sent[0].To)
	}
}

func TestDemoSeedOnlyShowsEveryEnquiryAndExits(t *testing.T) {
	s := startDemo(t, "--seed-only")
	select {
	case code := <-s.done:
		if code != exitOK {
			t.Fatalf("demo --seed-only exited with %d:\n%s", code, s.out)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("demo --seed-only did not exit")
	}
	s.waitFor("📧 #10 ", "📞 #12 ", "   #12 📞 ")
}

func TestDemoFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"--seed-only", "--no-seed"}, exitUsage},
		{[]string{"extra"}, exitUsage},
		{[]string{"--unknown"}, exitUsage},
		{[]string{"--no-seed"}, -1},
	} {
		if _, got := parseDemoFlags(tc.args, io.Discard); got != tc.want {
			t.Errorf("parseDemoFlags(%q) = %d, want %d", tc.args, got, tc.want)
		}
	}
}

// TestDemoDraftNumbersAndUseOnACall: the first draft of any enquiry is
// "Udkast 1"; `use` on a call without an e-mail address says so and
// nothing else.
func TestDemoDraftNumbersAndUseOnACall(t *testing.T) {
	s := startDemo(t)
	s.waitFor("📞 #12 ")
	s.send("draft 3")
	s.waitFor("   #3 ✏️ Udkast 1 (fra vejledningen):")
	s.send("draft 12")
	s.waitFor("   #12 ✏️ Udkast 1 (fra vejledningen):")
	before := len(s.out.String())
	s.send("use 12")
	s.waitFor("#12 har ingen e-mailadresse at svare til.")
	after := s.out.String()[before:]
	if strings.Contains(after, "Sender udkastet") || strings.Index(after, "⚠️") != strings.Index(after, "⚠️ #12 har ingen e-mailadresse") {
		t.Errorf("use on a call printed more than the refusal:\n%s", after)
	}
	if n := len(s.run.world.smtp.Mails()); n != 0 {
		t.Errorf("%d mails sent", n)
	}
	s.send("quit")
	<-s.done
}

func TestDemoCallOutcomesAndStatsExport(t *testing.T) {
	s := startDemo(t)
	s.waitFor("📞 #11 ", "📞 #12 ")
	s.send("noanswer 11")
	s.waitFor("✔ #11 Opkaldsforsøg 1: intet svar")
	s.send("solved 12 7 Forklarede hvornår der tømmes")
	s.waitFor("✔ #12 Opkaldsforsøg 1: løst (7 min)")
	s.send("solved 12 mange")
	s.waitFor("Brug: solved N MINUTTER [NOTE]")
	s.send("stats i dag eksport")
	s.waitFor("Eksport af 12 henvendelser gemt:", "dannet ", " kl. ")
	for _, ext := range []string{".csv", ".png"} {
		files, _ := filepath.Glob(filepath.Join(s.exportDir, "affald-stats-*"+ext))
		if len(files) != 1 {
			t.Errorf("%d %s files exported, want 1", len(files), ext)
		}
	}
	s.send("quit")
	<-s.done
	out := s.out.String()
	for _, bad := range []string{"#0 ", "Ukendt kommando", "pr. år of", "0.0 min"} {
		if strings.Contains(out, bad) {
			t.Errorf("the demo printed %q:\n%s", bad, out)
		}
	}
}

func TestDemoInEnglish(t *testing.T) {
	s := startDemoWith(t, map[string]string{"BOT_LANG": "en"})
	s.waitFor("everything runs on this machine", `Type "help"`, "📞 #12 ", "— New")
	s.send("help")
	s.waitFor("Commands:", "claim enquiry #N", "the citizen answers #N with TEXT")
	s.send("claim 1")
	s.waitFor("✔ #1 is now Claimed · held by Demo Adviser.")
	s.send("reply 1 Greasy pizza boxes go in residual waste.")
	s.waitFor("mail sent", "Reply to jens.hansen@example.dk (by Demo Adviser):")
	s.send("stats")
	s.waitFor("Statistics", "generated")
	s.send("quit")
	<-s.done
	out := s.out.String()
	for _, danish := range []string{"kører på", `Skriv "help"`, "svarfrist", "Statistik ", "dannet", "Kommandoer", "TEKST",
		"mail sendt", "Taget", "hos Demo", "Farvel", "sortering ·", "Sortering ·"} {
		if strings.Contains(out, danish) {
			t.Errorf("BOT_LANG=en, but the demo wrote the Danish %q", danish)
		}
	}
}
