package main

import "log/slog"

// partStatus says whether one part of the bot is on, and why not.
type partStatus struct {
	Name, State, Detail string
}

// parts lists which parts are on and why a part is off, as `run` prints at start.
func (m *Main) parts() []partStatus {
	c := m.Config
	out := []partStatus{{"database", "on", m.DB.Dialect}}
	switch {
	case !c.IntakeEnabled():
		out = append(out, partStatus{"mail intake", "off", "IMAP_ADDR is not set"})
	default:
		out = append(out, partStatus{"mail intake", "on", c.IMAPAddr + " (" + c.IMAPAuth + ", TLS " + c.IMAPTLS + ")"})
	}
	switch {
	case m.Surface != nil:
		out = append(out, partStatus{"slack", "off", "the terminal chat stands in"})
	case m.Teams != nil:
		out = append(out, partStatus{"teams", "on", "channel " + c.TeamsChannel + "; the Bot Framework sends its activities to POST /api/messages"})
	case c.SocketMode():
		out = append(out, partStatus{"slack", "on", "Socket Mode"})
	default:
		out = append(out, partStatus{"slack", "on", "HTTP mode: Slack sends its requests to /slack/events"})
	}
	if c.CallsEnabled() {
		out = append(out, partStatus{"calls webhook", "on", "POST /api/calls"})
	} else {
		out = append(out, partStatus{"calls webhook", "off", "CALLS_WEBHOOK_SECRET is not set"})
	}
	switch {
	case m.drafter != "":
		out = append(out, partStatus{"drafts", "on", "LLM " + m.drafter + " with the sorting guidance"})
	default:
		out = append(out, partStatus{"drafts", "on", "guidance passages only (OPENAI_API_KEY and OPENAI_BASE_URL are not set)"})
	}
	switch {
	case c.MetricsAddr == "off":
		out = append(out, partStatus{"metrics", "off", "METRICS_ADDR=off"})
	case c.MetricsAddr != "":
		out = append(out, partStatus{"metrics", "on", "GET /metrics on METRICS_ADDR " + c.MetricsAddr})
	default:
		out = append(out, partStatus{"metrics", "on", "GET /metrics on HTTP_ADDR (METRICS_ADDR keeps it off the public listener)"})
	}
	if c.SMTPAddr == "" {
		out = append(out, partStatus{"replies", "off", "SMTP_ADDR is not set"})
	} else {
		out = append(out, partStatus{"replies", "on", "SMTP " + c.SMTPAddr + " from " + c.MailFrom})
	}
	return append(out, m.ratingPart())
}

// ratingPart says where rating links lead, and what a citizen would miss.
func (m *Main) ratingPart() partStatus {
	c := m.Config
	switch {
	case !c.CSATEnabled():
		return partStatus{"satisfaction ratings", "off", "CSAT=off (links sent before still work)"}
	case c.PublicBaseURL == "":
		return partStatus{"satisfaction ratings", "on", "links lead to " + c.PublicBase() + "/tilfredshed/, which citizens cannot reach: set PUBLIC_BASE_URL"}
	case c.AccessibilityURL == "":
		return partStatus{"satisfaction ratings", "on", "pages at " + c.PublicBase() + "/tilfredshed/ without a link to an accessibility statement: set ACCESSIBILITY_URL"}
	}
	return partStatus{"satisfaction ratings", "on", "pages at " + c.PublicBase() + "/tilfredshed/"}
}

func (m *Main) logParts() {
	for _, p := range m.parts() {
		m.Log.Info("part", slog.String("part", p.Name), slog.String("state", p.State), slog.String("detail", p.Detail))
	}
}
