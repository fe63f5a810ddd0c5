package csat_test

import (
	"context"
	"log/slog"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/jobrecord"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
	afmail "github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/storage/storagetest"
	"github.com/chromedp/chromedp"
)

// browserEnv, when 1, makes a missing Chromium or axe-core a failure
// instead of a skip (CI sets it).
const browserEnv = "AFFALDSBOT_BROWSER"

// screenshotsEnv names a folder for the screenshots; else a temporary one.
const screenshotsEnv = "AFFALDSBOT_SCREENSHOTS"

// TestRatingInARealBrowser: the bot replies to an enquiry as an adviser
// does, and its send job mails the reply with the rating footer through an
// SMTP server; headless Chromium opens its "Tilfreds" link from the
// delivered mail, sees the thank-you page, changes the rating, adds a
// comment, and axe-core finds no WCAG 2.1 A/AA violation on either page, on
// a desktop and a phone screen. Screenshots are saved for a person to look
// at.
func TestRatingInARealBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	chromium := findChromium(t)
	axe := axeSource(t)
	db := storagetest.Open(t, storage.SQLite)
	w := newWorld(t, db, "da")
	link := linkFromDeliveredMail(t, w, 4)
	shots := screenshotDir(t)

	ctx := newBrowser(t, chromium)
	console := collectConsole(ctx)
	do(t, ctx, "open the link from the mail", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("h1")))
	heading, given := text(t, ctx, "h1"), text(t, ctx, "main > p")
	if heading != "Tak for din vurdering" || !strings.Contains(given, "Tilfreds (4 af 5)") {
		t.Errorf("thank-you page: %q / %q", heading, given)
	}
	if r := w.stored(); r.Rating == nil || *r.Rating != 4 {
		t.Fatalf("the click stored %v; want 4", r.Rating)
	}
	// The stylesheet got through the Content-Security-Policy by its hash.
	if bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("button")).backgroundColor`)); err != nil || bg != "rgb(11, 83, 148)" {
		t.Errorf("the button's background is %q (%v); the page's stylesheet did not apply", bg, err)
	}
	screenshot(t, ctx, shots, "1-thanks-desktop.png")
	checkAxe(t, ctx, axe, "thank-you page")
	checkFocusVisible(t, ctx)

	do(t, ctx, "change the rating and comment",
		chromedp.Click(chromedp.CSS(`label[for="rating-2"]`)),
		chromedp.SendKeys(chromedp.ID("comment"), "Svaret hjalp ikke. Ring på 22 33 44 55."),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[role="status"]`)))
	if notice := text(t, ctx, `[role="status"]`); !strings.Contains(notice, "gemt din vurdering og din kommentar") {
		t.Errorf("after saving: %q", notice)
	}
	if given := text(t, ctx, "main > p"); !strings.Contains(given, "Utilfreds (2 af 5)") {
		t.Errorf("after saving the page says %q", given)
	}
	r := w.stored()
	if r.Rating == nil || *r.Rating != 2 || !strings.Contains(r.Comment, "Svaret hjalp ikke") || strings.Contains(r.Comment, "22 33 44 55") {
		t.Errorf("stored rating %v, comment %q; want 2 and the comment without the number", r.Rating, r.Comment)
	}
	screenshot(t, ctx, shots, "2-saved-desktop.png")
	checkAxe(t, ctx, axe, "page after saving")

	do(t, ctx, "a phone's screen", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("h1")))
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil || overflow {
		t.Errorf("the page scrolls sideways on a 360 px wide phone (WCAG 1.4.10 reflow): %v, %v", overflow, err)
	}
	screenshot(t, ctx, shots, "3-thanks-phone.png")
	checkAxe(t, ctx, axe, "thank-you page on a phone")
	msgs := console()
	t.Logf("the browser's console said %d things", len(msgs))
	for _, msg := range msgs {
		if strings.Contains(msg, "Content Security Policy") || strings.Contains(msg, "Refused") {
			t.Errorf("the browser reported: %s", msg)
		}
	}
	t.Logf("screenshots in %s", shots)
}

// linkFromDeliveredMail has the bot reply to the world's enquiry as an
// adviser does (handlers.Service.Reply, then the send job), through an
// SMTP server, and returns the link for rating n from the mail the server
// received. The world's reply becomes the one the bot sent.
func linkFromDeliveredMail(t *testing.T, w *world, n int) string {
	t.Helper()
	ctx := context.Background()
	srv := smtptest.Start(t)
	jobs := &jobrecord.Recorder{}
	w.db.SetEnqueuer(jobs)
	svc := &handlers.Service{DB: w.db, Directory: advisers{"UADV1"}, Ratings: w.svc, Log: slog.New(slog.DiscardHandler),
		Settings: handlers.DefaultSettings(), Mailer: afmail.NewMailer(afmail.SMTPSettings{Addr: srv.Addr(), TLS: "none"}, nil, "Sent")}
	svc.Settings.MailFrom = "affald@kk.example"
	m, err := svc.Reply(ctx, "UADV1", w.e.ID, "Hej Jens\n\nEn fedtet pizzabakke skal i restaffald.\n\nMed venlig hilsen\nAffaldsrådgivningen", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SendReply(ctx, handlers.SendReplyArgs{MessageID: m.ID}); err != nil {
		t.Fatal(err)
	}
	w.reply = m.ID
	got := srv.Mails()
	if len(got) != 1 {
		t.Fatalf("%d mails delivered", len(got))
	}
	text := deliveredText(t, got[0].Data)
	label := csat.Label("da", n)
	match := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(label) + `:\n(http\S+)$`).FindStringSubmatch(text)
	if match == nil {
		t.Fatalf("no %q link in the delivered mail:\n%s", label, text)
	}
	return match[1]
}

// advisers is a directory of advisers only.
type advisers []string

func (a advisers) IsAdviser(_ context.Context, user string) (bool, error) {
	return slices.Contains(a, user), nil
}
func (a advisers) IsLead(context.Context, string) (bool, error) { return false, nil }

// deliveredText decodes the delivered mail's quoted-printable body.
func deliveredText(t *testing.T, data []byte) string {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	if cte := msg.Header.Get("Content-Transfer-Encoding"); !strings.EqualFold(cte, "quoted-printable") {
		t.Fatalf("Content-Transfer-Encoding %q", cte)
	}
	p := afmail.Parse(data, 0)
	return p.Text + p.Quoted
}

func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "Chromium is not installed (apt-get install -y chromium chromium-driver)")
	return ""
}

func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv(browserEnv) == "1" {
		t.Fatalf("%s, and %s=1 demands the browser test", why, browserEnv)
	}
	t.Skipf("%s; %s=1 makes this a failure", why, browserEnv)
}

func screenshotDir(t *testing.T) string {
	if d := os.Getenv(screenshotsEnv); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// newBrowser starts headless Chromium with nothing that reaches out to
// the internet, on an empty profile.
func newBrowser(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true), chromedp.Flag("disable-extensions", true),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return strings.TrimSpace(s)
}

// collectConsole keeps what the page and the browser log say; the func
// returns it so far.
func collectConsole(ctx context.Context) func() []string {
	var mu sync.Mutex
	var out []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			out = append(out, string(m.Type)+": "+m.Text)
			mu.Unlock()
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), out...)
	}
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// axeResult is what axe.run reports of each violation.
type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target []string `json:"target"`
		} `json:"nodes"`
	} `json:"violations"`
	Passes []struct{ ID string } `json:"passes"`
}

// checkAxe runs axe-core's WCAG 2.0/2.1 A and AA rules and its best
// practices in the page.
func checkAxe(t *testing.T, ctx context.Context, axe, page string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+"\n;true")); err != nil {
		t.Fatalf("load axe-core into %s: %v", page, err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](`axe.run(document, {runOnly: {type: "tag",
		values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe on %s: %v", page, err)
	}
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, strings.Join(n.Target, " "))
		}
		t.Errorf("axe on %s: %s (%s): %s at %s", page, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
	}
	t.Logf("axe on %s: %d violations, %d rules passed", page, len(res.Violations), len(res.Passes))
}

// checkFocusVisible tabs to the first control and checks that it shows a
// focus ring (WCAG 2.4.7).
func checkFocusVisible(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "tab to the form", chromedp.KeyEvent("\t"), chromedp.KeyEvent("\t"))
	ring, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = getComputedStyle(document.activeElement);
		return document.activeElement.tagName + " " + s.outlineStyle + " " + s.outlineWidth; })()`))
	if f := strings.Fields(ring); err != nil || len(f) != 3 || f[1] == "none" || f[2] == "0px" {
		t.Errorf("the focused element shows no focus ring: %q, %v", ring, err)
	}
}
