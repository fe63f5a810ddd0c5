package mail

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func parseFile(t *testing.T, name string, maxAttachment int64) *Parsed {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "parse", name))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(raw, maxAttachment)
}

func TestParseHeaders(t *testing.T) {
	p := parseFile(t, "quoted-printable.eml", 1<<20)
	want := &Parsed{
		MessageID:  "qp-1@example.dk",
		InReplyTo:  "reply-1042@kk.example.dk",
		References: []string{"root-1042@kk.example.dk", "reply-1042@kk.example.dk"},
		FromName:   "Karen",
		FromAddr:   "karen@example.dk",
		To:         []string{"affald@kk.example.dk"},
		Subject:    "Re: Din henvendelse [#1042]",
		Text:       "Tak for svaret. Men beholderen er stadig ikke tømt, og låget er i stykker.",
		Quoted: "Den 26. nov. 2026 kl. 10.15 skrev Affald København <affald@kk.example.dk>:\n" +
			"> Hej Karen\n> Vi har bestilt en ekstra tømning.",
	}
	opts := cmp.Options{cmpopts.IgnoreFields(Parsed{}, "ContentHash"), cmp.AllowUnexported(Parsed{})}
	if diff := cmp.Diff(want, p, opts); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestParseDecodesNamesAndDate(t *testing.T) {
	p := parseFile(t, "rfc2047-subject.eml", 1<<20)
	if got, want := p.Subject, "Spørgsmål om grøn spand til haveaffald æøå"; got != want {
		t.Errorf("Subject = %q, want %q", got, want)
	}
	if got, want := p.FromName, "Marie Jørgensen"; got != want {
		t.Errorf("FromName = %q, want %q", got, want)
	}
	d := parseFile(t, "utf8-plain.eml", 1<<20).Date
	if want := time.Date(2026, 11, 26, 8, 14, 3, 0, time.UTC); !d.Equal(want) {
		t.Errorf("Date = %v, want %v", d, want)
	}
}

func TestParseCitizenUsesSingleReplyTo(t *testing.T) {
	name, addr := parseFile(t, "reply-to-one.eml", 1<<20).Citizen()
	if name != "Gitte Holm" || addr != "gitte@example.dk" {
		t.Errorf("Citizen = %q <%s>, want Gitte Holm <gitte@example.dk>", name, addr)
	}
	p := parseFile(t, "reply-to-two.eml", 1<<20)
	if diff := cmp.Diff([]string{"a@example.dk", "b@example.dk"}, p.ReplyTo); diff != "" {
		t.Errorf("ReplyTo (-want +got):\n%s", diff)
	}
	if name, addr := p.Citizen(); name != "Bo Nielsen" || addr != "bo@example.dk" {
		t.Errorf("Citizen = %q <%s>, want the From address when Reply-To has two", name, addr)
	}
}

func TestParseSyntheticMessageIDIsStable(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "parse", "missing-message-id.eml"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	want := "sha256-" + hex.EncodeToString(sum[:]) + "@affaldsbot.invalid"
	if a, b := Parse(raw, 0).MessageID, Parse(raw, 0).MessageID; a != want || b != want {
		t.Errorf("MessageID = %q then %q, want %q both times", a, b, want)
	}
}

func TestParseLimitsSubject(t *testing.T) {
	s := parseFile(t, "huge-subject.eml", 1<<20).Subject
	if n := utf8.RuneCountInString(s); n != maxSubjectRunes {
		t.Errorf("subject has %d runes, want %d", n, maxSubjectRunes)
	}
}

func TestParseAttachmentNames(t *testing.T) {
	var got []string
	for _, a := range parseFile(t, "path-traversal.eml", 1<<20).Attachments {
		got = append(got, a.Filename)
	}
	if diff := cmp.Diff([]string{"passwd", "søppel.txt"}, got); diff != "" {
		t.Errorf("filenames (-want +got):\n%s", diff)
	}
}

func TestParseTruncatesLargeAttachments(t *testing.T) {
	full := parseFile(t, "base64.eml", 1<<20).Attachments[0]
	cut := parseFile(t, "base64.eml", 10).Attachments[0]
	sum := sha256.Sum256(full.Data)
	want := ParsedAttachment{Filename: "container.png", ContentType: "image/png",
		Size: 70, SHA256: hex.EncodeToString(sum[:]), Truncated: true}
	if diff := cmp.Diff(want, cut); diff != "" {
		t.Errorf("truncated attachment (-want +got):\n%s", diff)
	}
	if full.Truncated || len(full.Data) != 70 {
		t.Errorf("attachment under the limit: Truncated=%v, %d bytes kept, want all 70", full.Truncated, len(full.Data))
	}
}

// An empty body is not a failure: it is said once, in the thread, by the
// caller (HasText); only input that is not a mail at all leaves a warning.
func TestParseEmptyAndTextOnlyInput(t *testing.T) {
	for _, tc := range []struct {
		raw, text, warning string
	}{
		{raw: "", text: "", warning: ""},
		{raw: "\n", text: "", warning: ""},
		{raw: "Subject: x\n\n   \n", text: "", warning: ""},
		{raw: "bare tekst\r\nuden header\x00", text: "bare tekst\nuden header", warning: "no header"},
	} {
		p := Parse([]byte(tc.raw), 0)
		if p.Text != tc.text || p.Warning != tc.warning {
			t.Errorf("Parse(%q) = text %q, warning %q; want %q, %q", tc.raw, p.Text, p.Warning, tc.text, tc.warning)
		}
	}
}

func TestParseHTMLDropsScriptsAndStyles(t *testing.T) {
	text := parseFile(t, "html-only.eml", 1<<20).Text
	for _, bad := range []string{"alert", "color:red", "<p>", "&oslash;"} {
		if strings.Contains(text, bad) {
			t.Errorf("Text = %q, contains %q", text, bad)
		}
	}
}
