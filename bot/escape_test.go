package bot

import (
	"regexp"
	"strings"
	"testing"
)

// broadcast matches @channel, @here and @everyone as whole words.
var broadcast = regexp.MustCompile(`(?i)@(channel|here|everyone)([^\p{L}\p{N}_]|$)`)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hej & tak", "Hej &amp; tak"},
		{"<!channel> se her", "&lt;!channel&gt; se her"},
		{"<@U123> og <#C42>", "&lt;@U123&gt; og &lt;#C42&gt;"},
		{"<https://evil.example|Din bank>", "&lt;https://evil.example|Din bank&gt;"},
		{"hey @here and @Channel, @EVERYONE", "hey @\u2060here and @\u2060Channel, @\u2060EVERYONE"},
		{"mail@hereford.dk", "mail@hereford.dk"},
		{"@here's @channel.", "@\u2060here's @\u2060channel."},
		{"jens_hansen@example.dk *vigtigt*", "jens_hansen@example.dk *vigtigt*"},
		{"```kode```", "`\u200b`\u200b`kode`\u200b`\u200b`"},
		{"&amp; already", "&amp;amp; already"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"https://kk.dk/affald", "https://kk.dk/affald"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeLineFlattensLines(t *testing.T) {
	got := EscapeLine("  Jens\nHansen\t<b>  ")
	if want := "Jens Hansen &lt;b&gt;"; got != want {
		t.Errorf("EscapeLine = %q, want %q", got, want)
	}
}

// live lists what must never survive escaping: Slack's mention and link syntax.
var live = []string{"<!", "<@", "<#", "<http", "<mailto", "<tel:"}

func assertInert(t *testing.T, where, s string) {
	t.Helper()
	for _, l := range live {
		if strings.Contains(strings.ToLower(s), l) {
			t.Errorf("%s contains %q: %q", where, l, s)
		}
	}
	if loc := broadcast.FindStringIndex(s); loc != nil {
		t.Errorf("%s contains a live %q: %q", where, s[loc[0]:loc[1]], s)
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"<!channel>", "<@U1|x>", "<<!here>>", "@here", "&lt;", "<mailto:a@b|c>", "<HTTP://x>", "\xff<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		assertInert(t, "Escape", out)
		if strings.ContainsAny(out, "<>") {
			t.Errorf("Escape(%q) = %q keeps an angle bracket", s, out)
		}
		assertInert(t, "EscapeLine", EscapeLine(s))
	})
}
