package guidance

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// allowedHosts are the only places the built-in corpus may rest on: the
// City of Copenhagen and national authorities. Sorting rules differ between
// municipalities, so another municipality's or a company's page is no source
// for Copenhagen.
var allowedHosts = []string{
	"kk.dk",              // Københavns Kommune, with affald.kk.dk, international.kk.dk, the local councils
	"mst.dk",             // Miljøstyrelsen
	"mim.dk",             // Miljøministeriet
	"retsinformation.dk", // the waste order (affaldsbekendtgørelsen) and MST's guidance
}

func allowedSource(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range allowedHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

func TestAllowedSource(t *testing.T) {
	tests := map[string]bool{
		"https://www.kk.dk/nyheder/x":               true,
		"https://affald.kk.dk/affald/havregryn":     true,
		"http://www.kk.dk/indhold/x":                true,
		"https://mst.dk/borger/x":                   true,
		"https://www.retsinformation.dk/eli/x":      true,
		"https://www.revas.dk/borger/miljoekassen":  false,
		"https://kk.dk.example.org/x":               false,
		"https://notkk.dk/x":                        false,
		"https://www.frederiksberg.dk/affald":       false,
		"ftp://kk.dk/x":                             false,
		"kk.dk/affald":                              false,
		"https://www.berlingske.dk/indland/storskr": false,
	}
	for raw, want := range tests {
		if got := allowedSource(raw); got != want {
			t.Errorf("allowedSource(%q) = %v, want %v", raw, got, want)
		}
	}
}

// sourceProblems is what is wrong with the passages' sources: a host that
// is not Københavns Kommune or a national authority, no read date, an
// unconfirmed mark in the text of a confirmed passage or none in the text
// of an unconfirmed one.
func sourceProblems(es []entry) []string {
	var out []string
	for _, e := range es {
		if !allowedSource(e.Source) {
			out = append(out, fmt.Sprintf("passage %s cites %s: not Københavns Kommune or a national authority", e.ID, e.Source))
		}
		if e.Read == "" {
			out = append(out, fmt.Sprintf("passage %s has no read date", e.ID))
		}
		if marked := strings.Contains(e.Text, "(ikke bekræftet)"); marked == e.Confirmed {
			out = append(out, fmt.Sprintf("passage %s: confirmed %v but unconfirmed mark in text %v", e.ID, e.Confirmed, marked))
		}
	}
	return out
}

// TestBuiltinSources: every built-in passage rests on kk.dk or a national
// authority, says when its source was read, and carries the unconfirmed mark
// in its text exactly when it is not confirmed.
func TestBuiltinSources(t *testing.T) {
	es, err := readBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sourceProblems(es) {
		t.Error(p)
	}
}

// TestSourceProblemsCatches: the check behind TestBuiltinSources fails a
// corpus with one passage from another municipality, a company or a
// newspaper, confirmed or not.
func TestSourceProblemsCatches(t *testing.T) {
	ok := entry{Passage: Passage{ID: "ok", Source: "https://affald.kk.dk/affaldsfraktion/saadan-sorterer-du-batterier",
		Read: "2026-12-04", Confirmed: true, Text: "Batterier."}}
	if p := sourceProblems([]entry{ok}); len(p) != 0 {
		t.Fatalf("a kk.dk passage has problems: %v", p)
	}
	for _, src := range []string{"https://www.revas.dk/borger/din-affaldsordning/miljoekassen",
		"https://www.frederiksberg.dk/affald", "https://via.ritzau.dk/pressemeddelelse/slut-med-storskrald",
		"https://www.oesterbro-avis.dk/hit-med-batterierne/"} {
		for _, confirmed := range []bool{true, false} {
			bad := ok
			bad.ID, bad.Source, bad.Confirmed = "fremmed", src, confirmed
			if !confirmed {
				bad.Text = "Batterier (ikke bekræftet)."
			}
			p := sourceProblems([]entry{ok, bad})
			if len(p) != 1 || !strings.Contains(p[0], "fremmed") || !strings.Contains(p[0], src) {
				t.Errorf("source %s (confirmed %v): problems %v, want one naming it", src, confirmed, p)
			}
		}
	}
}
