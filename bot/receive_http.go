package bot

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// MaxRequestBody is the most of a request to /slack/events that is read.
const MaxRequestBody = 1 << 20

// HTTPHandler serves POST /slack/events in HTTP mode: Events API (with
// url_verification), interactivity payloads and slash commands on one path.
// Every request's signature and timestamp (5-minute window) are checked
// before anything in it is parsed; a request that fails gets 401 and nothing
// is done.
func (r *Receiver) HTTPHandler(signingSecret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		body, status := verified(req, signingSecret)
		if status != http.StatusOK {
			http.Error(w, http.StatusText(status), status)
			return
		}
		r.serveVerified(w, req, body)
	})
}

// verified reads at most MaxRequestBody bytes and checks Slack's signature.
func verified(req *http.Request, secret string) ([]byte, int) {
	body, err := io.ReadAll(io.LimitReader(req.Body, MaxRequestBody+1))
	switch {
	case err != nil:
		return nil, http.StatusBadRequest
	case len(body) > MaxRequestBody:
		return nil, http.StatusRequestEntityTooLarge
	case secret == "":
		return nil, http.StatusUnauthorized
	}
	sv, err := slack.NewSecretsVerifier(req.Header, secret)
	if err != nil {
		return nil, http.StatusUnauthorized
	}
	if _, err := sv.Write(body); err != nil || sv.Ensure() != nil {
		return nil, http.StatusUnauthorized
	}
	return body, http.StatusOK
}

func (r *Receiver) serveVerified(w http.ResponseWriter, req *http.Request, body []byte) {
	if strings.HasPrefix(req.Header.Get("Content-Type"), "application/json") {
		r.serveEvent(w, body)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	if p := form.Get("payload"); p != "" {
		r.serveInteraction(w, p)
		return
	}
	if form.Get("command") != "" {
		r.serveCommand(w, form)
		return
	}
	http.Error(w, "unknown request", http.StatusBadRequest)
}

func (r *Receiver) serveEvent(w http.ResponseWriter, body []byte) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		http.Error(w, "bad event", http.StatusBadRequest)
		return
	}
	if ev.Type == slackevents.URLVerification {
		if c, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent); ok {
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, c.Challenge)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
	if ev.Type == slackevents.CallbackEvent && r.seen.first(eventID(&ev)) {
		r.event(&ev, nil)
	}
}

func eventID(ev *slackevents.EventsAPIEvent) string {
	if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
		return cb.EventID
	}
	return ""
}

func (r *Receiver) serveInteraction(w http.ResponseWriter, payload string) {
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(payload), &cb); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	writeAck(w, r.interaction(&cb, nil))
}

func (r *Receiver) serveCommand(w http.ResponseWriter, form url.Values) {
	c := &slack.SlashCommand{Command: form.Get("command"), Text: form.Get("text"), UserID: form.Get("user_id"),
		ChannelID: form.Get("channel_id"), ResponseURL: form.Get("response_url"), TriggerID: form.Get("trigger_id"), TeamID: form.Get("team_id")}
	w.WriteHeader(http.StatusOK)
	r.command(c)
}

func writeAck(w http.ResponseWriter, payload any) {
	if payload == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(payload)
}
