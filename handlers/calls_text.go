package handlers

// attemptLine is the call_log text of one call-back attempt.
func (s *Service) attemptLine(n int, outcome string, minutes int, note string) string {
	line := s.T("calls_attempt", n, s.T("calls_outcome_"+outcome))
	if minutes > 0 {
		line += s.T("calls_minutes", minutes)
	}
	if note != "" {
		line += "\n" + note
	}
	return line
}
