package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/internal/imaptest"
	"github.com/affaldsbot/affaldsbot/internal/smstest"
	"github.com/affaldsbot/affaldsbot/internal/smtptest"
)

// The demo's shared mailbox and adviser.
const (
	demoMailFrom = "affald@demo.kk.dk"
	demoIMAPUser = "affald"
	demoAdviser  = "U0DEMO"
	demoChannel  = "C0DEMO"
)

// demoWorld is what the demo runs against: an in-process IMAP server (the
// shared mailbox), an SMTP server that captures outgoing mail, an SMS
// gateway that captures text messages, and a temporary folder for the
// SQLite database.
type demoWorld struct {
	dir    string
	imap   *imaptest.Server
	smtp   *smtptest.Server
	sms    *smstest.Server // the SMS gateway call-back confirmations go to
	smsKey string          // its SMS_GATEWAY_TOKEN
	secret string          // CALLS_WEBHOOK_SECRET
	imapPW string
	lang   string // BOT_LANG, for the demo's own texts
}

func startDemoWorld() (*demoWorld, error) {
	dir, err := os.MkdirTemp("", "affaldsbot-demo-")
	if err != nil {
		return nil, fmt.Errorf("demo: temporary folder: %w", err)
	}
	w := &demoWorld{dir: dir, secret: randomHex(16), imapPW: randomHex(8), smsKey: randomHex(16)}
	if w.imap, err = imaptest.New(map[string]string{demoIMAPUser: w.imapPW}); err != nil {
		w.Close()
		return nil, fmt.Errorf("demo: IMAP server: %w", err)
	}
	if w.smtp, err = smtptest.New(); err != nil {
		w.Close()
		return nil, fmt.Errorf("demo: SMTP server: %w", err)
	}
	if w.sms, err = smstest.New(w.smsKey); err != nil {
		w.Close()
		return nil, fmt.Errorf("demo: SMS gateway: %w", err)
	}
	return w, nil
}

// Close stops the servers and removes the temporary folder.
func (w *demoWorld) Close() {
	if w.sms != nil {
		w.sms.Close()
	}
	if w.smtp != nil {
		w.smtp.Close()
	}
	if w.imap != nil {
		w.imap.Close()
	}
	os.RemoveAll(w.dir)
}

// config is cfg with everything the demo provides itself: the database, the
// mail servers, the shared address, the call webhook's secret and the SMS
// gateway. An LLM,
// GUIDANCE_DIR, BOT_LANG and the Slack settings stay as configured.
func (w *demoWorld) config(cfg *config.Config) *config.Config {
	c := *cfg
	w.lang = c.BotLang
	c.DatabaseURL = "sqlite:" + filepath.Join(w.dir, "affaldsbot.db")
	if _, set := os.LookupEnv("HTTP_ADDR"); !set {
		c.HTTPAddr = "127.0.0.1:0"
	}
	c.IMAPAddr, c.IMAPUsername, c.IMAPPassword = w.imap.Addr(), demoIMAPUser, config.Secret(w.imapPW)
	c.IMAPTLS, c.IMAPAuth, c.IMAPMailbox, c.IMAPDoneMailbox = "none", "plain", "INBOX", ""
	c.SMTPAddr, c.SMTPUsername, c.SMTPPassword, c.SMTPTLS = w.smtp.Addr(), "", "", "none"
	c.MailFrom, c.MailSentMailbox = demoMailFrom, "Sent"
	c.CallsWebhookSecret = config.Secret(w.secret)
	c.SMSGatewayURL, c.SMSGatewayToken = w.sms.URL+"/v1/messages", config.Secret(w.smsKey)
	c.RoutesFile = ""
	if c.ForwardDestinations == "" {
		c.ForwardDestinations = demoDestinations
	}
	if c.SlackBotToken == "" || c.SlackAppToken == "" {
		c.SlackChannel = demoChannel
	}
	return &c
}

// demoDestinations are the demo's forwarding destinations (FORWARD_DESTINATIONS
// when it is not set): departments and a neighbouring municipality, with
// addresses on the demo's own domain, so forwards stay in its SMTP server.
const demoDestinations = "Borgerservice <borgerservice@demo.invalid>; Parkering <parkering@demo.invalid>; " +
	"Boligafdelingen <bolig@demo.invalid>; Frederiksberg Kommune <frederiksberg@demo.invalid>"

// demoDirectory makes the demo's one adviser an adviser and the team lead.
type demoDirectory struct{ user string }

func (d demoDirectory) IsAdviser(_ context.Context, user string) (bool, error) {
	return user == d.user, nil
}
func (d demoDirectory) IsLead(_ context.Context, user string) (bool, error) {
	return user == d.user, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
