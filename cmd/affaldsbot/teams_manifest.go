package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/affaldsbot/affaldsbot/teams"
)

// teamsManifestOptions are the flags of teams-manifest.
type teamsManifestOptions struct {
	appID, out, version string
}

// runTeamsManifest writes the Teams app package for sideloading: the
// manifest with the app id filled in and the two icons, zipped.
func runTeamsManifest(_ context.Context, e *env, args []string) int {
	o, code := parseTeamsManifestFlags(args, e.stderr)
	if code >= 0 {
		return code
	}
	var zipped bytes.Buffer
	if err := teams.WriteAppPackage(&zipped, teams.AppOptions{AppID: o.appID, Version: o.version}); err != nil {
		fmt.Fprintf(e.stderr, "affaldsbot: %v\n", err)
		return exitUsage
	}
	if err := os.WriteFile(o.out, zipped.Bytes(), 0o644); err != nil {
		return fail(e.stderr, err)
	}
	fmt.Fprintf(e.stdout, "%s: Teams app %s version %s (manifest %s)\n", o.out, o.appID, o.version, teams.ManifestVersion)
	return exitOK
}

func parseTeamsManifestFlags(args []string, stderr io.Writer) (teamsManifestOptions, int) {
	var o teamsManifestOptions
	fs := flag.NewFlagSet("teams-manifest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.appID, "app-id", "", "the app registration's id (TEAMS_APP_ID); required")
	fs.StringVar(&o.out, "out", "affaldsbot-teams.zip", "the zip to write")
	fs.StringVar(&o.version, "version", "1.0.0", "the app's version; raise it for each update of an uploaded app")
	if err := fs.Parse(args); err != nil {
		return o, exitUsage
	}
	if fs.NArg() > 0 || o.appID == "" {
		fmt.Fprintln(stderr, "affaldsbot: usage: affaldsbot teams-manifest --app-id ID [--out affaldsbot-teams.zip] [--version 1.0.0]")
		return o, exitUsage
	}
	return o, -1
}
