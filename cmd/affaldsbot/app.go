package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot/answers"
	"github.com/affaldsbot/affaldsbot/bot"
	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/csat"
	"github.com/affaldsbot/affaldsbot/guidance"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/httpapi"
	"github.com/affaldsbot/affaldsbot/jobs"
	"github.com/affaldsbot/affaldsbot/llm"
	"github.com/affaldsbot/affaldsbot/mail"
	"github.com/affaldsbot/affaldsbot/metrics"
	"github.com/affaldsbot/affaldsbot/sms"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/teams"
	"github.com/affaldsbot/affaldsbot/workcal"
	"golang.org/x/sync/errgroup"
)

// Main is the whole program, wired: tests and the demo start the real thing.
type Main struct {
	Config *config.Config
	Log    *slog.Logger

	// Surface replaces Slack (the demo's terminal chat); nil means Slack.
	// With it, Directory says who may act and Names how advisers sign.
	Surface   handlers.ChatSurface
	Directory handlers.Directory
	Names     handlers.AdviserNames
	// IMAPTLS and SMTPTLS replace the system's TLS settings (tests).
	IMAPTLS, SMTPTLS *tls.Config
	// Clock replaces time.Now (tests).
	Clock func() time.Time

	DB       *storage.DB
	Queue    *jobs.Queue
	Service  *handlers.Service
	Bot      *bot.Bot
	Receiver *bot.Receiver
	Teams    *teams.Receiver // CHAT=teams: POST /api/messages
	Rating   *csat.Service   // the satisfaction ratings of replies
	Metrics  *metrics.Registry
	watchers []*mail.Watcher
	leases   []*lease // leases[i] guards watchers[i]: one replica watches a mailbox
	http     *http.Server
	listener net.Listener
	metrics  *http.Server // METRICS_ADDR; nil: /metrics on the main listener or off
	mlisten  net.Listener
	drafter  string // the LLM provider, "" without one
}

// Open connects to the database and builds every part; Run starts them.
func (m *Main) Open(ctx context.Context) error {
	if m.Log == nil {
		m.Log = slog.Default()
	}
	routes, err := loadRoutes(m.Config)
	if err != nil {
		return err
	}
	if m.DB, _, err = openDatabase(ctx, m.Config.DatabaseURL); err != nil {
		return err
	}
	if m.Clock != nil {
		m.DB.SetClock(m.Clock)
	}
	m.Metrics = metrics.New()
	if err := m.openService(ctx, routes); err != nil {
		return err
	}
	reg := jobs.NewRegistry()
	registerJobs(reg, m.Service)
	if m.Queue, err = jobs.New(m.DB.DB.DB, reg, jobs.Config{Dialect: m.DB.Dialect, Logger: m.Log}); err != nil {
		return err
	}
	m.DB.SetEnqueuer(m.Queue)
	m.watchers = m.newWatchers(routes)
	if m.Bot != nil {
		m.Receiver = bot.NewReceiver(m.Bot, m.Service, bot.ReceiverOptions{APIURL: m.Config.SlackAPIURL})
	}
	return m.listen()
}

// openService builds the handlers' service with every part it is given
// here and nowhere else: the chat, the directory, the mail servers, the
// calendar, ratings, drafts and answers; one missing stops start-up.
func (m *Main) openService(ctx context.Context, routes handlers.Routes) error {
	cal, err := workcal.New(workcal.Config{Location: m.Config.Location})
	if err != nil {
		return &config.Error{Name: "TZ", Problem: err.Error()}
	}
	m.Service = m.newService(routes, cal)
	if err := m.openChat(ctx); err != nil {
		return err
	}
	m.Rating = m.newRating()
	if err := m.openDrafts(); err != nil {
		return err
	}
	if err := m.openAnswers(); err != nil {
		return err
	}
	if m.Config.IntakeEnabled() {
		folders := append(watchedMailboxes(m.Config, m.Service.Routes), m.Config.IMAPDoneMailbox, m.Config.MailSentMailbox)
		m.Service.Mailbox = mail.NewMailbox(m.imapSettings(m.Config.IMAPMailbox), folders...)
	}
	return m.Service.Check()
}

// openChat gives the service its chat: the terminal's with its directory,
// Microsoft Teams (CHAT=teams, openTeams), or Slack, with the advisers and
// leads of SLACK_ADVISERS and SLACK_LEADS.
func (m *Main) openChat(ctx context.Context) error {
	svc := m.Service
	if m.Surface != nil {
		svc.Slack, svc.Directory, svc.Names = m.Surface, m.Directory, m.Names
		return nil
	}
	if m.Config.UsesTeams() {
		return m.openTeams(ctx)
	}
	if m.Config.SlackBotToken == "" {
		return &config.Error{Name: "SLACK_BOT_TOKEN", Problem: "is not set"}
	}
	m.Bot = bot.New(bot.Options{BotToken: m.Config.SlackBotToken.Value(), APIURL: m.Config.SlackAPIURL,
		Lang: m.Config.BotLang, Location: m.Config.Location, Log: m.Log})
	dir := bot.NewDirectory(m.Bot, m.Config.SlackAdvisers, m.Config.SlackLeads)
	svc.Slack, svc.Names, svc.Directory, svc.Leads = m.Bot, m.Bot, dir, dir
	return nil
}

// listen opens HTTP_ADDR and, when set, METRICS_ADDR, each with the
// server's limits on slow and numerous clients.
func (m *Main) listen() error {
	var err error
	m.http = httpapi.NewServer(httpapi.NewMux(m.httpRoutes()), httpapi.DefaultLimits)
	if m.listener, err = httpapi.Listen(m.Config.HTTPAddr, httpapi.DefaultLimits); err != nil {
		return &config.Error{Name: "HTTP_ADDR", Problem: err.Error()}
	}
	if !m.separateMetrics() {
		return nil
	}
	m.metrics = httpapi.NewServer(httpapi.NewMux(httpapi.Routes{Metrics: m.Metrics.Handler()}), httpapi.DefaultLimits)
	if m.mlisten, err = httpapi.Listen(m.Config.MetricsAddr, httpapi.DefaultLimits); err != nil {
		return &config.Error{Name: "METRICS_ADDR", Problem: err.Error()}
	}
	return nil
}

func (m *Main) separateMetrics() bool {
	return m.Config.MetricsAddr != "" && m.Config.MetricsAddr != "off"
}

// HTTPAddr is the address the HTTP endpoints listen on.
func (m *Main) HTTPAddr() string { return m.listener.Addr().String() }

// MetricsAddr is the address /metrics listens on: METRICS_ADDR's, else HTTP_ADDR's.
func (m *Main) MetricsAddr() string {
	if m.mlisten != nil {
		return m.mlisten.Addr().String()
	}
	return m.HTTPAddr()
}

// newService is the service with its settings, calendar and outside
// servers (SMTP, SMS); the chat is openChat's.
func (m *Main) newService(routes handlers.Routes, cal *workcal.Calendar) *handlers.Service {
	settings := handlers.DefaultSettings()
	settings.MailFrom, settings.Lang, settings.SentMailbox = m.Config.MailFrom, m.Config.BotLang, m.Config.MailSentMailbox
	settings.DigestTime = m.Config.DigestTime
	if day, hour, minute, ok := m.Config.InsightsSchedule(); ok {
		settings.Insights = &handlers.Schedule{Day: day, Hour: hour, Minute: minute}
	}
	settings.JournalAddr, settings.RetentionDays = m.Config.JournalAddr, m.Config.RetentionDays
	settings.Signature = map[string]string{"da": lines(m.Config.DraftSignature), "en": lines(m.Config.DraftSignatureEN)}
	svc := &handlers.Service{DB: m.DB, Calendar: cal, Routes: routes, Settings: settings, Log: m.Log, Metrics: m.Metrics.Handlers}
	if m.Config.SMTPAddr != "" {
		svc.Mailer = m.mailer()
	}
	if m.Config.SMSGatewayURL != "" {
		svc.SMS = &sms.Gateway{URL: m.Config.SMSGatewayURL, Token: m.Config.SMSGatewayToken.Value(), Sender: m.Config.SMSSender}
	}
	return svc
}

// newRating builds the satisfaction ratings: the pages serve links sent
// before even when CSAT=off stops new ones.
func (m *Main) newRating() *csat.Service {
	c := m.Config
	r := csat.New(m.DB, csat.Options{Off: !c.CSATEnabled(), BaseURL: c.PublicBase(), TokenTTL: c.CSATTokenTTL(),
		AccessibilityURL: c.AccessibilityURL, Lang: c.BotLang, Log: m.Log, OnRated: m.Service.RatingChanged})
	m.Service.Ratings = r
	return r
}

// loadAnswers is the folder's standard answers, or the built-in set when
// dir is ""; a bad folder is an error naming ANSWERS_DIR.
func loadAnswers(dir string) ([]answers.Answer, error) {
	if dir == "" {
		return answers.Builtin(), nil
	}
	list, err := answers.LoadDir(dir)
	if err != nil {
		return nil, &config.Error{Name: "ANSWERS_DIR", Problem: err.Error()}
	}
	return list, nil
}

// openAnswers loads the standard answers and the forwarding destinations;
// a bad folder or list stops start-up naming the setting.
func (m *Main) openAnswers() error {
	list, err := loadAnswers(m.Config.AnswersDir)
	if err != nil {
		return err
	}
	m.Service.Answers = list
	dests, err := handlers.ParseDestinations(m.Config.ForwardDestinations)
	if err != nil {
		return &config.Error{Name: "FORWARD_DESTINATIONS", Problem: err.Error()}
	}
	m.Service.Destinations = dests
	return nil
}

// openDrafts loads the sorting guidance and, when one is configured, the LLM.
func (m *Main) openDrafts() error {
	if m.Config.GuidanceDir == "" {
		m.Service.Guidance = guidance.NewLazy(guidance.LoadBuiltin)
	} else {
		ix, err := guidance.LoadDir(m.Config.GuidanceDir) // a bad folder stops start-up
		if err != nil {
			return &config.Error{Name: "GUIDANCE_DIR", Problem: err.Error()}
		}
		m.Service.Guidance = ix
	}
	if !m.Config.DraftsEnabled() {
		return nil
	}
	c := m.Config
	client, err := llm.New(llm.Config{APIKey: c.OpenAIAPIKey.Value(), BaseURL: c.OpenAIBaseURL, Model: c.OpenAIModel,
		AzureAPIVersion: c.OpenAIAzureAPIVersion, AzureDeployment: c.OpenAIAzureDeployment})
	if err != nil {
		return &config.Error{Name: "OPENAI_BASE_URL", Problem: err.Error()}
	}
	m.Service.Drafter = client
	m.drafter = client.Provider()
	return nil
}

// guidanceIndex indexes GUIDANCE_DIR, or the built-in corpus when it is unset.
func guidanceIndex(dir string) (*guidance.Index, error) {
	if dir == "" {
		return guidance.LoadBuiltin()
	}
	return guidance.LoadDir(dir)
}

func (m *Main) mailer() mail.Mailer {
	c := m.Config
	smtp := mail.SMTPSettings{Addr: c.SMTPAddr, Username: c.SMTPUsername, Password: c.SMTPPassword.Value(),
		TLS: c.SMTPTLS, TLSConfig: m.SMTPTLS}
	var imap *mail.IMAPSettings
	if c.IntakeEnabled() {
		s := m.imapSettings(c.IMAPMailbox)
		imap = &s
	}
	return mail.NewMailer(smtp, imap, c.MailSentMailbox)
}

// registerJobs names the worker of every job kind.
func registerJobs(reg *jobs.Registry, svc *handlers.Service) {
	jobs.Register(reg, svc.SyncSlack, jobs.Options{MaxAttempts: 25})
	jobs.Register(reg, svc.UpdateRoot, jobs.Options{MaxAttempts: 10})
	jobs.Register(reg, svc.SuggestMerge, jobs.Options{MaxAttempts: 10})
	jobs.Register(reg, svc.MergeNotice, jobs.Options{MaxAttempts: 25})
	jobs.Register(reg, svc.CallbackReminder, jobs.Options{MaxAttempts: 10})
	jobs.Register(reg, svc.CallbackConfirm, jobs.Options{MaxAttempts: 10})
	jobs.Register(reg, svc.EraseSlack, jobs.Options{MaxAttempts: 10, Timeout: 5 * time.Minute}) // what still fails stays listed for the lead
	jobs.Register(reg, svc.EraseMailbox, jobs.Options{MaxAttempts: 25, Timeout: 5 * time.Minute})
	jobs.Register(reg, svc.SendReply, jobs.Options{MaxAttempts: 10}) // above handlers.MaxReplyAttempts
	jobs.Register(reg, svc.ReplyFailed, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.PostRating, jobs.Options{MaxAttempts: 25})
	jobs.Register(reg, svc.CallReminders, jobs.Options{MaxAttempts: 1, Timeout: 30 * time.Second})
	jobs.Periodic(reg, time.Minute, func() handlers.CallRemindersArgs { return handlers.CallRemindersArgs{} })
	jobs.Register(reg, svc.Draft, jobs.Options{MaxAttempts: 3, Timeout: 2 * time.Minute})
	jobs.Register(reg, svc.RenderDraft, jobs.Options{MaxAttempts: 5})
	jobs.Register(reg, svc.DailyDigest, jobs.Options{MaxAttempts: 1, Timeout: time.Minute})
	jobs.Periodic(reg, time.Minute, func() handlers.DigestArgs { return handlers.DigestArgs{} })
	jobs.Register(reg, svc.WeeklyInsights, jobs.Options{MaxAttempts: 1, Timeout: 5 * time.Minute})
	jobs.Periodic(reg, time.Minute, func() handlers.InsightsArgs { return handlers.InsightsArgs{} })
	jobs.Register(reg, svc.DeadlineWarnings, jobs.Options{MaxAttempts: 1, Timeout: time.Minute})
	jobs.Periodic(reg, time.Minute, func() handlers.DeadlineWarningsArgs { return handlers.DeadlineWarningsArgs{} })
	jobs.Register(reg, svc.Retention, jobs.Options{MaxAttempts: 3, Timeout: 30 * time.Minute})
	jobs.Periodic(reg, 24*time.Hour, func() handlers.RetentionArgs { return handlers.RetentionArgs{Days: svc.Settings.RetentionDays} })
	jobs.Register(reg, svc.FileEnquiry, jobs.Options{MaxAttempts: 10}) // above handlers.MaxReplyAttempts
	jobs.Register(reg, svc.SendForward, jobs.Options{MaxAttempts: 10}) // above handlers.MaxReplyAttempts
	jobs.Register(reg, svc.FileClosed, jobs.Options{MaxAttempts: 1, Timeout: time.Minute})
	jobs.Periodic(reg, time.Minute, func() handlers.FileClosedArgs { return handlers.FileClosedArgs{} })
	jobs.Register(reg, svc.PruneInputs, jobs.Options{MaxAttempts: 3, Timeout: time.Minute})
	jobs.Periodic(reg, time.Hour, func() handlers.PruneInputsArgs { return handlers.PruneInputsArgs{} })
}

func (m *Main) imapSettings(mailbox string) mail.IMAPSettings {
	c := m.Config
	s := mail.IMAPSettings{Addr: c.IMAPAddr, Username: c.IMAPUsername, Password: c.IMAPPassword.Value(), TLS: c.IMAPTLS,
		Auth: c.IMAPAuth, Mailbox: mailbox, DoneMailbox: c.IMAPDoneMailbox, TLSConfig: m.IMAPTLS}
	if c.IMAPAuth == "xoauth2" {
		s.Token = mail.NewClientCredentialsTokenSource(c.OAuthTokenURL, c.OAuthClientID, c.OAuthClientSecret.Value(), c.OAuthScopes)
	}
	return s
}

func (m *Main) newWatchers(routes handlers.Routes) []*mail.Watcher {
	if !m.Config.IntakeEnabled() {
		return nil
	}
	var out []*mail.Watcher
	for _, mb := range watchedMailboxes(m.Config, routes) {
		out = append(out, mail.NewWatcher(m.imapSettings(mb), m.DB, m.Service.HandleMail, m.Log))
		m.leases = append(m.leases, newLease(m.DB, "imap:"+mb, m.Log))
	}
	return out
}

func (m *Main) httpRoutes() httpapi.Routes {
	r := httpapi.Routes{Checks: map[string]httpapi.Check{
		"database": func(ctx context.Context) error { return m.DB.PingContext(ctx) },
	}}
	if m.Config.MetricsAddr == "" {
		r.Metrics = m.Metrics.Handler()
	}
	for i, w := range m.watchers {
		name := "imap"
		if i > 0 {
			name = fmt.Sprintf("imap_%d", i)
		}
		r.Checks[name] = func(context.Context) error {
			if !w.Connected() && m.leases[i].Held() { // a standby replica is ready
				return errors.New("not logged in")
			}
			return nil
		}
	}
	r.Rating = m.Rating.Handler()
	if m.Config.CallsEnabled() {
		r.Calls = httpapi.NewCallsHandler([]byte(m.Config.CallsWebhookSecret.Value()), handlers.NewCallBatcher(m.Service, handlers.CallBatchOptions{}), time.Now)
	}
	if m.Teams != nil {
		r.TeamsMessages = m.Teams.Handler()
	}
	switch {
	case m.Receiver == nil:
	case m.Config.SocketMode():
		r.Checks["slack"] = func(context.Context) error {
			if !m.Receiver.SocketConnected() {
				return errors.New("socket mode connection is not open")
			}
			return nil
		}
	default:
		r.SlackEvents = m.Receiver.HTTPHandler(m.Config.SlackSigningSecret.Value())
		r.Checks["slack"] = m.Bot.CheckAuth
	}
	return r
}

// Run starts every part and blocks until ctx ends or a part fails; then it
// stops the rest gracefully.
func (m *Main) Run(ctx context.Context) error {
	if err := m.Queue.Start(ctx); err != nil {
		return fmt.Errorf("start jobs: %w", err)
	}
	g, gctx := errgroup.WithContext(ctx)
	for i, w := range m.watchers {
		g.Go(func() error { return m.leases[i].Run(gctx, w.Run) })
	}
	if m.Receiver != nil && m.Config.SocketMode() {
		g.Go(func() error { return m.Receiver.RunSocketMode(gctx, m.Config.SlackAppToken.Value()) })
	}
	g.Go(func() error { return serveHTTP(gctx, m.http, m.listener) })
	if m.metrics != nil {
		g.Go(func() error { return serveHTTP(gctx, m.metrics, m.mlisten) })
	}
	<-gctx.Done()
	err := g.Wait()
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
	defer cancel()
	if m.Receiver != nil {
		m.Receiver.Wait()
	}
	m.Queue.Stop(stop)
	return err
}

func serveHTTP(ctx context.Context, srv *http.Server, ln net.Listener) error {
	err := httpapi.Serve(ctx, srv, ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Close releases the listeners and the database.
func (m *Main) Close() error {
	for _, ln := range []net.Listener{m.listener, m.mlisten} {
		if ln != nil {
			ln.Close()
		}
	}
	if m.DB == nil {
		return nil
	}
	return m.DB.Close()
}

// lines turns the two characters \n of a one-line setting into new lines.
func lines(setting string) string { return strings.ReplaceAll(setting, `\n`, "\n") }
