package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/affaldsbot/affaldsbot/config"
	"github.com/affaldsbot/affaldsbot/handlers"
	toml "github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"
)

// routesFile is ROUTES_FILE: mailboxes and call queues with their channels.
type routesFile struct {
	Mailboxes []route `toml:"mailbox" yaml:"mailboxes"`
	Queues    []route `toml:"queue" yaml:"queues"`
}

type route struct {
	Name    string `toml:"name" yaml:"name"`
	Channel string `toml:"channel" yaml:"channel"`
}

// loadRoutes reads ROUTES_FILE (if any) over the default channel.
func loadRoutes(cfg *config.Config) (handlers.Routes, error) {
	def := cfg.SlackChannel
	if cfg.UsesTeams() {
		def = cfg.TeamsChannel
	}
	r := handlers.Routes{Default: def, Mailboxes: map[string]string{}, Queues: map[string]string{}}
	if cfg.RoutesFile == "" {
		return r, nil
	}
	f, err := readRoutes(cfg.RoutesFile)
	if err != nil {
		return r, &config.Error{Name: "ROUTES_FILE", Problem: err.Error()}
	}
	for _, m := range f.Mailboxes {
		if m.Name == "" || m.Channel == "" {
			return r, &config.Error{Name: "ROUTES_FILE", Problem: "every mailbox needs a name and a channel"}
		}
		r.Mailboxes[m.Name] = m.Channel
	}
	for _, q := range f.Queues {
		if q.Name == "" || q.Channel == "" {
			return r, &config.Error{Name: "ROUTES_FILE", Problem: "every queue needs a name and a channel"}
		}
		r.Queues[q.Name] = q.Channel
	}
	return r, nil
}

func readRoutes(path string) (routesFile, error) {
	var f routesFile
	data, err := os.ReadFile(path)
	if err != nil {
		return f, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".toml":
		err = toml.Unmarshal(data, &f)
	case ".yaml", ".yml":
		err = yaml.Unmarshal(data, &f)
	default:
		err = fmt.Errorf("%s: use a .toml, .yaml or .yml file", path)
	}
	return f, err
}

// watchedMailboxes are IMAP_MAILBOX and every routed mailbox, once each.
func watchedMailboxes(cfg *config.Config, r handlers.Routes) []string {
	out := []string{cfg.IMAPMailbox}
	for name := range r.Mailboxes {
		if name != cfg.IMAPMailbox {
			out = append(out, name)
		}
	}
	sort.Strings(out[1:])
	return out
}
