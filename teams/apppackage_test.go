package teams_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dlclark/regexp2/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/affaldsbot/affaldsbot/teams"
)

var updateIcons = flag.Bool("update-icons", false, "draw teams/manifest/color.png and outline.png again")

// The Teams app manifest schema, version 1.29, from
// OfficeDev/microsoft-teams-app-schema at commit
// a2a2ebc36df721a55ffbf8542f003fb4343952bd, MicrosoftTeams.schema.json, MIT
// licence (testdata/teamsapp/LICENSE); published as
// https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json.
const manifestSchemaFile = "testdata/teamsapp/MicrosoftTeams.schema-1.29.json"

func manifestSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	// the schema's patterns use lookahead, which Go's regexp lacks
	return compileSchema(t, manifestSchemaFile, ecmaRegexp)
}

// ecmaRegexp compiles a schema's pattern as JSON Schema means it: an
// ECMAScript regular expression.
func ecmaRegexp(expr string) (jsonschema.Regexp, error) {
	re, err := regexp2.Compile(expr, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	return (*ecmaPattern)(re), nil
}

type ecmaPattern regexp2.Regexp

func (p *ecmaPattern) MatchString(s string) bool {
	ok, err := (*regexp2.Regexp)(p).MatchString(s)
	return err == nil && ok
}

func (p *ecmaPattern) String() string { return (*regexp2.Regexp)(p).String() }

func validateManifest(s *jsonschema.Schema, raw []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

const teamsAppID = "0b5a1d6e-2222-4a4a-9c9c-00000000beef"

// unzip returns the package's files by name.
func unzip(t *testing.T, raw []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		_, _ = b.ReadFrom(rc)
		rc.Close()
		files[f.Name] = b.Bytes()
	}
	return files
}

func TestAppPackageIsWhatTeamsAccepts(t *testing.T) {
	var zipped bytes.Buffer
	if err := teams.WriteAppPackage(&zipped, teams.AppOptions{AppID: teamsAppID, Version: "1.2.0"}); err != nil {
		t.Fatal(err)
	}
	files := unzip(t, zipped.Bytes())
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	if want := []string{"color.png", "manifest.json", "outline.png"}; !slices.Equal(names, want) {
		t.Fatalf("package holds %v, want %v at its root", names, want)
	}
	if err := validateManifest(manifestSchema(t), files["manifest.json"]); err != nil {
		t.Fatalf("manifest against schema 1.29: %v", err)
	}
	var m struct {
		Schema          string `json:"$schema"`
		ManifestVersion string `json:"manifestVersion"`
		Version, ID     string
		Icons           struct{ Color, Outline string }
		Bots            []struct {
			BotID        string `json:"botId"`
			Scopes       []string
			CommandLists []struct {
				Scopes   []string
				Commands []struct{ Title string }
			}
		}
	}
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.ManifestVersion != teams.ManifestVersion || !strings.Contains(m.Schema, "/v"+teams.ManifestVersion+"/") {
		t.Errorf("manifest version %s, schema %s; want %s", m.ManifestVersion, m.Schema, teams.ManifestVersion)
	}
	if m.ID != teamsAppID || len(m.Bots) != 1 || m.Bots[0].BotID != teamsAppID || m.Version != "1.2.0" {
		t.Errorf("id %s, version %s, bots %+v; want the app id in both and version 1.2.0", m.ID, m.Version, m.Bots)
	}
	if m.Icons.Color != "color.png" || m.Icons.Outline != "outline.png" {
		t.Errorf("icons %+v", m.Icons)
	}
	bot := m.Bots[0]
	if !slices.Equal(bot.Scopes, []string{"team", "personal"}) {
		t.Errorf("bot scopes %v, want team and personal", bot.Scopes)
	}
	for _, l := range bot.CommandLists {
		var titles []string
		for _, c := range l.Commands {
			titles = append(titles, c.Title)
		}
		if !slices.Equal(titles, []string{"mine", "åbne", "find", "stats"}) {
			t.Errorf("commands for %v: %v", l.Scopes, titles)
		}
	}
	if len(bot.CommandLists) != 2 {
		t.Errorf("%d command lists, want one per scope", len(bot.CommandLists))
	}
}

func TestManifestSchemaCatchesBrokenManifests(t *testing.T) {
	s := manifestSchema(t)
	for name, mutate := range map[string]func(map[string]any){
		"no developer":     func(m map[string]any) { delete(m, "developer") },
		"unknown scope":    func(m map[string]any) { m["bots"].([]any)[0].(map[string]any)["scopes"] = []any{"channel"} },
		"short name of 31": func(m map[string]any) { m["name"].(map[string]any)["short"] = strings.Repeat("a", 31) },
		"bot id not a GUID": func(m map[string]any) {
			m["bots"].([]any)[0].(map[string]any)["botId"] = "affaldsbot"
		},
		"misspelt property": func(m map[string]any) { m["accentColour"] = "#2E6B30" },
	} {
		raw, err := teams.Manifest(teams.AppOptions{AppID: teamsAppID})
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		mutate(m)
		broken, _ := json.Marshal(m)
		if err := validateManifest(s, broken); err == nil {
			t.Errorf("%s: schema accepted the broken manifest", name)
		}
	}
}

func TestManifestRefusesWhatIsNoAppID(t *testing.T) {
	for _, o := range []teams.AppOptions{
		{AppID: ""}, {AppID: "affaldsbot"}, {AppID: "00000000-0000-0000-0000-000000000000"},
		{AppID: teamsAppID, Version: "1.0"}, {AppID: teamsAppID, Version: "v1.0.0"},
	} {
		if _, err := teams.Manifest(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

// Teams' icon rules (https://learn.microsoft.com/microsoft-365/extensibility/schema/root-icons):
// color is a full-colour 192×192 PNG; outline a transparent 32×32 PNG whose
// drawing is white.
func TestAppIconsFollowTeamsRules(t *testing.T) {
	var zipped bytes.Buffer
	if err := teams.WriteAppPackage(&zipped, teams.AppOptions{AppID: teamsAppID}); err != nil {
		t.Fatal(err)
	}
	files := unzip(t, zipped.Bytes())
	col := decodePNG(t, files["color.png"], 192)
	for y := range 192 {
		for x := range 192 {
			if _, _, _, a := col.At(x, y).RGBA(); a != 0xffff {
				t.Fatalf("color.png: pixel %d,%d not opaque", x, y)
			}
		}
	}
	out := decodePNG(t, files["outline.png"], 32)
	white, clear := 0, 0
	for y := range 32 {
		for x := range 32 {
			c := color.NRGBAModel.Convert(out.At(x, y)).(color.NRGBA)
			switch {
			case c.A == 0:
				clear++
			case c.R == 255 && c.G == 255 && c.B == 255:
				white++
			default:
				t.Fatalf("outline.png: pixel %d,%d is %v, neither white nor transparent", x, y, c)
			}
		}
	}
	if white == 0 || clear == 0 {
		t.Errorf("outline.png: %d white and %d transparent pixels; want both", white, clear)
	}
}

func decodePNG(t *testing.T, raw []byte, size int) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
		t.Fatalf("icon is %v, want %d×%d", b, size, size)
	}
	return img
}

// TestAppIconsAreDrawnHere keeps the committed icons those drawn below;
// go test ./teams -run AppIcons -update-icons draws them again.
func TestAppIconsAreDrawnHere(t *testing.T) {
	for name, img := range map[string]image.Image{"color.png": colorIcon(), "outline.png": outlineIcon()} {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		path := "manifest/" + name
		if *updateIcons {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, b.Bytes()) {
			t.Errorf("%s differs from the drawing (%v); run with -update-icons", path, err)
		}
	}
}

var green = color.NRGBA{0x2e, 0x6b, 0x30, 0xff}

// bin is a waste bin on a grid of 32: handle, lid, body and three slots.
func bin(set func(x0, y0, x1, y1 int, on bool), outline bool) {
	set(13, 4, 19, 6, true)  // handle
	set(6, 6, 26, 9, true)   // lid
	set(8, 10, 24, 28, true) // body
	if outline {
		set(10, 10, 22, 26, false) // hollow body: a 2-pixel white border
	}
	for _, x := range []int{11, 15, 19} {
		set(x, 13, x+2, 24, outline) // slots: white in the outline, green in the colour icon
	}
}

func colorIcon() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 192, 192))
	fill(img, 0, 0, 192, 192, green)
	// the 32-grid drawing scaled ×4 and centred: 128 pixels in a 192 square
	bin(func(x0, y0, x1, y1 int, on bool) {
		c := green
		if on {
			c = color.NRGBA{0xff, 0xff, 0xff, 0xff}
		}
		fill(img, 32+4*x0, 32+4*y0, 32+4*x1, 32+4*y1, c)
	}, false)
	return img
}

func outlineIcon() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 32, 32))
	bin(func(x0, y0, x1, y1 int, on bool) {
		c := color.NRGBA{}
		if on {
			c = color.NRGBA{0xff, 0xff, 0xff, 0xff}
		}
		fill(img, x0, y0, x1, y1, c)
	}, true)
	return img
}

func fill(img *image.NRGBA, x0, y0, x1, y1 int, c color.NRGBA) {
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			img.SetNRGBA(x, y, c)
		}
	}
}
