package teams

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
)

// The Teams app package: manifest.json and its two icons at the root of a
// zip, which Teams takes for sideloading ("Upload a custom app") or from the
// Teams admin center
// (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package).
// The manifest follows app manifest schema 1.29
// (https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json).
//
//go:embed manifest/manifest.json manifest/color.png manifest/outline.png
var appFiles embed.FS

// ManifestVersion is the app manifest schema version of the template.
const ManifestVersion = "1.29"

// semver is the manifest's version pattern (the schema's definitions.semver).
var semver = regexp.MustCompile(`^([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)$`)

// AppOptions are what differs between installations of the app.
type AppOptions struct {
	AppID   string // the bot's Microsoft App ID (TEAMS_APP_ID)
	Version string // the app's version; "1.0.0" when empty; raise it for each update
}

// Manifest returns the manifest with the app id filled in: the app's id and
// its bot's id are both the app registration's.
func Manifest(o AppOptions) ([]byte, error) {
	if !objectID.MatchString(o.AppID) || o.AppID == "00000000-0000-0000-0000-000000000000" {
		return nil, fmt.Errorf("teams manifest: app id %q is not an app registration's id (a GUID)", o.AppID)
	}
	if o.Version == "" {
		o.Version = "1.0.0"
	}
	if !semver.MatchString(o.Version) {
		return nil, fmt.Errorf("teams manifest: version %q is not MAJOR.MINOR.PATCH", o.Version)
	}
	raw, err := appFiles.ReadFile("manifest/manifest.json")
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("teams manifest: template: %w", err)
	}
	m["id"], m["version"] = o.AppID, o.Version
	for _, b := range m["bots"].([]any) {
		b.(map[string]any)["botId"] = o.AppID
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// WriteAppPackage writes the zip Teams accepts: manifest.json, color.png and
// outline.png, at its root.
func WriteAppPackage(w io.Writer, o AppOptions) error {
	manifest, err := Manifest(o)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range []struct {
		name string
		data []byte
	}{{"manifest.json", manifest}, {"color.png", mustRead("manifest/color.png")}, {"outline.png", mustRead("manifest/outline.png")}} {
		fw, err := zw.Create(f.name)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func mustRead(name string) []byte {
	b, err := appFiles.ReadFile(name)
	if err != nil {
		panic("teams: embedded " + name + ": " + err.Error())
	}
	return b
}
