package mail

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func realWorld(t *testing.T, name string) *Parsed {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "realworld", name))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(raw, 1<<20)
}

// The cases of broken and hostile mail, read as a mail reader reads them.
func TestParseHostile(t *testing.T) {
	for _, tc := range []struct {
		file, fromName, fromAddr, subject, text string
		files                                   []string
	}{
		{"hostile/from-line-citizen.eml", "Jens Hansen", "jens@example.dk", "Storskrald i gården",
			"Hej. Der står en sofa i gården, som ingen har bestilt afhentning af.", nil},
		{"hostile/no-blank-line.eml", "Ole", "ole@example.dk", "Uden tom linje",
			"Hej, min mail har ingen tom linje efter overskrifterne.\nSpanden er ikke tømt.", nil},
		{"hostile/nested-alternative.eml", "Mette Larsen", "mette@example.dk", "Billeder af containeren",
			"Containeren ved nr. 12 er væltet igen.\n\nkl. 07.12 tom", []string{"kort.pdf"}},
		{"hostile/invalid-utf8-byte.eml", "Birthe", "birthe@example.dk", "Blå spand",
			"Min blå spand er væk \uFFFD siden i går.", nil},
		{"hostile/rlo-names.eml", "Jens nesnaH", "jens@example.dk", "Faktura", "Her er fakturaen.", []string{"fakturafdp.exe"}},
		{"hostile/from-encoded-crlf.eml", "x mayor@kk.example", "attacker@evil.test", "Svar venligst", "Send svaret til borgmesteren.", nil},
		{"hostile/from-encoded-victim.eml", "Attacker From: victim@evil.test", "attacker@evil.test", "Hej", "Hej med jer.", nil},
		{"hostile/from-unparseable.eml", "Jens Hansen jens@example.dk mayor@kk.example", "", "Hvem er jeg", "Min spand er væk.", nil},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := realWorld(t, tc.file)
			var files []string
			for _, a := range p.Attachments {
				files = append(files, a.Filename)
			}
			got := []any{p.FromName, p.FromAddr, p.Subject, p.Text, files}
			want := []any{tc.fromName, tc.fromAddr, tc.subject, tc.text, tc.files}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("name, address, subject, text, files (-want +got):\n%s", diff)
			}
		})
	}
}

// A message enclosed whole, or in a digest, is read as a message: its
// sender, subject, text and attachments; a file kept elsewhere is a Note.
func TestParseEnclosedMessages(t *testing.T) {
	fw := realWorld(t, "hostile/forwarded-rfc822.eml")
	if len(fw.Forwarded) != 1 || fw.Forwarded[0].FromAddr != "noreply@renovation.example" ||
		fw.Forwarded[0].Text != "Din afhentning af storskrald den 24. november er aflyst." || len(fw.Forwarded[0].Attachments) != 1 {
		t.Errorf("forwarded message: %+v", fw.Forwarded)
	}
	if len(fw.Attachments) != 1 || fw.Attachments[0].Filename != "kvittering.pdf" {
		t.Errorf("attachments %+v: want the forwarded message's file, and no .eml of it", fw.Attachments)
	}
	digest := realWorld(t, "hostile/digest.eml")
	var subjects []string
	for _, f := range digest.Forwarded {
		subjects = append(subjects, f.Subject+": "+f.Text)
	}
	if diff := cmp.Diff([]string{"Glas: Hvor afleverer jeg glas?", "Pap: Må pap i papircontaineren?"}, subjects); diff != "" {
		t.Errorf("digest (-want +got):\n%s", diff)
	}
	ext := realWorld(t, "hostile/external-body.eml")
	want := []Note{{Kind: NoteExternal, Name: "skur.pdf", Detail: "url https://files.example.dk/skur.pdf"}}
	if diff := cmp.Diff(want, ext.Notes); diff != "" || len(ext.Attachments) != 0 {
		t.Errorf("external body: notes (-want +got):\n%s\nattachments %+v", diff, ext.Attachments)
	}
}

// Invalid base64 keeps what can be decoded and says how much could not.
func TestParseDamagedBase64(t *testing.T) {
	p := realWorld(t, "hostile/invalid-base64.eml")
	if len(p.Attachments) != 1 || p.Attachments[0].Size == 0 {
		t.Fatalf("attachments %+v: want the decodable bytes kept", p.Attachments)
	}
	if diff := cmp.Diff([]Note{{Kind: NoteDamaged, Name: "spand.png", N: 2}}, p.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	if strings.Contains(p.Warning, "spand") {
		t.Errorf("warning %q names the file: warnings are logged", p.Warning)
	}
}

// Parts past the limit are counted and their files named, not lost.
func TestParseManyPartsNamesTheSkipped(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: a@example.dk\nContent-Type: multipart/mixed; boundary=m\n\n")
	for i := range 520 {
		b.WriteString("--m\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=f" + strings.Repeat("x", i%3) + ".bin\n\nx\n")
	}
	b.WriteString("--m--\n")
	p := Parse([]byte(b.String()), 1<<20)
	if len(p.Attachments) != MaxParts-1 {
		t.Errorf("%d attachments, want %d", len(p.Attachments), MaxParts-1)
	}
	if len(p.Notes) != 1 || p.Notes[0].Kind != NoteSkipped || p.Notes[0].N != 21 || len(p.Notes[0].Names) != 21 {
		t.Errorf("notes %+v: want the 21 skipped parts counted and named", p.Notes)
	}
}
