package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/internal/gosrc"
)

// The bot asks the handlers, never the storage: it names storage's types
// (what the handlers return) but reaches no database and calls no storage
// function.
func TestBotCallsNoStorage(t *testing.T) {
	fset, files, err := gosrc.Parse(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for _, reach := range storageReaches(f) {
			t.Errorf("%s: %s", fset.Position(reach.Pos()), reach.what)
		}
	}
}

type reach struct {
	ast.Node
	what string
}

// storageReaches are the selections of a DB field and the calls of a
// storage function in f.
func storageReaches(f *ast.File) []reach {
	pkg := ""
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "github.com/affaldsbot/affaldsbot/storage" {
			pkg = "storage"
			if imp.Name != nil {
				pkg = imp.Name.Name
			}
		}
	}
	var out []reach
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if n.Sel.Name == "DB" {
				out = append(out, reach{n, "selects the database (.DB)"})
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && pkg != "" && id.Name == pkg {
					out = append(out, reach{n, "calls storage." + sel.Sel.Name})
				}
			}
		}
		return true
	})
	return out
}

// The check finds a reach into the database and a call of storage.
func TestStorageReachesAreFound(t *testing.T) {
	src := `package bot
import st "github.com/affaldsbot/affaldsbot/storage"
func f(r *Receiver) { r.h.DB.GetEnquiry(nil, 1); st.Open(nil, ""); var _ st.Callback }`
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range storageReaches(f) {
		got = append(got, r.what)
	}
	if want := "selects the database (.DB)|calls storage.Open"; strings.Join(got, "|") != want {
		t.Errorf("found %q, want %q", got, want)
	}
}
