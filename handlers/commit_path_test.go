package handlers_test

import (
	"go/ast"
	"slices"
	"testing"

	"github.com/affaldsbot/affaldsbot/internal/gosrc"
)

// Every change commits through the service's one commit path, which updates
// the roots it changed; only an import, which posts nothing, commits
// without it.
func TestChangesCommitThroughOnePath(t *testing.T) {
	allowed := []string{"inTx", "HandleMails", "RecordSentReplies"}
	fset, files, err := gosrc.Parse(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for _, fn := range f.Decls {
			d, ok := fn.(*ast.FuncDecl)
			if !ok || slices.Contains(allowed, d.Name.Name) {
				continue
			}
			ast.Inspect(d, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "InTx" {
					if db, ok := sel.X.(*ast.SelectorExpr); ok && db.Sel.Name == "DB" {
						t.Errorf("%s: %s commits with DB.InTx, not the service's inTx", fset.Position(sel.Pos()), d.Name.Name)
					}
				}
				return true
			})
		}
	}
}
