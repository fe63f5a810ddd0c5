package csat_test

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// axeVersion is the axe-core release the page is checked with.
const axeVersion = "4.10.3"

// axeSource returns axe.min.js of axeVersion, fetched once with `npm pack`
// from the npm registry and kept in the user's cache folder (never in the
// repository).
func axeSource(t *testing.T) string {
	t.Helper()
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	cached := filepath.Join(base, "affaldsbot", "axe-core-"+axeVersion+".min.js")
	if b, err := os.ReadFile(cached); err == nil {
		return string(b)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		missing(t, "npm is not installed, so axe-core cannot be fetched")
	}
	dir := t.TempDir()
	cmd := exec.Command(npm, "pack", "axe-core@"+axeVersion, "--pack-destination", dir, "--silent")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		missing(t, "npm pack axe-core@"+axeVersion+" failed: "+string(out))
	}
	src, err := fromTarball(filepath.Join(dir, "axe-core-"+axeVersion+".tgz"), "package/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(cached), 0o755); err == nil {
		os.WriteFile(cached, src, 0o644)
	}
	return string(src)
}

func fromTarball(path, name string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err != nil {
			return nil, err
		}
		if h.Name == name {
			return io.ReadAll(io.LimitReader(tr, 16<<20))
		}
	}
}
