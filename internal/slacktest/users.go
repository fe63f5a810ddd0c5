package slacktest

func (s *Server) authTest(args) (any, *apiError) {
	return map[string]any{
		"ok": true, "url": "https://affaldsbot-test.slack.com/", "team": "Affaldsbot Test",
		"user": "affaldsbot", "team_id": s.teamID(), "user_id": s.botUserID(), "bot_id": botID,
	}, nil
}

func (s *Server) usersInfo(a args) (any, *apiError) {
	u, ok := s.opts.Users[a.str("user")]
	if !ok {
		return nil, &apiError{code: "user_not_found"}
	}
	if u.ID == "" {
		u.ID = a.str("user")
	}
	return map[string]any{"ok": true, "user": map[string]any{
		"id": u.ID, "name": u.Name, "real_name": u.RealName, "tz": u.TZ, "is_bot": u.IsBot,
		"team_id": s.teamID(), "profile": map[string]any{"real_name": u.RealName, "display_name": u.Name},
	}}, nil
}

func (s *Server) userGroupMembers(a args) (any, *apiError) {
	users, ok := s.opts.UserGroups[a.str("usergroup")]
	if !ok {
		return nil, &apiError{code: "no_such_subteam"}
	}
	if users == nil {
		users = []string{}
	}
	return map[string]any{"ok": true, "users": users}, nil
}

func (s *Server) botUserID() string {
	if s.opts.BotUserID != "" {
		return s.opts.BotUserID
	}
	return "UBOT00001"
}

func (s *Server) teamID() string {
	if s.opts.TeamID != "" {
		return s.opts.TeamID
	}
	return "T0000TEST"
}
