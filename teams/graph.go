package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// Microsoft Graph, asked which users a group holds. The bot's own app
// registration calls it with an application permission: GroupMember.Read.All,
// the least privileged one for listing a group's transitive members
// (https://learn.microsoft.com/graph/api/group-list-transitivemembers,
// "Permissions"), granted with an administrator's consent.
const (
	GraphBaseURL = "https://graph.microsoft.com/v1.0"
	// GraphScope asks for the application permissions consented to
	// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
	GraphScope = "https://graph.microsoft.com/.default"
	// DefaultMembershipCache is how long a group's members are trusted
	// before Graph is asked again.
	DefaultMembershipCache = 5 * time.Minute
	// DefaultMembershipStale is how long after they were read a group's
	// members still hold while Graph cannot be read.
	DefaultMembershipStale = time.Hour
)

// GraphConfig configures GraphRoles.
type GraphConfig struct {
	AppID, AppPassword string
	// TenantID is the directory whose groups are read. Graph's app-only
	// tokens come from the tenant's own token endpoint, so it is needed
	// whenever a role names a group, for multi-tenant registrations too.
	TenantID      string
	TokenURL      string // overrides SingleTenantTokenURL(TenantID), for tests
	BaseURL       string // overrides GraphBaseURL, for tests
	HTTPClient    *http.Client
	CacheFor      time.Duration    // default DefaultMembershipCache
	StaleFor      time.Duration    // default DefaultMembershipStale
	MaxAttempts   int              // attempts per page when answered 429; default 4
	MaxRetryAfter time.Duration    // longest Retry-After honoured; default 60s
	Clock         func() time.Time // time.Now when nil
}

var _ Roles = (*GraphRoles)(nil)

// GraphRoles answers who is an adviser and who is a lead from the object ids
// named in the settings and from the transitive members of the groups named
// there, read from Microsoft Graph and kept for CacheFor.
type GraphRoles struct {
	advisers, leads Members
	hc              *http.Client
	base            string
	cacheFor        time.Duration
	staleFor        time.Duration
	maxAttempts     int
	maxWait         time.Duration
	now             func() time.Time

	mu     sync.Mutex
	groups map[string]groupMembers
	fetch  singleflight.Group
}

type groupMembers struct {
	ids     map[string]bool
	fetched time.Time
}

// NewGraphRoles returns the roles of advisers and leads. Graph is only asked
// about groups; with no group named it is never called. ctx serves the token
// requests for as long as the roles are used, so it should live as long.
func NewGraphRoles(ctx context.Context, cfg GraphConfig, advisers, leads Members) (*GraphRoles, error) {
	needGraph := len(advisers.Groups)+len(leads.Groups) > 0
	if needGraph && cfg.TenantID == "" && cfg.TokenURL == "" {
		return nil, errors.New("graph: a role names a group, so the tenant id is needed to ask Microsoft Graph for its members")
	}
	g := &GraphRoles{
		advisers: advisers, leads: leads, base: strings.TrimRight(cfg.BaseURL, "/"),
		cacheFor: cfg.CacheFor, staleFor: cfg.StaleFor, maxAttempts: cfg.MaxAttempts, maxWait: cfg.MaxRetryAfter, now: cfg.Clock,
		groups: map[string]groupMembers{},
	}
	g.setDefaults()
	tokenURL := cfg.TokenURL
	if tokenURL == "" {
		tokenURL = SingleTenantTokenURL(cfg.TenantID)
	}
	g.hc = tokenClient(ctx, cfg.HTTPClient, cfg.AppID, cfg.AppPassword, tokenURL, GraphScope)
	return g, nil
}

func (g *GraphRoles) setDefaults() {
	if g.base == "" {
		g.base = GraphBaseURL
	}
	if g.cacheFor <= 0 {
		g.cacheFor = DefaultMembershipCache
	}
	if g.staleFor <= 0 {
		g.staleFor = DefaultMembershipStale
	}
	if g.maxAttempts <= 0 {
		g.maxAttempts = 4
	}
	if g.maxWait <= 0 {
		g.maxWait = time.Minute
	}
	if g.now == nil {
		g.now = time.Now
	}
}

// IsAdviser reports whether the user with this Entra object id is an adviser.
func (g *GraphRoles) IsAdviser(ctx context.Context, aadObjectID string) (bool, error) {
	return g.holds(ctx, g.advisers, aadObjectID)
}

// IsLead reports whether the user with this Entra object id is a lead.
func (g *GraphRoles) IsLead(ctx context.Context, aadObjectID string) (bool, error) {
	return g.holds(ctx, g.leads, aadObjectID)
}

// Leads are the users the weekly report goes to: the object ids named in
// TEAMS_LEADS and the members of the groups named there.
func (g *GraphRoles) Leads(ctx context.Context) ([]string, error) {
	out := slices.Clone(g.leads.Users)
	for _, group := range g.leads.Groups {
		ids, err := g.members(ctx, group)
		if err != nil {
			return out, err
		}
		for id := range ids {
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

func (g *GraphRoles) holds(ctx context.Context, m Members, user string) (bool, error) {
	user = strings.ToLower(strings.TrimSpace(user))
	if user == "" {
		return false, nil
	}
	if slices.Contains(m.Users, user) {
		return true, nil
	}
	for _, group := range m.Groups {
		ids, err := g.members(ctx, group)
		if err != nil {
			return false, err
		}
		if ids[user] {
			return true, nil
		}
	}
	return false, nil
}

// members returns a group's transitive members, from the cache while it is
// fresh; concurrent askers of one group share one fetch. When Graph cannot
// be read (throttled beyond the attempts, unreachable, failing) the last
// members read still hold for StaleFor, as the Slack directory's do; when
// Graph says the group is gone or no longer readable, they do not.
func (g *GraphRoles) members(ctx context.Context, group string) (map[string]bool, error) {
	g.mu.Lock()
	c, ok := g.groups[group]
	g.mu.Unlock()
	if ok && g.now().Sub(c.fetched) < g.cacheFor {
		return c.ids, nil
	}
	ids, err := g.refresh(ctx, group)
	if err != nil && ok && !refused(err) && g.now().Sub(c.fetched) < g.staleFor {
		return c.ids, nil
	}
	return ids, err
}

// refused reports whether Graph answered that the group is not there or not
// to be read: then no earlier answer holds.
func refused(err error) bool {
	var ge *GraphError
	return errors.As(err, &ge) && (ge.Status == http.StatusNotFound || ge.Status == http.StatusForbidden || ge.Status == http.StatusUnauthorized)
}

func (g *GraphRoles) refresh(ctx context.Context, group string) (map[string]bool, error) {
	v, err, _ := g.fetch.Do(group, func() (any, error) {
		ids, err := g.listTransitiveMembers(ctx, group)
		if err != nil {
			return nil, err
		}
		g.mu.Lock()
		g.groups[group] = groupMembers{ids: ids, fetched: g.now()}
		g.mu.Unlock()
		return ids, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(map[string]bool), nil
}

// listTransitiveMembers reads GET /groups/{id}/transitiveMembers, nested
// groups flattened, page by page: each page's @odata.nextLink is the next
// page's whole address (https://learn.microsoft.com/graph/paging).
func (g *GraphRoles) listTransitiveMembers(ctx context.Context, group string) (map[string]bool, error) {
	ids := map[string]bool{}
	next := g.base + "/groups/" + url.PathEscape(group) + "/transitiveMembers?$select=id"
	for next != "" {
		if !strings.HasPrefix(next, g.base+"/") {
			return nil, fmt.Errorf("graph: group %s: next page %q is not on %s", group, next, g.base)
		}
		var page struct {
			Value []struct {
				ID string `json:"id"`
			} `json:"value"`
			NextLink string `json:"@odata.nextLink"`
		}
		if err := g.get(ctx, next, &page); err != nil {
			return nil, fmt.Errorf("graph: members of group %s: %w", group, err)
		}
		for _, o := range page.Value {
			ids[strings.ToLower(o.ID)] = true
		}
		next = page.NextLink
	}
	return ids, nil
}

// GraphError is a refusal by Microsoft Graph.
type GraphError struct {
	Status  int
	Code    string // the error object's code, e.g. Request_ResourceNotFound
	Message string
}

func (e *GraphError) Error() string {
	return fmt.Sprintf("status %d %s: %s", e.Status, e.Code, e.Message)
}

// get fetches one page, waiting out Retry-After when throttled
// (https://learn.microsoft.com/graph/throttling: 429 with a suggested wait
// in Retry-After; without one, back off exponentially).
func (g *GraphRoles) get(ctx context.Context, u string, into any) error {
	for attempt := 1; ; attempt++ {
		status, h, body, err := g.do(ctx, u)
		if err != nil {
			return err
		}
		if status == http.StatusTooManyRequests && attempt < g.maxAttempts {
			wait := retryAfter(h.Get("Retry-After"), attempt)
			if wait > g.maxWait {
				return &GraphError{Status: status, Code: "TooManyRequests", Message: "Retry-After beyond the longest wait"}
			}
			if err := sleep(ctx, wait); err != nil {
				return err
			}
			continue
		}
		if status != http.StatusOK {
			return graphError(status, body)
		}
		return json.Unmarshal(body, into)
	}
}

func (g *GraphRoles) do(ctx context.Context, u string) (int, http.Header, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := g.hc.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	return resp.StatusCode, resp.Header, body, err
}

func graphError(status int, body []byte) error {
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	return &GraphError{Status: status, Code: e.Error.Code, Message: e.Error.Message}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
