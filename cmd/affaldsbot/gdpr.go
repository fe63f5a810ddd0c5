package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"

	"github.com/affaldsbot/affaldsbot"
	"github.com/affaldsbot/affaldsbot/handlers"
)

const gdprUsage = "usage: affaldsbot gdpr export|erase --email ADDR | --phone NUMBER [--out FILE]"

func runGDPRCommand(ctx context.Context, e *env, args []string) int {
	verb, c, out, ok := parseGDPR(args, e.stderr)
	if !ok {
		return exitUsage
	}
	svc, closeDB, err := openOffline(ctx, e)
	if err != nil {
		return fail(e.stderr, err)
	}
	defer closeDB()
	return runGDPR(ctx, svc, verb, c, out, e.stdout, e.stderr)
}

// parseGDPR reads `export|erase --email ADDR | --phone NUMBER [--out FILE]`.
func parseGDPR(args []string, stderr io.Writer) (verb string, c handlers.Citizen, out string, ok bool) {
	if len(args) == 0 || (args[0] != "export" && args[0] != "erase") {
		fmt.Fprintln(stderr, gdprUsage)
		return "", c, "", false
	}
	fs := flag.NewFlagSet("gdpr "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Email, "email", "", "the citizen's e-mail address (any case)")
	fs.StringVar(&c.Phone, "phone", "", "the citizen's phone number (+45 when no country code)")
	fs.StringVar(&out, "out", "", "export: write the JSON document to FILE instead of stdout")
	if err := fs.Parse(args[1:]); err != nil {
		return "", c, "", false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "affaldsbot: gdpr: unexpected argument %q\n%s\n", fs.Arg(0), gdprUsage)
		return "", c, "", false
	}
	if err := c.Check(); err != nil {
		fmt.Fprintf(stderr, "affaldsbot: gdpr: %s\n", affaldsbot.ErrorMessage(err))
		return "", c, "", false
	}
	return args[0], c, out, true
}

func runGDPR(ctx context.Context, svc *handlers.Service, verb string, c handlers.Citizen, out string, stdout, stderr io.Writer) int {
	actor := cliActor()
	if verb == "erase" {
		n, err := svc.EraseCitizen(ctx, actor, c)
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "erased: %s; database files scrubbed\n", n)
		if n.Enquiries > 0 || n.Messages > 0 {
			fmt.Fprintln(stdout, "the running bot now deletes the citizen's mail from the shared mailbox and its own posts from Slack (audit log: mailbox.erase, slack.erase)")
		}
		return exitOK
	}
	doc, err := svc.ExportCitizen(ctx, actor, c)
	if err != nil {
		return fail(stderr, err)
	}
	if err := writeJSON(doc, out, stdout); err != nil {
		return fail(stderr, err)
	}
	return exitOK
}

func writeJSON(v any, path string, stdout io.Writer) error {
	w := stdout
	if path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
		if err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		defer f.Close()
		w = f
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	return nil
}

// cliActor names who ran a command in the audit log: the operating-system
// user.
func cliActor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "cli:" + u.Username
	}
	return "cli"
}
