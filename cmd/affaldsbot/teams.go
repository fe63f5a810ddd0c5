package main

import (
	"context"

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
	roles := teams.NewStaticRoles(c.TeamsAdvisers, c.TeamsLeads)
	m.Service.Slack, m.Service.Names = surface, surface
	m.Service.Directory, m.Service.Leads = roles, roles
	m.Teams, err = teams.NewReceiver(teams.ReceiverConfig{Auth: auth, Surface: surface, Service: m.Service,
		Roles: roles, Channel: c.TeamsChannel, TenantID: c.TeamsTenantID, Log: m.Log})
	if err != nil {
		return &config.Error{Name: "TEAMS_CHANNEL", Problem: err.Error()}
	}
	return nil
}
