package handlers

import "strings"

// NormalisePhoneNumber returns the number in E.164 form ("+4512345678"), or ""
// when raw is not a phone number. Eight digits without a country code are
// Danish (+45); "00" is the international prefix.
func NormalisePhoneNumber(raw string) string {
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

// PhoneOrRaw is the E.164 form of raw, or raw itself (trimmed) when it does
// not normalise, so nothing the contact centre sent is lost.
func PhoneOrRaw(raw string) string {
	if n := NormalisePhoneNumber(raw); n != "" {
		return n
	}
	return strings.TrimSpace(raw)
}
