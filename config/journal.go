package config

import (
	"fmt"
	"net/mail"
	"strings"
)

// mailAddress accepts exactly one bare address such as journal@kk.dk.
func mailAddress(v string) error {
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || strings.ContainsAny(v, "\r\n") {
		return fmt.Errorf("must be one e-mail address such as journal@example.org, not %q", v)
	}
	return nil
}
