package main

import (
	"context"
	"strings"

	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/storage"
	"github.com/affaldsbot/affaldsbot/teams"
)

// The bot's posts in Teams are kept in the database, so that a restart or
// another replica finds them again and erases them.
var _ teams.Posts = (*storage.TeamsPosts)(nil)

// openTeams builds the Microsoft Teams surface (CHAT=teams) in Slack's
// place: the Bot Connector client, the surface the handlers post through,
// the roles of TEAMS_ADVISERS and TEAMS_LEADS, and the receiver of
// POST /api/messages with its token check, whose signing keys it fetches
// now, so a wrong TEAMS_OPENID_URL stops start-up.
func (m *Main) openTeams(ctx context.Context) error {
	c := m.Config
	client := teams.NewClient(ctx, teams.ClientConfig{AppID: c.TeamsAppID, AppPassword: c.TeamsAppPassword.Value(),
		TenantID: c.TeamsTenantID, TokenURL: c.TeamsTokenURL})
	surface, err := teams.NewSurface(teams.SurfaceConfig{Connector: client, AppID: c.TeamsAppID, TenantID: c.TeamsTenantID,
		ServiceURL: c.TeamsServiceURL, Lang: c.BotLang, Location: c.Location, Posts: m.DB.TeamsPosts()})
	if err != nil {
		return &config.Error{Name: "TEAMS_APP_ID", Problem: err.Error()}
	}
	auth, err := teams.NewAuthenticator(ctx, teams.AuthConfig{AppID: c.TeamsAppID, MetadataURL: c.TeamsOpenIDURL})
	if err != nil {
		return &config.Error{Name: "TEAMS_OPENID_URL", Problem: err.Error()}
	}
	roles, err := teamsRoles(ctx, c)
	if err != nil {
		return err
	}
	m.Service.Slack, m.Service.Names = surface, surface
	m.Service.Directory, m.Service.Leads = roles, roles
	m.Teams, err = teams.NewReceiver(teams.ReceiverConfig{Auth: auth, Surface: surface, Service: m.Service,
		Roles: roles, Channel: c.TeamsChannel, TenantID: c.TeamsTenantID, Log: m.Log})
	if err != nil {
		return &config.Error{Name: "TEAMS_CHANNEL", Problem: err.Error()}
	}
	return nil
}

// teamsRoles are the advisers and leads of TEAMS_ADVISERS and TEAMS_LEADS:
// users by object id, and the members of the groups named, read from
// Microsoft Graph in the tenant of TEAMS_TENANT_ID.
func teamsRoles(ctx context.Context, c *config.Config) (*teams.GraphRoles, error) {
	advisers, err := teams.ParseMembers(strings.Join(c.TeamsAdvisers, ","))
	if err != nil {
		return nil, &config.Error{Name: "TEAMS_ADVISERS", Problem: err.Error()}
	}
	leads, err := teams.ParseMembers(strings.Join(c.TeamsLeads, ","))
	if err != nil {
		return nil, &config.Error{Name: "TEAMS_LEADS", Problem: err.Error()}
	}
	roles, err := teams.NewGraphRoles(ctx, teams.GraphConfig{AppID: c.TeamsAppID, AppPassword: c.TeamsAppPassword.Value(),
		TenantID: c.TeamsTenantID}, advisers, leads)
	if err != nil {
		return nil, &config.Error{Name: "TEAMS_TENANT_ID", Problem: err.Error()}
	}
	return roles, nil
}
