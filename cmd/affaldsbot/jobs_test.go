package main

import (
	"go/ast"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/affaldsbot/affaldsbot/handlers"
	"github.com/affaldsbot/affaldsbot/internal/gosrc"
	"github.com/affaldsbot/affaldsbot/jobs"
)

// Every job the handlers can enqueue has a worker: registerJobs names them
// all, so none waits forever for one.
func TestEveryJobKindIsRegistered(t *testing.T) {
	reg := jobs.NewRegistry()
	registerJobs(reg, &handlers.Service{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if diff := cmp.Diff(handlerJobKinds(t), reg.Kinds()); diff != "" {
		t.Errorf("job kinds (-handlers +registered):\n%s", diff)
	}
}

// handlerJobKinds are the kinds the handlers' job arguments return from
// Kind, sorted.
func handlerJobKinds(t *testing.T) []string {
	t.Helper()
	_, files, err := gosrc.Parse("../../handlers")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Name.Name != "Kind" || len(fn.Body.List) != 1 {
				continue
			}
			if ret, ok := fn.Body.List[0].(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
				if lit, ok := ret.Results[0].(*ast.BasicLit); ok {
					kind, _ := strconv.Unquote(lit.Value)
					out = append(out, kind)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}
