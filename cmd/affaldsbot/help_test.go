package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEveryCommandsHelpExitsZero(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "affaldsbot.db")
	t.Setenv("DATABASE_URL", "sqlite:"+db)
	for _, c := range commands() {
		for _, flag := range []string{"--help", "-h"} {
			var out, errs bytes.Buffer
			code := dispatch(context.Background(), []string{c.name, flag}, &out, &errs)
			if code != exitOK {
				t.Errorf("affaldsbot %s %s exited %d; stderr: %s", c.name, flag, code, errs.String())
			}
			if !strings.HasPrefix(out.String(), "usage: affaldsbot "+c.name) {
				t.Errorf("affaldsbot %s %s printed %q; want its usage on stdout", c.name, flag, out.String())
			}
		}
	}
	var out, errs bytes.Buffer
	dispatch(context.Background(), []string{"demo", "--help"}, &out, &errs)
	if !strings.Contains(out.String(), "-seed-only") {
		t.Errorf("demo --help does not list its flags:\n%s", out.String())
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("--help opened the database (%v)", err)
	}
}
