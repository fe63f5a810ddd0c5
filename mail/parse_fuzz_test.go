package mail

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, warns about input without a
// header, and accounts for every attachment.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "parse", "*.eml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		p := Parse(raw, 64)
		if p == nil {
			t.Fatal("Parse returned nil")
		}
		if len(bytes.TrimSpace(raw)) > 0 && p.Warning == "" && !bytes.Contains(raw, []byte(":")) {
			t.Errorf("no header and no warning for %q", raw)
		}
		if p.MessageID == "" || len(p.ContentHash) != 64 {
			t.Errorf("MessageID %q, ContentHash %q", p.MessageID, p.ContentHash)
		}
		if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Subject) {
			t.Errorf("invalid UTF-8 in Text or Subject")
		}
		for _, a := range p.Attachments {
			if len(a.SHA256) != 64 {
				t.Errorf("attachment %q has no SHA256", a.Filename)
			}
			if a.Truncated != (a.Data == nil) || int64(len(a.Data)) > 64 {
				t.Errorf("attachment %q: Truncated=%v with %d bytes kept", a.Filename, a.Truncated, len(a.Data))
			}
		}
	})
}
