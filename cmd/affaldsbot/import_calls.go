package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/storage"
)

// runImportCalls is `affaldsbot import calls FILE.csv` (docs/commands.md): it backfills
// call history as closed enquiries, posting nothing to Slack. Bad rows are
// reported on stderr by line number and skipped; exit 1 when there were any.
func runImportCalls(ctx context.Context, db *storage.DB, svc *handlers.Service, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] == "" {
		fmt.Fprintln(stderr, "usage: affaldsbot import calls FILE.csv")
		return 2
	}
	f, err := os.Open(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "import calls: %v\n", err)
		return 1
	}
	defer f.Close()
	if svc.DB == nil {
		svc.DB = db
	}
	sum, err := svc.ImportCalls(ctx, f, func(line int, err error) {
		fmt.Fprintf(stderr, "%s:%d: %v\n", args[0], line, err)
	})
	fmt.Fprintln(stdout, sum)
	if err != nil {
		fmt.Fprintf(stderr, "import calls: %s: %v\n", args[0], err)
		return 1
	}
	if sum.Bad > 0 {
		return 1
	}
	return 0
}
