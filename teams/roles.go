package teams

import (
	"context"
	"slices"
	"strings"
)

// Roles says who may act; aadObjectID is the Entra ID object id of the user.
type Roles interface {
	IsAdviser(ctx context.Context, aadObjectID string) (bool, error)
	IsLead(ctx context.Context, aadObjectID string) (bool, error)
}

// StaticRoles are the advisers and leads named in the settings
// (TEAMS_ADVISERS, TEAMS_LEADS) by their Entra object ids.
type StaticRoles struct {
	advisers, leads []string
}

var _ Roles = (*StaticRoles)(nil)

// NewStaticRoles returns the roles of the two lists; ids compare without
// regard to case, as GUIDs do.
func NewStaticRoles(advisers, leads []string) *StaticRoles {
	lower := func(ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = strings.ToLower(strings.TrimSpace(id))
		}
		return out
	}
	return &StaticRoles{advisers: lower(advisers), leads: lower(leads)}
}

// IsAdviser reports whether the user is in TEAMS_ADVISERS.
func (r *StaticRoles) IsAdviser(_ context.Context, aadObjectID string) (bool, error) {
	return aadObjectID != "" && slices.Contains(r.advisers, strings.ToLower(aadObjectID)), nil
}

// IsLead reports whether the user is in TEAMS_LEADS.
func (r *StaticRoles) IsLead(_ context.Context, aadObjectID string) (bool, error) {
	return aadObjectID != "" && slices.Contains(r.leads, strings.ToLower(aadObjectID)), nil
}

// Leads are the leads the weekly report goes to.
func (r *StaticRoles) Leads(context.Context) ([]string, error) {
	return slices.Clone(r.leads), nil
}
