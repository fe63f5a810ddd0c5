package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/affaldsbot/affaldsbot/config"
)

// Exit codes (docs/commands.md).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// env is what every command gets: the parsed settings and the output streams.
type env struct {
	cfg            *config.Config
	stdout, stderr io.Writer
}

// command is one subcommand of the binary.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) int
	noCfg   bool // runs without loading the configuration
	// flags prints the command's flags with their defaults, for --help.
	flags func(w io.Writer)
}

func commands() []command {
	return []command{
		{name: "run", summary: "run the bot: mail intake, Slack, HTTP endpoints, jobs", run: runRun},
		{name: "demo", summary: "demo [--seed-only | --no-seed] [--chat slack|teams]: the whole loop on this machine with nothing configured", run: runDemo,
			flags: func(w io.Writer) { parseDemoFlags([]string{"-h"}, w) }},
		{name: "migrate", summary: "apply database migrations and exit", run: runMigrate},
		{name: "import", summary: "import mail --mbox FILE | --mailbox NAME --since DATE; import calls FILE.csv: backfill history", run: runImport,
			flags: func(w io.Writer) { parseImportMailFlags([]string{"-h"}, w) }},
		{name: "stats", summary: "stats [--from DATE] [--to DATE] [--format text|json|csv]: the team's figures", run: runStatsCommand,
			flags: func(w io.Writer) { parseStatsFlags([]string{"-h"}, "da", w) }},
		{name: "gdpr", summary: "gdpr export|erase --email ADDR | --phone NUMBER: right of access / erasure for one citizen", run: runGDPRCommand,
			flags: func(w io.Writer) { parseGDPR([]string{"export", "-h"}, w) }},
		{name: "guidance", summary: "guidance search [--k N] QUERY: the best guidance passages as JSON lines; guidance gaps [add]: questions marked as gaps in the guidance", run: runGuidanceCommand,
			flags: func(w io.Writer) { parseGuidanceSearch([]string{"-h"}, w) }},
		{name: "insights", summary: "insights [--period …] [--format text|json]: what citizens struggle with", run: runInsights,
			flags: func(w io.Writer) { parseInsightsFlags([]string{"-h"}, "da", w) }},
		{name: "teams-manifest", summary: "teams-manifest --app-id ID [--out FILE.zip]: the Teams app package for upload", run: runTeamsManifest, noCfg: true,
			flags: func(w io.Writer) { parseTeamsManifestFlags([]string{"-h"}, w) }},
		{name: "version", summary: "print version and build info", run: runVersion, noCfg: true},
	}
}

// dispatch parses the global flags, loads the configuration and runs the
// command; no arguments means run.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("affaldsbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgFile := fs.String("config", "", "a TOML or YAML file with settings (the environment wins)")
	fs.Usage = func() { usage(stderr, fs) }
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	args = fs.Args()
	name := "run"
	if len(args) > 0 {
		name, args = args[0], args[1:]
	}
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout, fs)
		return exitOK
	}
	cmd, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "affaldsbot: unknown command %q (see affaldsbot help)\n", name)
		return exitUsage
	}
	if helpAsked(args) {
		// before the configuration is read or anything is opened or started
		summary := cmd.summary
		if !strings.HasPrefix(summary, cmd.name+" ") {
			summary = cmd.name + ": " + summary
		}
		fmt.Fprintf(stdout, "usage: affaldsbot %s\n", summary)
		if cmd.flags != nil {
			cmd.flags(stdout)
		}
		return exitOK
	}
	e := &env{stdout: stdout, stderr: stderr}
	if !cmd.noCfg {
		cfg, err := config.FromEnv(*cfgFile)
		if err != nil {
			fmt.Fprintf(stderr, "affaldsbot: %v\n", err)
			return exitUsage
		}
		e.cfg = cfg
	}
	return cmd.run(ctx, e, args)
}

// helpAsked reports whether args ask for a command's help (-h, -help or
// --help before a "--").
func helpAsked(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "usage: affaldsbot [-config FILE] COMMAND [ARGS]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nSettings come from the environment (see the README); -config FILE may set the same keys.")
}

// fail prints one line naming what went wrong and returns the exit code that
// fits the error: 2 for bad configuration or usage, 1 otherwise.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "affaldsbot: %s\n", strings.ReplaceAll(err.Error(), "\n", " "))
	var ce *config.Error
	if errors.As(err, &ce) {
		return exitUsage
	}
	return exitFailure
}
