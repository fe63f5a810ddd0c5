package teamstest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// GraphScope is the only scope the fake Graph's token endpoint grants.
const GraphScope = "https://graph.microsoft.com/.default"

// Graph limits and answers, from Microsoft's pages:
//   - a page holds 100 objects unless $top asks otherwise, and more pages are
//     reached through @odata.nextLink (https://learn.microsoft.com/graph/paging,
//     "GET /users endpoint returns a default of 100 results in a single page");
//   - "The minimum value of $top is 1 and the maximum depends on the
//     corresponding API" (https://learn.microsoft.com/graph/query-parameters);
//     for directory objects, group members among them, it is 999;
//   - a throttled request is answered 429 with Retry-After
//     (https://learn.microsoft.com/graph/throttling);
//   - a group that does not exist is 404 Request_ResourceNotFound, a missing
//     or unknown token 401 InvalidAuthenticationToken
//     (https://learn.microsoft.com/graph/errors).
const (
	graphDefaultPage = 100
	graphMaxTop      = 999
)

// GraphOptions configure a Graph fake.
type GraphOptions struct {
	AppID, AppPassword string
	Tenant             string // the only tenant whose token endpoint answers
	PageSize           int    // objects per page; graphDefaultPage unless given
}

// Graph is a fake of Microsoft Graph's group members API and of the token
// endpoint that issues its app-only tokens.
type Graph struct {
	*httptest.Server
	opts GraphOptions

	mu         sync.Mutex
	tokens     map[string]bool
	groups     map[string][]string // group → direct members
	throttle   int
	retryAfter int
	calls      map[string]int // group → member list requests answered 200
	throttled  int
}

// NewGraph starts a Graph fake with no groups.
func NewGraph(opts GraphOptions) *Graph {
	if opts.PageSize <= 0 {
		opts.PageSize = graphDefaultPage
	}
	g := &Graph{opts: opts, tokens: map[string]bool{}, groups: map[string][]string{}, calls: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", g.token)
	mux.HandleFunc("GET /v1.0/groups/{id}/transitiveMembers", g.transitiveMembers)
	g.Server = httptest.NewServer(mux)
	return g
}

// TokenURL is the token endpoint of the configured tenant.
func (g *Graph) TokenURL() string { return g.URL + "/" + g.opts.Tenant + "/oauth2/v2.0/token" }

// BaseURL is Graph's v1.0 root.
func (g *Graph) BaseURL() string { return g.URL + "/v1.0" }

// SetGroup gives group its direct members: user ids, or ids of groups set
// with SetGroup too, whose members are then the group's transitive members.
func (g *Graph) SetGroup(group string, members ...string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.groups[group] = members
}

// DeleteGroup removes a group: asked for, it is 404.
func (g *Graph) DeleteGroup(group string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.groups, group)
}

// Throttle answers the next n member requests with 429 and Retry-After.
func (g *Graph) Throttle(n, retryAfterSeconds int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.throttle, g.retryAfter = n, retryAfterSeconds
}

// GraphCounts are how often the fake answered what.
type GraphCounts struct {
	Pages     map[string]int // group → pages served
	Throttled int
}

// Counts returns the call counts.
func (g *Graph) Counts() GraphCounts {
	g.mu.Lock()
	defer g.mu.Unlock()
	pages := map[string]int{}
	for k, v := range g.calls {
		pages[k] = v
	}
	return GraphCounts{Pages: pages, Throttled: g.throttled}
}

func (g *Graph) token(w http.ResponseWriter, r *http.Request) {
	if status, code := refusedGrant(r, g.opts.Tenant, g.opts.AppID, g.opts.AppPassword, GraphScope); status != 0 {
		writeJSON(w, status, oauthError(code))
		return
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	tok := hex.EncodeToString(b)
	g.mu.Lock()
	g.tokens[tok] = true
	g.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"token_type": "Bearer", "expires_in": 3599, "access_token": tok})
}

func (g *Graph) transitiveMembers(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !g.tokens[tok] {
		writeJSON(w, http.StatusUnauthorized, apiError("InvalidAuthenticationToken", "Access token is empty or invalid."))
		return
	}
	if g.throttle > 0 {
		g.throttle--
		g.throttled++
		w.Header().Set("Retry-After", strconv.Itoa(g.retryAfter))
		writeJSON(w, http.StatusTooManyRequests, apiError("TooManyRequests", "Too many requests."))
		return
	}
	id := r.PathValue("id")
	if _, ok := g.groups[id]; !ok {
		writeJSON(w, http.StatusNotFound, apiError("Request_ResourceNotFound", "Resource '"+id+"' does not exist or one of its queried reference-property objects are not present."))
		return
	}
	q := r.URL.Query()
	size, skip, ok := g.page(q)
	if !ok {
		writeJSON(w, http.StatusBadRequest, apiError("Request_BadRequest", "Invalid $top or $skiptoken."))
		return
	}
	all := g.flatten(id)
	end := min(skip+size, len(all))
	var value []map[string]string
	for _, m := range all[skip:end] {
		value = append(value, g.object(m))
	}
	body := map[string]any{"@odata.context": g.BaseURL() + "/$metadata#directoryObjects", "value": value}
	if end < len(all) {
		next := url.Values{"$skiptoken": {"X" + strconv.Itoa(end)}}
		if q.Has("$select") {
			next.Set("$select", q.Get("$select"))
		}
		if q.Has("$top") {
			next.Set("$top", q.Get("$top"))
		}
		body["@odata.nextLink"] = g.BaseURL() + "/groups/" + url.PathEscape(id) + "/transitiveMembers?" + next.Encode()
	}
	g.calls[id]++
	writeJSON(w, http.StatusOK, body)
}

// page reads $top and the opaque $skiptoken of a request.
func (g *Graph) page(q url.Values) (size, skip int, ok bool) {
	size = g.opts.PageSize
	if t := q.Get("$top"); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 || n > graphMaxTop {
			return 0, 0, false
		}
		size = n
	}
	if s := q.Get("$skiptoken"); s != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(s, "X"))
		if err != nil || !strings.HasPrefix(s, "X") || n < 0 {
			return 0, 0, false
		}
		skip = n
	}
	return size, skip, true
}

// flatten lists a group's members with nested groups' members, each once,
// the nested groups themselves included, as transitiveMembers does.
func (g *Graph) flatten(group string) []string {
	var out []string
	seen := map[string]bool{group: true}
	var walk func(string)
	walk = func(id string) {
		for _, m := range g.groups[id] {
			if seen[m] {
				continue
			}
			seen[m] = true
			out = append(out, m)
			if _, isGroup := g.groups[m]; isGroup {
				walk(m)
			}
		}
	}
	walk(group)
	slices.Sort(out)
	return out
}

func (g *Graph) object(id string) map[string]string {
	kind := "#microsoft.graph.user"
	if _, isGroup := g.groups[id]; isGroup {
		kind = "#microsoft.graph.group"
	}
	return map[string]string{"@odata.type": kind, "id": id}
}
