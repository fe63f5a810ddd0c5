// Package teamstest is a fake of the Bot Framework for tests: the OpenID
// metadata and signing keys the Bot Connector's tokens are checked against,
// the token endpoint of the client-credentials flow and the Bot Connector's
// activities API, as strict as the real service.
package teamstest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/golang-jwt/jwt/v5"
)

// Issuer is the iss claim of the tokens the fake signs, as the real service's.
const Issuer = "https://api.botframework.com"

// ConnectorScope is the only scope the token endpoint grants.
const ConnectorScope = "https://api.botframework.com/.default"

// Options configure a Server.
type Options struct {
	AppID, AppPassword string
	Tenant             string // the tenant of the single-tenant token URL; "botframework.com" is the multi-tenant one
	// Endorsements are the channels every signing key is endorsed for;
	// "msteams" unless given.
	Endorsements []string
}

// Server is the fake. Its zero value is not usable; call New.
type Server struct {
	*httptest.Server
	opts Options

	mu          sync.Mutex
	keys        []signingKey // newest first; JWKS serves all
	tokens      map[string]bool
	activities  []Recorded
	nextID      int
	sends       map[string][]time.Time // conversation → send times
	throttle    int                    // the next n activity calls are answered 429
	retryAfter  int
	tokenCalls  int
	jwksCalls   int
	now         func() time.Time
	unauthCalls int
	deleted     map[string]bool   // conversation + "/" + activity id
	personal    map[string]string // member id → conversation id
}

type signingKey struct {
	kid string
	key *rsa.PrivateKey
}

// Recorded is one activity call the fake accepted.
type Recorded struct {
	Method       string
	Conversation string
	ActivityID   string // the id assigned or updated
	ReplyTo      string // the activity replied to, if any
	Activity     map[string]any
	Raw          []byte
}

// New starts a fake with one signing key.
func New(opts Options) *Server {
	if opts.Tenant == "" {
		opts.Tenant = "botframework.com"
	}
	if opts.Endorsements == nil {
		opts.Endorsements = []string{"msteams"}
	}
	s := &Server{opts: opts, tokens: map[string]bool{}, sends: map[string][]time.Time{}, now: time.Now,
		deleted: map[string]bool{}, personal: map[string]string{}}
	s.mustAddKey()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/.well-known/openidconfiguration", s.metadata)
	mux.HandleFunc("GET /v1/.well-known/keys", s.jwks)
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", s.token)
	mux.HandleFunc("POST /v3/conversations/{conv}/activities", s.activity)
	mux.HandleFunc("POST /v3/conversations/{conv}/activities/{id}", s.activity)
	mux.HandleFunc("PUT /v3/conversations/{conv}/activities/{id}", s.activity)
	mux.HandleFunc("DELETE /v3/conversations/{conv}/activities/{id}", s.deleteActivity)
	mux.HandleFunc("POST /v3/conversations", s.createConversation)
	s.Server = httptest.NewServer(mux)
	return s
}

// MetadataURL is the OpenID metadata document's address.
func (s *Server) MetadataURL() string { return s.URL + "/v1/.well-known/openidconfiguration" }

// TokenURL is the token endpoint for tenant.
func (s *Server) TokenURL(tenant string) string { return s.URL + "/" + tenant + "/oauth2/v2.0/token" }

// ServiceURL is the Bot Connector's address, as an activity's serviceUrl.
func (s *Server) ServiceURL() string { return s.URL + "/" }

func (s *Server) mustAddKey() {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	s.keys = append([]signingKey{{kid: fmt.Sprintf("key-%d", len(s.keys)+1), key: k}}, s.keys...)
}

// RotateKeys adds a new signing key, signs with it from now on, and drops the
// oldest when more than two are served, as the real key set rolls over.
func (s *Server) RotateKeys() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustAddKey()
	if len(s.keys) > 2 {
		s.keys = s.keys[:2]
	}
}

// RetireOldKeys drops every key but the newest from the key set.
func (s *Server) RetireOldKeys() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = s.keys[:1]
}

// Sign returns a token signed with the current key carrying claims.
func (s *Server) Sign(claims jwt.MapClaims) string {
	s.mu.Lock()
	k := s.keys[0]
	s.mu.Unlock()
	return sign(k, claims)
}

func sign(k signingKey, claims jwt.MapClaims) string {
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = k.kid
	str, err := t.SignedString(k.key)
	if err != nil {
		panic(err)
	}
	return str
}

// ChannelToken is a token as the Bot Connector sends it to the bot at
// serviceURL: issuer, audience the app id, an hour's validity.
func (s *Server) ChannelToken(serviceURL string) string {
	now := s.now()
	return s.Sign(jwt.MapClaims{
		"iss":        Issuer,
		"aud":        s.opts.AppID,
		"serviceurl": serviceURL,
		"nbf":        now.Add(-time.Minute).Unix(),
		"iat":        now.Unix(),
		"exp":        now.Add(time.Hour).Unix(),
	})
}

// Throttle answers the next n activity calls with 429 and Retry-After seconds.
func (s *Server) Throttle(n, retryAfterSeconds int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle, s.retryAfter = n, retryAfterSeconds
}

// Activities returns every activity call accepted so far.
func (s *Server) Activities() []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Recorded(nil), s.activities...)
}

// Counts are how often the fake was asked for what.
type Counts struct{ Token, JWKS, Unauthorised int }

// Counts returns the call counts.
func (s *Server) Counts() Counts {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Counts{s.tokenCalls, s.jwksCalls, s.unauthCalls}
}

func (s *Server) metadata(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                Issuer,
		"authorization_endpoint":                "https://invalid.botframework.com",
		"jwks_uri":                              s.URL + "/v1/.well-known/keys",
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"token_endpoint_auth_methods_supported": []string{"private_key_jwt"},
	})
}

func (s *Server) jwks(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jwksCalls++
	var keys []map[string]any
	for _, k := range s.keys {
		keys = append(keys, map[string]any{
			"kty": "RSA", "use": "sig", "kid": k.kid,
			"n":            b64(k.key.N.Bytes()),
			"e":            b64(big.NewInt(int64(k.key.E)).Bytes()),
			"endorsements": s.opts.Endorsements,
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"keys": keys})
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// token is the client-credentials grant of the Microsoft identity platform.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.tokenCalls++
	s.mu.Unlock()
	if status, code := refusedGrant(r, s.opts.Tenant, s.opts.AppID, s.opts.AppPassword, ConnectorScope); status != 0 {
		writeJSON(w, status, oauthError(code))
		return
	}
	now := s.now()
	tok := s.Sign(jwt.MapClaims{
		"iss": "https://login.microsoftonline.com/" + s.opts.Tenant + "/v2.0",
		"aud": "https://api.botframework.com", "appid": s.opts.AppID,
		"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(),
	})
	s.mu.Lock()
	s.tokens[tok] = true
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"token_type": "Bearer", "expires_in": 3599, "access_token": tok})
}

// authorised answers 401 unless the request carries a token the fake
// issued; s.mu is held.
func (s *Server) authorised(w http.ResponseWriter, r *http.Request) bool {
	tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !s.tokens[tok] {
		s.unauthCalls++
		writeJSON(w, http.StatusUnauthorized, apiError("Unauthorized", "Authorization has been denied for this request."))
		return false
	}
	return true
}

func (s *Server) activity(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.authorised(w, r) {
		return
	}
	conv := r.PathValue("conv")
	if base, root, ok := strings.Cut(conv, ";messageid="); ok && !s.known(base, root) {
		writeJSON(w, http.StatusNotFound, apiError("ConversationNotFound", "no channel post "+root+" to reply to"))
		return
	}
	if wait := s.rateLimited(conv); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(wait))
		writeJSON(w, http.StatusTooManyRequests, apiError(codeThrottled, messageThrottled))
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, apiError("BadArgument", "unreadable body"))
		return
	}
	var act map[string]any
	if err := json.Unmarshal(raw, &act); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError("BadArgument", "malformed activity"))
		return
	}
	if code, msg := checkActivity(act, raw); code == http.StatusRequestEntityTooLarge {
		writeJSON(w, code, apiError(codeTooBig, messageTooBig))
		return
	} else if code != 0 {
		writeJSON(w, code, apiError(msg, msg))
		return
	}
	rec := Recorded{Method: r.Method, Conversation: conv, Activity: act, Raw: raw}
	id := r.PathValue("id")
	switch {
	case r.Method == http.MethodPut:
		if !s.known(conv, id) {
			writeJSON(w, http.StatusNotFound, apiError("ActivityNotFoundInConversation", "no such activity"))
			return
		}
		rec.ActivityID = id
	default:
		if id != "" && !s.known(conv, id) {
			writeJSON(w, http.StatusNotFound, apiError("ActivityNotFoundInConversation", "no such activity"))
			return
		}
		s.nextID++
		rec.ActivityID, rec.ReplyTo = strconv.Itoa(1000000+s.nextID), id
	}
	s.sends[conv] = append(s.sends[conv], s.now())
	s.activities = append(s.activities, rec)
	writeJSON(w, http.StatusOK, map[string]string{"id": rec.ActivityID})
}

// deleteActivity deletes one of the bot's activities, as the Bot
// Connector's DELETE does; a second delete of the same is 404.
func (s *Server) deleteActivity(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.authorised(w, r) {
		return
	}
	conv, id := r.PathValue("conv"), r.PathValue("id")
	if !s.known(conv, id) {
		writeJSON(w, http.StatusNotFound, apiError("ActivityNotFoundInConversation", "no such activity"))
		return
	}
	s.deleted[conv+"/"+id] = true
	s.activities = append(s.activities, Recorded{Method: r.Method, Conversation: conv, ActivityID: id})
	w.WriteHeader(http.StatusOK)
}

// createConversation starts a personal chat of the bot with one member of
// the tenant: Teams creates no group chats for bots, and needs the tenant.
// The same member gets the same conversation again.
func (s *Server) createConversation(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.authorised(w, r) {
		return
	}
	var p struct {
		IsGroup     bool                  `json:"isGroup"`
		Bot         struct{ ID string }   `json:"bot"`
		Members     []struct{ ID string } `json:"members"`
		TenantID    string                `json:"tenantId"`
		ChannelData struct {
			Tenant struct{ ID string } `json:"tenant"`
		} `json:"channelData"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&p); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError("BadArgument", "malformed conversation parameters"))
		return
	}
	switch {
	case p.IsGroup || len(p.Members) != 1 || p.Members[0].ID == "":
		writeJSON(w, http.StatusBadRequest, apiError("BadArgument", "Teams bots start personal chats with exactly one member"))
		return
	case p.Bot.ID == "":
		writeJSON(w, http.StatusBadRequest, apiError("BadArgument", "bot missing"))
		return
	case p.TenantID == "" && p.ChannelData.Tenant.ID == "":
		writeJSON(w, http.StatusBadRequest, apiError("BadArgument", "tenant id required"))
		return
	}
	m := p.Members[0].ID
	if _, ok := s.personal[m]; !ok {
		s.personal[m] = "a:personal-" + strconv.Itoa(len(s.personal)+1)
	}
	writeJSON(w, http.StatusCreated, map[string]string{"id": s.personal[m]})
}

// PersonalChat returns the conversation of the bot with member, if one
// was started.
func (s *Server) PersonalChat(member string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.personal[member]
	return c, ok
}

// Live returns the activities posted to conversation and not deleted,
// each as last updated, in the order posted.
func (s *Server) Live(conversation string) []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Recorded
	at := map[string]int{}
	for _, a := range s.activities {
		if a.Conversation != conversation || s.deleted[conversation+"/"+a.ActivityID] {
			continue
		}
		if i, ok := at[a.ActivityID]; ok {
			if a.Method == http.MethodPut {
				out[i] = a
			}
			continue
		}
		at[a.ActivityID] = len(out)
		out = append(out, a)
	}
	return out
}

func (s *Server) known(conv, id string) bool {
	if s.deleted[conv+"/"+id] {
		return false
	}
	for _, a := range s.activities {
		if a.Conversation == conv && a.ActivityID == id {
			return true
		}
	}
	return false
}

// rateLimited returns the seconds to wait, or 0 when the call may go ahead.
func (s *Server) rateLimited(conv string) int {
	if s.throttle > 0 {
		s.throttle--
		return max(s.retryAfter, 1)
	}
	now := s.now()
	for _, win := range PerThread {
		n, oldest := 0, now
		for _, t := range s.sends[conv] {
			if now.Sub(t) < win.Per {
				n++
				if t.Before(oldest) {
					oldest = t
				}
			}
		}
		if n >= win.Max {
			wait := win.Per - now.Sub(oldest)
			return max(1, int((wait+time.Second-1)/time.Second))
		}
	}
	return 0
}

// checkActivity applies the size limits and the activity schema's musts.
func checkActivity(act map[string]any, raw []byte) (int, string) {
	if t, _ := act["type"].(string); t == "" {
		return http.StatusBadRequest, "BadArgument: activity type missing"
	}
	if n := len(utf16.Encode([]rune(string(raw)))) * 2; n > limit("message.utf16_bytes") {
		return http.StatusRequestEntityTooLarge, codeTooBig
	}
	atts, _ := act["attachments"].([]any)
	for _, a := range atts {
		m, _ := a.(map[string]any)
		ct, _ := m["contentType"].(string)
		if ct == "" {
			return http.StatusBadRequest, "BadArgument: attachment contentType missing"
		}
		if ct == "application/vnd.microsoft.card.adaptive" {
			b, _ := json.Marshal(m["content"])
			if len(b) > limit("card.bytes") {
				return http.StatusRequestEntityTooLarge, codeTooBig
			}
			if c, _ := m["content"].(map[string]any); c["type"] != "AdaptiveCard" {
				return http.StatusBadRequest, "BadArgument: card type is not AdaptiveCard"
			}
		}
	}
	return 0, ""
}

func apiError(code, msg string) map[string]any {
	return map[string]any{"error": map[string]string{"code": code, "message": msg}}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// TB is the part of testing.TB that WaitForActivities uses.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// WaitForActivities fails the test unless n activities were accepted within
// timeout, and returns them.
func (s *Server) WaitForActivities(t TB, n int, timeout time.Duration) []Recorded {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		if got := s.Activities(); len(got) >= n {
			return got
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d activities wanted within %v, got %d", n, timeout, len(s.Activities()))
			return nil
		case <-time.After(10 * time.Millisecond):
		}
	}
}
