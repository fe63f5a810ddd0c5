package teams

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// DefaultServiceURL is the Bot Connector's global address for Teams, used
// for posts made before any activity has named the serviceUrl to use.
const DefaultServiceURL = "https://smba.trafficmanager.net/teams/"

// Connector is the part of the Bot Connector client the surface uses.
type Connector interface {
	SendToConversation(ctx context.Context, serviceURL, conversation string, a Activity) (string, error)
	UpdateActivity(ctx context.Context, serviceURL, conversation, activity string, a Activity) (string, error)
	DeleteActivity(ctx context.Context, serviceURL, conversation, activity string) error
	CreateConversation(ctx context.Context, serviceURL string, p ConversationParameters) (string, error)
}

var _ Connector = (*Client)(nil)

// SurfaceConfig configures a Surface.
type SurfaceConfig struct {
	Connector  Connector
	AppID      string // the bot's Microsoft app id
	TenantID   string // the tenant of personal chats; "" for a multi-tenant app
	ServiceURL string // DefaultServiceURL unless given
	Lang       string // BOT_LANG
	Location   *time.Location
	Posts      Posts // NewMemoryPosts() unless given
}

// Surface is the handlers' chat surface on Microsoft Teams: an enquiry is
// an Adaptive Card posted to the team's channel (TEAMS_CHANNEL), its
// conversation the card's reply chain; what Slack shows one user only goes
// to that user's personal chat with the bot.
type Surface struct {
	cfg SurfaceConfig
	p   *locale.Printer

	mu         sync.Mutex
	serviceURL string
	names      map[string]string // Entra object id → display name, as activities carry them
	chats      map[string]string // Entra object id → personal conversation id
	homes      map[string]home   // Entra object id → the summary card shown
}

type home struct{ id, shown string }

var (
	_ handlers.ChatSurface  = (*Surface)(nil)
	_ handlers.AdviserNames = (*Surface)(nil)
)

// NewSurface returns a surface posting through cfg.Connector.
func NewSurface(cfg SurfaceConfig) (*Surface, error) {
	if cfg.Connector == nil || cfg.AppID == "" {
		return nil, errors.New("teams: surface needs a connector and the app id")
	}
	if cfg.ServiceURL == "" {
		cfg.ServiceURL = DefaultServiceURL
	}
	if cfg.Posts == nil {
		cfg.Posts = NewMemoryPosts()
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	return &Surface{cfg: cfg, p: locale.NewPrinter(cfg.Lang), serviceURL: cfg.ServiceURL,
		names: map[string]string{}, chats: map[string]string{}, homes: map[string]home{}}, nil
}

// Learn keeps what an authenticated activity tells: the serviceUrl to post
// to and the sender's display name.
func (s *Surface) Learn(serviceURL string, from *Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if serviceURL != "" {
		s.serviceURL = serviceURL
	}
	if from != nil && from.AADObjectID != "" && from.Name != "" {
		s.names[from.AADObjectID] = from.Name
	}
}

func (s *Surface) service() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.serviceURL
}

// Name is how a user is shown: their display name once seen, else their id.
func (s *Surface) Name(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n, ok := s.names[user]; ok {
		return n
	}
	return user
}

// ThreadConversation is the conversation id of a channel post's reply chain.
func ThreadConversation(channel, rootID string) string {
	return channel + ";messageid=" + rootID
}

func rootKey(id int64) string    { return "root:" + strconv.FormatInt(id, 10) }
func messageKey(id int64) string { return "message:" + strconv.FormatInt(id, 10) }
func ratingKey(id int64) string  { return "rating:" + strconv.FormatInt(id, 10) }

// PostRoot posts the enquiry's root card to the channel.
func (s *Surface) PostRoot(ctx context.Context, channel string, v handlers.RootView) (string, error) {
	id, err := s.cfg.Connector.SendToConversation(ctx, s.service(), channel, s.rootActivity(v))
	if err != nil {
		return "", fmt.Errorf("post root of enquiry %d: %w", v.Enquiry.ID, err)
	}
	return id, s.cfg.Posts.Record(ctx, "", rootKey(v.Enquiry.ID), id)
}

// FindRoot finds a root card recorded earlier.
func (s *Surface) FindRoot(ctx context.Context, _ string, enquiryID int64, _ time.Time) (string, bool, error) {
	return s.cfg.Posts.Find(ctx, "", rootKey(enquiryID))
}

// UpdateRoot replaces the root card with its current state.
func (s *Surface) UpdateRoot(ctx context.Context, channel, ts string, v handlers.RootView) error {
	if _, err := s.cfg.Connector.UpdateActivity(ctx, s.service(), channel, ts, s.rootActivity(v)); err != nil {
		return fmt.Errorf("update root of enquiry %d: %w", v.Enquiry.ID, err)
	}
	return nil
}

func (s *Surface) rootActivity(v handlers.RootView) Activity {
	return Activity{Type: "message", Attachments: []Attachment{CardAttachment(s.RootCard(v))}}
}

// RootCard is the card of an enquiry as it stands.
func (s *Surface) RootCard(v handlers.RootView) map[string]any {
	return RootCard(s.rootView(v), s.labels())
}

func (s *Surface) rootView(v handlers.RootView) RootView {
	e := v.Enquiry
	rv := RootView{Number: e.Ref(), Sender: sender(e), Subject: e.Subject, Status: e.Status,
		StatusText: s.p.Printf("teams_status_" + string(e.Status)), Preview: preview(v)}
	if e.Holder != "" && e.Status.Open() {
		rv.Holder = s.Name(e.Holder)
	}
	if e.DeadlineAt != nil {
		rv.Deadline = handlers.FormatDeadline(e.DeadlineAt.In(s.cfg.Location), s.p.Lang())
	}
	return rv
}

func sender(e *affaldsbot.Enquiry) string {
	switch {
	case e.Channel == affaldsbot.ChannelPhone && e.CitizenName != "":
		return e.CitizenName + " (" + e.CitizenPhone + ")"
	case e.Channel == affaldsbot.ChannelPhone:
		return e.CitizenPhone
	case e.CitizenName != "":
		return e.CitizenName + " <" + e.CitizenEmail + ">"
	}
	return e.CitizenEmail
}

// previewRunes is how much of the first text the root card shows.
const previewRunes = 300

func preview(v handlers.RootView) string {
	p := v.Preview
	if v.Note != "" {
		p = v.Note
		if v.TransferredBy != "" {
			p += " (" + v.TransferredBy + ")"
		}
	}
	if r := []rune(p); len(r) > previewRunes {
		p = string(r[:previewRunes]) + "…"
	}
	return p
}

func (s *Surface) labels() CardLabels {
	l := CardLabels{From: s.p.Printf("teams_from"), Status: s.p.Printf("teams_status"),
		Holder: s.p.Printf("teams_holder"), Deadline: s.p.Printf("teams_deadline"), Verbs: map[string]string{}}
	for _, v := range []string{VerbClaim, VerbRelease, VerbReply, VerbDraft, VerbClose, VerbReopen} {
		l.Verbs[v] = s.p.Printf("teams_verb_" + v)
	}
	return l
}

// AdviserName is the adviser's display name as Teams last gave it, for the
// standard answers' signature; their id before any activity of theirs.
func (s *Surface) AdviserName(_ context.Context, user string) (string, error) {
	return s.Name(user), nil
}
