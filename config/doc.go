package config

import (
	"fmt"
	"strings"
)

// Markdown renders the settings as the README's table, so the documentation
// cannot drift from the code.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| variable | default | meaning |\n|---|---|---|\n")
	for _, s := range settings {
		def := "—"
		if s.Default != "" {
			def = "`" + s.Default + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", s.Name, def, s.Help)
	}
	return b.String()
}

// Names lists every setting's name.
func Names() []string {
	out := make([]string, len(settings))
	for i, s := range settings {
		out[i] = s.Name
	}
	return out
}
