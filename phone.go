package affaldsbot

import "strings"

// PhoneE164 returns a phone number in E.164 form ("+4512345678"), or ""
// when raw is not a phone number. Eight digits without a country code are
// Danish (+45); "00" is the international prefix.
func PhoneE164(raw string) string {
	s := strings.TrimSpace(raw)
	plus := strings.HasPrefix(s, "+")
	var digits strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case strings.ContainsRune(" -.()/+", r):
		default:
			return ""
		}
	}
	d := digits.String()
	if !plus && strings.HasPrefix(d, "00") {
		d, plus = d[2:], true
	}
	if !plus && len(d) == 8 {
		d, plus = "45"+d, true
	}
	if !plus || len(d) < 7 || len(d) > 15 || d[0] == '0' {
		return ""
	}
	return "+" + d
}
