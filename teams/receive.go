package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/locale"
)

// MaxActivityBytes is the largest activity /api/messages reads: a dialog's
// submission carries a reply of up to handlers.MaxReplyChars characters,
// each up to six bytes of JSON.
const MaxActivityBytes = 256 << 10

// ReceiverConfig configures a Receiver.
type ReceiverConfig struct {
	Auth    *Authenticator
	Surface *Surface
	Service *handlers.Service
	Roles   Roles
	Channel string // TEAMS_CHANNEL
	// TenantID is TEAMS_TENANT_ID: a single-tenant bot takes activities
	// from its own tenant only; "" (multi-tenant) takes any.
	TenantID string
	Log      *slog.Logger
}

// Receiver answers the Bot Connector's requests to POST /api/messages: the
// cards' buttons, the reply dialog, messages in enquiries' reply chains and
// commands, calling the same handlers Slack's receiver calls.
type Receiver struct {
	cfg ReceiverConfig
	p   *locale.Printer
}

// NewReceiver checks cfg and returns the receiver.
func NewReceiver(cfg ReceiverConfig) (*Receiver, error) {
	if cfg.Auth == nil || cfg.Surface == nil || cfg.Service == nil || cfg.Roles == nil || cfg.Channel == "" {
		return nil, errors.New("teams: receiver needs the authenticator, surface, service, roles and channel")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Receiver{cfg: cfg, p: cfg.Surface.p}, nil
}

// incoming is the part of an activity the receiver reads.
type incoming struct {
	Type         string   `json:"type"`
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	ServiceURL   string   `json:"serviceUrl"`
	ChannelID    string   `json:"channelId"`
	From         *Account `json:"from"`
	Conversation *struct {
		ID               string `json:"id"`
		ConversationType string `json:"conversationType"`
	} `json:"conversation"`
	Text        string          `json:"text"`
	Value       json.RawMessage `json:"value"`
	ChannelData struct {
		Tenant struct {
			ID string `json:"id"`
		} `json:"tenant"`
	} `json:"channelData"`
}

// Handler is POST /api/messages: the token is checked before the body is
// read (Authenticator.Middleware).
func (r *Receiver) Handler() http.Handler {
	return r.cfg.Auth.Middleware(http.HandlerFunc(r.serve))
}

// badRequest is a request the receiver refuses, with the status and what is
// wrong, said to the caller.
type badRequest struct {
	status  int
	problem string
}

func (b *badRequest) Error() string { return b.problem }

func refuse(status int, format string, args ...any) error {
	return &badRequest{status, fmt.Sprintf(format, args...)}
}

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	a, err := r.read(w, req)
	var answer any
	if err == nil {
		answer, err = r.dispatch(req.Context(), a)
	}
	var bad *badRequest
	switch {
	case errors.As(err, &bad):
		http.Error(w, bad.problem, bad.status)
	case err != nil:
		r.cfg.Log.LogAttrs(req.Context(), slog.LevelError, "teams activity", slog.String("type", a.Type),
			slog.String("name", a.Name), slog.String("error", err.Error()))
		http.Error(w, "internal error", http.StatusInternalServerError)
	case answer == nil:
		w.WriteHeader(http.StatusOK)
	default:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_ = json.NewEncoder(w).Encode(answer)
	}
}

// read parses the activity and makes the checks that follow parsing.
func (r *Receiver) read(w http.ResponseWriter, req *http.Request) (*incoming, error) {
	if req.Method != http.MethodPost {
		return &incoming{}, refuse(http.StatusMethodNotAllowed, "POST only")
	}
	if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); mt != "application/json" {
		return &incoming{}, refuse(http.StatusUnsupportedMediaType, "Content-Type must be application/json")
	}
	var a incoming
	if err := json.NewDecoder(http.MaxBytesReader(w, req.Body, MaxActivityBytes)).Decode(&a); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &a, refuse(http.StatusRequestEntityTooLarge, "activity larger than %d bytes", MaxActivityBytes)
		}
		return &a, refuse(http.StatusBadRequest, "malformed activity: %v", err)
	}
	switch {
	case a.Type == "":
		return &a, refuse(http.StatusBadRequest, "activity type missing")
	case a.ServiceURL == "":
		return &a, refuse(http.StatusBadRequest, "activity serviceUrl missing")
	}
	if err := r.cfg.Auth.CheckActivity(req.Context(), a.ServiceURL, a.ChannelID); err != nil {
		return &a, refuse(http.StatusForbidden, "%v", err)
	}
	if t := r.cfg.TenantID; t != "" && !strings.EqualFold(a.ChannelData.Tenant.ID, t) {
		return &a, refuse(http.StatusForbidden, "activity from tenant %q, not TEAMS_TENANT_ID", a.ChannelData.Tenant.ID)
	}
	r.cfg.Surface.Learn(a.ServiceURL, a.From)
	return &a, nil
}

func (r *Receiver) dispatch(ctx context.Context, a *incoming) (any, error) {
	switch a.Type {
	case "invoke":
		return r.invoke(ctx, a)
	case "message":
		return nil, r.message(ctx, a)
	}
	return nil, nil // conversationUpdate, installationUpdate, typing …: nothing to do
}

func (r *Receiver) invoke(ctx context.Context, a *incoming) (any, error) {
	if err := needUser(a); err != nil {
		return nil, err
	}
	switch a.Name {
	case "adaptiveCard/action":
		return r.cardAction(ctx, a)
	case "task/fetch":
		return r.taskFetch(ctx, a)
	case "task/submit":
		return r.taskSubmit(ctx, a)
	}
	return nil, refuse(http.StatusBadRequest, "invoke %q not handled", a.Name)
}

// needUser refuses an activity that does not say who sent it.
func needUser(a *incoming) error {
	switch {
	case a.ID == "":
		return refuse(http.StatusBadRequest, "activity id missing")
	case a.From == nil || a.From.AADObjectID == "":
		return refuse(http.StatusBadRequest, "from.aadObjectId missing")
	case a.Conversation == nil || a.Conversation.ID == "":
		return refuse(http.StatusBadRequest, "conversation.id missing")
	}
	return nil
}

// enquiryID reads the "#42" a card or dialog carries.
func enquiryID(v string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(v, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, refuse(http.StatusBadRequest, "enquiry %q is not an enquiry number", v)
	}
	return id, nil
}

// userText is what a refusal or mistake says to the user; an internal error
// stays an error.
func (r *Receiver) userText(err error) (string, error) {
	if affaldsbot.ErrorCode(err) == affaldsbot.EINTERNAL {
		return "", err
	}
	text := affaldsbot.ErrorText(r.p, err)
	return slackMention.ReplaceAllStringFunc(text, func(m string) string {
		return r.cfg.Surface.Name(m[2 : len(m)-1])
	}), nil
}

// slackMention is how the handlers' texts name a user ("<@id>"); Teams is
// shown the user's name.
var slackMention = regexp.MustCompile(`<@[^<>\s]+>`)
