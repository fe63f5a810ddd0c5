package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func TestTeamsManifestWritesTheAppPackage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "app.zip")
	const id = "0b5a1d6e-3333-4a4a-9c9c-00000000cafe"
	var stdout, stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"teams-manifest", "--app-id", id, "--out", out, "--version", "1.0.3"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	var manifest struct{ ID, Version string }
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name == "manifest.json" {
			rc, _ := f.Open()
			raw, _ := io.ReadAll(rc)
			rc.Close()
			if err := json.Unmarshal(raw, &manifest); err != nil {
				t.Fatal(err)
			}
		}
	}
	if strings.Join(names, " ") != "manifest.json color.png outline.png" {
		t.Errorf("zip holds %v", names)
	}
	if manifest.ID != id || manifest.Version != "1.0.3" {
		t.Errorf("manifest id %s version %s", manifest.ID, manifest.Version)
	}
	if !strings.Contains(stdout.String(), out) {
		t.Errorf("stdout %q does not name the file", stdout.String())
	}
}

func TestTeamsManifestRefusesWithoutAnAppID(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"teams-manifest"},
		{"teams-manifest", "--app-id", "affaldsbot", "--out", filepath.Join(dir, "x.zip")},
		{"teams-manifest", "--app-id", "0b5a1d6e-3333-4a4a-9c9c-00000000cafe", "--version", "2", "--out", filepath.Join(dir, "y.zip")},
		{"teams-manifest", "--app-id", "0b5a1d6e-3333-4a4a-9c9c-00000000cafe", "extra"},
	} {
		var stdout, stderr bytes.Buffer
		if code := dispatch(context.Background(), args, &stdout, &stderr); code != exitUsage || stderr.Len() == 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, stderr.String())
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*")); len(m) != 0 {
		t.Errorf("files written on refusal: %v", m)
	}
}
