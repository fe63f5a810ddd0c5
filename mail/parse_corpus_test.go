package mail

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusCase is what Parse must make of one file in testdata/parse.
type corpusCase struct {
	warning     bool   // Warning is set
	auto        string // Auto reason
	citizen     string // address from Citizen
	attachments int
	text        string // a substring of Text
}

var corpus = map[string]corpusCase{
	"alternative.eml":        {citizen: "anders@example.dk", attachments: 1, text: "Ren tekst vinder."},
	"auto-submitted.eml":     {auto: "auto-submitted: auto-replied", citizen: "kontor@example.dk", text: "ferie"},
	"base64.eml":             {citizen: "peter@example.dk", attachments: 1, text: "Containeren står på fortovet"},
	"bounce.eml":             {auto: "bounce: multipart/report", citizen: "MAILER-DAEMON@mx.example.dk", attachments: 1, text: "could not be delivered"},
	"broken-charset.eml":     {warning: true, citizen: "ole@example.dk", text: "ikke tømt i går"},
	"broken-header.eml":      {warning: true, citizen: "kim@example.dk", text: "Skraldespanden er væltet."},
	"broken-mime.eml":        {warning: true, citizen: "kim@example.dk", text: "Min container er væk."},
	"calendar-invite.eml":    {citizen: "jette@boligforening.example.dk", attachments: 1, text: "[Kalenderinvitation vedhæftet: Møde om affaldsbeholdere]"},
	"deep-nesting.eml":       {warning: true, citizen: "deep@example.dk", text: "Bunden af dybet."},
	"html-only.eml":          {citizen: "lise@example.dk", text: "Skraldebilen kørte over vores hæk."},
	"huge-subject.eml":       {citizen: "stor@example.dk", text: "Kort tekst."},
	"iso-8859-1.eml":         {citizen: "soren@example.dk", text: "søppelspand og et køleskab i gården"},
	"list-mail.eml":          {auto: "list-id", citizen: "news@lists.example.dk", text: "genanvendelse"},
	"many-parts.eml":         {warning: true, citizen: "mange@example.dk", attachments: 498, text: "Første del."},
	"mislabelled-utf8.eml":   {citizen: "ole@example.dk", text: "ikke hentet på Amager"},
	"missing-message-id.eml": {citizen: "anna@example.dk", text: "genbrugsstationen"},
	"no-headers.eml":         {warning: true, text: "Min spand er ikke tømt."},
	"nul-bytes.eml":          {citizen: "nul@example.dk", text: "Tekst med nul-bytes."},
	"out-of-office.eml":      {auto: "x-autoreply", citizen: "hans@example.dk", text: "out of the office"},
	"outlook-reply.eml":      {citizen: "mette@example.dk", text: "Tusind tak, det hjalp."},
	"path-traversal.eml":     {citizen: "eve@example.com", attachments: 2, text: "Se filerne."},
	"quoted-printable.eml":   {citizen: "karen@example.dk", text: "stadig ikke tømt, og låget er i stykker."},
	"reply-to-one.eml":       {citizen: "gitte@example.dk", text: "kemikalier"},
	"reply-to-two.eml":       {citizen: "bo@example.dk", text: "begge"},
	"rfc2047-subject.eml":    {citizen: "marie@example.dk", text: "grøn spand"},
	"slack-injection.eml":    {citizen: "mallory@example.com", text: "<!here> og <!everyone>, se <https://evil.example/login|Københavns Kommune>"},
	"tnef-winmail.eml":       {citizen: "bruger@example.dk", attachments: 1, text: "affaldsskuret"},
	"utf8-plain.eml":         {citizen: "jens.hansen@example.dk", text: "fedtet pizzabakke"},
	"windows-1252.eml":       {citizen: "birthe@example.dk", text: "“gamle” batterier og maling – er det på genbrugsstationen? Pris: 20 €"},
}

func TestParseCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "parse", "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(corpus) {
		t.Errorf("%d files in testdata/parse, %d cases: every file needs a case", len(files), len(corpus))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			want, ok := corpus[name]
			if !ok {
				t.Fatalf("no expected outcome for %s", name)
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checkCorpusCase(t, Parse(raw, 1<<20), want)
		})
	}
}

func checkCorpusCase(t *testing.T, p *Parsed, want corpusCase) {
	t.Helper()
	if got := p.Warning != ""; got != want.warning {
		t.Errorf("Warning = %q, want set: %v", p.Warning, want.warning)
	}
	if p.Auto != want.auto {
		t.Errorf("Auto = %q, want %q", p.Auto, want.auto)
	}
	if _, addr := p.Citizen(); addr != want.citizen {
		t.Errorf("Citizen addr = %q, want %q", addr, want.citizen)
	}
	if len(p.Attachments) != want.attachments {
		t.Errorf("%d attachments, want %d", len(p.Attachments), want.attachments)
	}
	if !strings.Contains(p.Text, want.text) {
		t.Errorf("Text = %q, want it to contain %q", p.Text, want.text)
	}
	if strings.ContainsRune(p.Text, 0) || strings.ContainsRune(p.Subject, 0) {
		t.Errorf("NUL left in Text or Subject")
	}
	if p.MessageID == "" || len(p.ContentHash) != 64 {
		t.Errorf("MessageID %q, ContentHash %q: both must be set", p.MessageID, p.ContentHash)
	}
}
