package teams_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/internal/teamstest"
	"github.com/affaldsbot/affaldsbot/teams"
)

// roles is the surface's view of permissions; GraphRoles must satisfy it.
type roles interface {
	IsAdviser(ctx context.Context, aadObjectID string) (bool, error)
	IsLead(ctx context.Context, aadObjectID string) (bool, error)
}

var _ roles = (*teams.GraphRoles)(nil)

const graphTenant = "4e1c2a7b-0000-4b5b-9a9a-00000000c0de"

func newGraph(opts teamstest.GraphOptions) *teamstest.Graph {
	opts.AppID, opts.AppPassword, opts.Tenant = appID, password, graphTenant
	return teamstest.NewGraph(opts)
}

func graphRoles(t *testing.T, fake *teamstest.Graph, cfg teams.GraphConfig, advisers, leads string) roles {
	t.Helper()
	a, err := teams.ParseMembers(advisers)
	if err != nil {
		t.Fatal(err)
	}
	l, err := teams.ParseMembers(leads)
	if err != nil {
		t.Fatal(err)
	}
	cfg.AppID, cfg.TenantID = appID, graphTenant
	if cfg.AppPassword == "" {
		cfg.AppPassword = password
	}
	if fake != nil {
		cfg.TokenURL, cfg.BaseURL = fake.TokenURL(), fake.BaseURL()
	}
	r, err := teams.NewGraphRoles(context.Background(), cfg, a, l)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func ask(t *testing.T, r roles, lead bool, user string) bool {
	t.Helper()
	is := r.IsAdviser
	if lead {
		is = r.IsLead
	}
	ok, err := is(context.Background(), user)
	if err != nil {
		t.Fatalf("%s: %v", user, err)
	}
	return ok
}

func TestObjectIDsNeedNoGraph(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	r := graphRoles(t, nil, teams.GraphConfig{BaseURL: closed.URL, TokenURL: closed.URL}, mette, jonas)
	if !ask(t, r, false, strings.ToUpper(mette)) || ask(t, r, false, jonas) {
		t.Error("adviser by object id wrong")
	}
	if !ask(t, r, true, jonas) || ask(t, r, true, mette) || ask(t, r, true, "") {
		t.Error("lead by object id wrong")
	}
}

func TestGroupsNeedATenant(t *testing.T) {
	m, _ := teams.ParseMembers("group:" + group)
	if _, err := teams.NewGraphRoles(context.Background(), teams.GraphConfig{AppID: appID, AppPassword: password}, m, teams.Members{}); err == nil {
		t.Error("a group without a tenant id was accepted")
	}
}

func TestGroupMembersAcrossPagesAndNestedGroups(t *testing.T) {
	fake := newGraph(teamstest.GraphOptions{PageSize: 2})
	defer fake.Close()
	const nested = "11111111-2222-4333-8444-555555555555"
	fake.SetGroup(nested, jonas)
	fake.SetGroup(group, "aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002",
		"aaaaaaaa-0000-4000-8000-000000000003", nested, "aaaaaaaa-0000-4000-8000-000000000004")
	r := graphRoles(t, fake, teams.GraphConfig{}, "group:"+group, "")
	if !ask(t, r, false, jonas) {
		t.Error("member of a nested group is not an adviser")
	}
	if !ask(t, r, false, "AAAAAAAA-0000-4000-8000-000000000004") {
		t.Error("member on the last page is not an adviser")
	}
	if ask(t, r, false, mette) || ask(t, r, true, jonas) {
		t.Error("a role given to someone outside the group")
	}
	// 6 objects at 2 a page: 3 pages, fetched once.
	if got := fake.Counts().Pages[group]; got != 3 {
		t.Errorf("%d pages fetched, want 3", got)
	}
}

// testClock is a clock that moves only when advanced.
func testClock() (clock func() time.Time, advance func(time.Duration)) {
	var mu sync.Mutex
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	clock = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance = func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	return clock, advance
}

func TestMembershipIsCachedForTheConfiguredTime(t *testing.T) {
	fake := newGraph(teamstest.GraphOptions{})
	defer fake.Close()
	fake.SetGroup(group, mette)
	clock, advance := testClock()
	r := graphRoles(t, fake, teams.GraphConfig{CacheFor: time.Minute, Clock: clock}, "", "group:"+group)
	if !ask(t, r, true, mette) {
		t.Fatal("group member is not a lead")
	}
	fake.SetGroup(group, jonas) // Mette leaves, Jonas joins
	advance(59 * time.Second)
	if !ask(t, r, true, mette) || ask(t, r, true, jonas) {
		t.Error("within the cache time the answer changed")
	}
	if got := fake.Counts().Pages[group]; got != 1 {
		t.Errorf("%d fetches within the cache time, want 1", got)
	}
	advance(2 * time.Second)
	if ask(t, r, true, mette) || !ask(t, r, true, jonas) {
		t.Error("after the cache time the old membership still holds")
	}
}

func TestGraphThrottlingIsWaitedOut(t *testing.T) {
	fake := newGraph(teamstest.GraphOptions{})
	defer fake.Close()
	fake.SetGroup(group, mette)
	fake.Throttle(1, 1)
	r := graphRoles(t, fake, teams.GraphConfig{}, "group:"+group, "")
	start := time.Now()
	if !ask(t, r, false, mette) {
		t.Error("not an adviser after the throttling")
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("asked again after %v, want at least Retry-After's 1s", d)
	}
	if fake.Counts().Throttled != 1 {
		t.Errorf("throttled %d times, want 1", fake.Counts().Throttled)
	}
}

func TestGraphErrorsDenyAndAreNotCached(t *testing.T) {
	fake := newGraph(teamstest.GraphOptions{})
	defer fake.Close()
	fake.Throttle(3, 0)
	r := graphRoles(t, fake, teams.GraphConfig{MaxAttempts: 2}, "group:"+group, "")
	ok, err := r.IsAdviser(context.Background(), mette)
	var ge *teams.GraphError
	if ok || !errors.As(err, &ge) || ge.Status != http.StatusTooManyRequests {
		t.Fatalf("throttled beyond the attempts: %v, %v; want false and a 429", ok, err)
	}
	fake.Throttle(0, 0)
	ok, err = r.IsAdviser(context.Background(), mette)
	if ok || !errors.As(err, &ge) || ge.Code != "Request_ResourceNotFound" || !strings.Contains(err.Error(), group) {
		t.Fatalf("unknown group: %v, %v; want false and Request_ResourceNotFound naming it", ok, err)
	}
	fake.SetGroup(group, mette)
	if !ask(t, r, false, mette) {
		t.Error("the group, once there, was not asked again")
	}
}

// TestLastMembersHoldWhileGraphCannotBeRead: after the cache time, a
// throttled or failing Graph leaves the last members read in force for the
// stale time; a group Graph says is gone does not.
func TestLastMembersHoldWhileGraphCannotBeRead(t *testing.T) {
	fake := newGraph(teamstest.GraphOptions{})
	defer fake.Close()
	fake.SetGroup(group, mette)
	clock, advance := testClock()
	r := graphRoles(t, fake, teams.GraphConfig{CacheFor: time.Minute, StaleFor: time.Hour, MaxAttempts: 1, Clock: clock}, "group:"+group, "")
	if !ask(t, r, false, mette) {
		t.Fatal("group member is not an adviser")
	}
	advance(30 * time.Minute)
	fake.Throttle(1, 0)
	if !ask(t, r, false, mette) {
		t.Error("throttled within the stale time: the last members read do not hold")
	}
	advance(31 * time.Minute)
	fake.Throttle(1, 0)
	if ok, err := r.IsAdviser(context.Background(), mette); ok || err == nil {
		t.Errorf("throttled past the stale time: %v, %v; want false and the error", ok, err)
	}
	if !ask(t, r, false, mette) {
		t.Fatal("Graph readable again: member not found")
	}
	advance(2 * time.Minute)
	fake.DeleteGroup(group)
	if ok, err := r.IsAdviser(context.Background(), mette); ok || err == nil {
		t.Errorf("group gone: %v, %v; want false and the error", ok, err)
	}
}

func TestGraphRefusesAWrongSecret(t *testing.T) {
	fake := newGraph(teamstest.GraphOptions{})
	defer fake.Close()
	fake.SetGroup(group, mette)
	r := graphRoles(t, fake, teams.GraphConfig{AppPassword: "wrong"}, "group:"+group, "")
	if ok, err := r.IsAdviser(context.Background(), mette); ok || err == nil {
		t.Errorf("wrong secret: %v, %v; want an error", ok, err)
	}
}

func TestNextLinkOffGraphIsNotFollowed(t *testing.T) {
	fake := newGraph(teamstest.GraphOptions{})
	defer fake.Close()
	var hits int
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer evil.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"value":[{"id":"` + jonas + `"}],"@odata.nextLink":"` + evil.URL + `/v1.0/groups/x"}`))
	}))
	defer api.Close()
	r := graphRoles(t, nil, teams.GraphConfig{TokenURL: fake.TokenURL(), BaseURL: api.URL + "/v1.0"}, "group:"+group, "")
	if _, err := r.IsAdviser(context.Background(), mette); err == nil || hits != 0 {
		t.Errorf("error %v, %d requests to the other host; want an error and none", err, hits)
	}
}

func TestLeadsAreTheNamedUsersAndTheGroupsMembers(t *testing.T) {
	fake := newGraph(teamstest.GraphOptions{})
	defer fake.Close()
	fake.SetGroup(group, jonas, mette)
	a, _ := teams.ParseMembers(mette)
	l, _ := teams.ParseMembers("group:" + group + "," + strings.ToUpper(mette))
	r, err := teams.NewGraphRoles(context.Background(), teams.GraphConfig{AppID: appID, AppPassword: password,
		TenantID: graphTenant, TokenURL: fake.TokenURL(), BaseURL: fake.BaseURL()}, a, l)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Leads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{strings.ToLower(jonas), strings.ToLower(mette)}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("leads %v, want %v (each once)", got, want)
	}
}
