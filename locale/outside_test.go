package locale_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/locale"
)

// textPackages are the packages whose output people read: advisers in Slack
// and in the terminal, citizens in mails and on the rating page, the team
// lead in statistics and insights. Paths are from the repository root.
// Not scanned: config (the settings' descriptions, for operators), mail and
// storage (they parse and store, and say nothing to people).
var textPackages = []string{".", "handlers", "bot", "internal/terminal", "stats", "csat", "insights", "answers", "teams", "httpapi",
	"workcal", "cmd/affaldsbot"}

// prose is what a string literal holding words for people looks like: a
// Danish letter, or two words of two letters or more separated by white
// space, once fmt verbs are taken out. A single word ("Slip", "Retry") is not
// found by this rule; single-word labels live in the same tables as the
// sentences, so they moved with them.
var (
	proseWords  = regexp.MustCompile(`\pL{2,}\s+\pL{2,}`)
	danishChars = regexp.MustCompile(`[æøåÆØÅ]`)
	fmtVerb     = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)
	sqlStart    = regexp.MustCompile(`(?i)^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE)\s`)
)

func isProse(s string) bool {
	s = fmtVerb.ReplaceAllString(s, " ")
	return !sqlStart.MatchString(s) && (danishChars.MatchString(s) || proseWords.MatchString(s))
}

// notShown are the calls whose string arguments no person reads as the bot's
// words: log records (slog and its methods, and the packages' own log helpers
// logWarn, logError and later, whose first argument names the work in the
// log), errors for the log (fmt.Errorf and errors.New: a surface shows an
// error only through its catalogue key, affaldsbot.ErrorText, and
// "internal_error" for anything else), audit-log details (Audit), HTTP
// status texts (http.Error), panics, and patterns that read input (regexp).
func notShown(call *ast.CallExpr) bool {
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		return fn.Name == "panic"
	case *ast.SelectorExpr:
		pkg, _ := fn.X.(*ast.Ident)
		switch {
		case pkg != nil && pkg.Name == "slog", pkg != nil && pkg.Name == "regexp":
			return true
		case pkg != nil && pkg.Name == "fmt" && fn.Sel.Name == "Errorf", pkg != nil && pkg.Name == "errors" && fn.Sel.Name == "New",
			pkg != nil && pkg.Name == "http" && fn.Sel.Name == "Error":
			return true
		}
		switch fn.Sel.Name {
		case "Debug", "Info", "Warn", "DebugContext", "InfoContext", "WarnContext", "ErrorContext", "LogAttrs", "Log",
			"logWarn", "logError", "later", "Audit":
			return true
		}
	}
	return false
}

// allowed are the places where prose stays outside the catalogue, each with
// its reason. A key is "path" (the whole file) or "path:Decl" (one top-level
// function, method, variable or constant). An entry that no longer matches
// anything fails the test, so the list only shrinks.
var allowed = map[string]string{
	// What people write, read by the bot (never shown as its words).
	"topic_rules.go":                     "words that classify a citizen's mail",
	"handlers/answers.go:englishWords":   "common Danish and English words that tell the citizen's language",
	"handlers/forward.go:destinationKey": "letters transliterated in a destination's key",
	"handlers/queries.go:Command":        "the Danish command words of /affald",
	"internal/terminal/commands.go":      "the Danish command words of the terminal",
	"insights/tokens.go":                 "greeting and filler words left out of question clusters",
	"answers/fill.go":                    "the placeholders a standard answer may use ({rådgiver}), written by the team",
	"workcal/parse.go:relativePeriods":   "the period words the statistics command reads, in both languages",
	// For other programs and the operator, in English by contract.
	"handlers/calls.go":                         "the calls webhook's field errors, part of its JSON contract (docs/calls-webhook.md)",
	"handlers/calls_batch_store.go":             "the calls webhook's field errors, part of its JSON contract (docs/calls-webhook.md)",
	"handlers/calls_import.go":                  "the call-import command's report and row errors on the operator's command line",
	"handlers/gdpr.go":                          "the erase command's flag errors on the operator's command line",
	"handlers/history.go":                       "the sent-mail import's error on the operator's command line",
	"handlers/draft_job.go":                     "a wiring error (no surface for drafts), logged",
	"handlers/draft_sources.go":                 "the model's time-out, logged and kept as the draft's error detail",
	"httpapi":                                   "the HTTP API's JSON errors, read by the calling system (docs/http.md)",
	"teams":                                     "Bot Framework protocol errors and headers (logged or sent to Microsoft), hints for the operator's TEAMS_* settings",
	"csat/token.go":                             "HMAC domain separation strings, never shown",
	"errors.go":                                 "the English error strings of the HTTP API and the log (Error, ErrorMessage, RetryLater)",
	"internal/terminal/input.go":                "the log text of a cut line (the terminal shows term_cut)",
	"handlers/gdpr_slack.go:recordSlackErasure": "an audit-log detail, stored for the audit log (like every Audit detail)",
	"cmd/affaldsbot/app.go:openChat":            operatorCLI,
	"cmd/affaldsbot/demo.go:parseDemoFlags":     operatorCLI,
	"cmd/affaldsbot/demo_world.go":              "the demo's sample data (forwarding destinations), as a municipality would write it",
	"cmd/affaldsbot/commands.go":                operatorCLI,
	"cmd/affaldsbot/gdpr.go":                    operatorCLI,
	"cmd/affaldsbot/guidance.go":                operatorCLI,
	"cmd/affaldsbot/guidance_gaps.go":           operatorCLI,
	"cmd/affaldsbot/import_calls.go":            operatorCLI,
	"cmd/affaldsbot/import_mail.go":             operatorCLI,
	"cmd/affaldsbot/import_progress.go":         operatorCLI,
	"cmd/affaldsbot/insights.go":                operatorCLI,
	"cmd/affaldsbot/migrate.go":                 operatorCLI,
	"cmd/affaldsbot/offline.go":                 operatorCLI,
	"cmd/affaldsbot/parts.go":                   operatorCLI,
	"cmd/affaldsbot/routes.go":                  operatorCLI,
	"cmd/affaldsbot/run.go":                     operatorCLI,
	"cmd/affaldsbot/teams_manifest.go":          operatorCLI,
	"cmd/affaldsbot/stats.go":                   operatorCLI,
	// Stored reasons shown as they are: not yet keyed.
	"handlers/intake.go:storeMail": "the stored reason of an ignored mail from our own address, shown in the thread as stored",
	"bot/erase.go:eraseFailed":     "the stored reason of a Slack erasure that failed, shown on the home tab as stored",
}

// operatorCLI is the reason of the command line's files: usage, flag help,
// the start-up report and command output for the operator, in English
// (docs/commands.md). The demo's own words are in the catalogue.
const operatorCLI = "the operator's command line, in English (docs/commands.md)"

type literal struct {
	where, decl, text string
}

func TestNoTextOutsideTheCatalogue(t *testing.T) {
	used := map[string]bool{}
	for _, lit := range proseLiterals(t) {
		key := allowedBy(lit)
		if key == "" {
			t.Errorf("%s (in %s): %q is text for people outside the catalogue: add a key to locale/translations", lit.where, lit.decl, lit.text)
			continue
		}
		used[key] = true
	}
	for key := range allowed {
		if !used[key] {
			t.Errorf("allowed[%q] matches no text any more: remove it", key)
		}
	}
}

func allowedBy(lit literal) string {
	file := strings.SplitN(lit.where, ":", 2)[0]
	for _, key := range []string{file + ":" + lit.decl, file, filepath.Dir(file)} {
		if _, ok := allowed[key]; ok {
			return key
		}
	}
	return ""
}

// proseLiterals returns every prose literal of the text packages' non-test
// files that is not an argument of a call in notShown.
func proseLiterals(t *testing.T) []literal {
	t.Helper()
	var out []literal
	for _, dir := range textPackages {
		files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("package %s: %v (no files)", dir, err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			out = append(out, fileLiterals(t, path)...)
		}
	}
	return out
}

func fileLiterals(t *testing.T, path string) []literal {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel("..", path)
	var out []literal
	for _, d := range f.Decls {
		name := declName(d)
		ast.Inspect(d, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				return !notShown(x)
			case *ast.Field: // struct tags
				return false
			case *ast.BasicLit:
				if s, err := strconv.Unquote(x.Value); err == nil && x.Kind == token.STRING && isProse(s) {
					pos := fset.Position(x.Pos())
					out = append(out, literal{where: rel + ":" + strconv.Itoa(pos.Line), decl: name, text: s})
				}
			}
			return true
		})
	}
	return out
}

func declName(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Name.Name
	case *ast.GenDecl:
		for _, s := range d.Specs {
			if v, ok := s.(*ast.ValueSpec); ok {
				return v.Names[0].Name
			}
		}
	}
	return ""
}

// keyUses are the calls that name a catalogue key: the function or method
// name, which argument is the key, and the prefix the call puts before it.
var keyUses = map[string]struct {
	arg    int
	prefix string
	begins bool // the argument is the beginning of keys
}{
	"Labels": {arg: 1, begins: true},
	"Printf": {arg: 0}, "Template": {arg: 0}, "Lookup": {arg: 0}, "T": {arg: 0}, "Text": {arg: 1},
	"NewError": {arg: 0}, "filingText": {arg: 1, prefix: "filing_"}, "draftWord": {arg: 1, prefix: "letter_"},
	"t": {arg: 0, prefix: "term_"}, // the terminal's Chat.t
}

// TestEveryKeyUsedIsInTheCatalogue: a key written in the code as a literal
// is in the catalogue; a key built from a literal prefix names at least one.
func TestEveryKeyUsedIsInTheCatalogue(t *testing.T) {
	keys := locale.Keys()
	has := func(k string) bool { i := sort.SearchStrings(keys, k); return i < len(keys) && keys[i] == k }
	hasPrefix := func(p string) bool {
		i := sort.SearchStrings(keys, p)
		return i < len(keys) && strings.HasPrefix(keys[i], p)
	}
	checked := 0
	for _, dir := range textPackages {
		files, _ := filepath.Glob(filepath.Join("..", dir, "*.go"))
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				name, pkg := calleeName(call)
				use, ok := keyUses[name]
				if !ok || pkg == "fmt" || (name == "t" && dir != "internal/terminal") {
					return true
				}
				arg := use.arg
				if pkg == "affaldsbot" || (pkg == "" && name == "NewError" && dir == ".") {
					arg = 1 // affaldsbot.NewError(code, key, …)
				}
				if arg >= len(call.Args) {
					return true
				}
				where := fset.Position(call.Pos()).String()
				switch k := call.Args[arg].(type) {
				case *ast.BasicLit:
					s, _ := strconv.Unquote(k.Value)
					checked++
					if use.begins && !hasPrefix(s) {
						t.Errorf("%s: no key begins with %q", where, s)
					} else if !use.begins && !has(use.prefix+s) {
						t.Errorf("%s: key %q is not in the catalogue", where, use.prefix+s)
					}
				case *ast.BinaryExpr:
					if lit, ok := k.X.(*ast.BasicLit); ok && k.Op == token.ADD {
						s, _ := strconv.Unquote(lit.Value)
						checked++
						if !hasPrefix(use.prefix + s) {
							t.Errorf("%s: no key begins with %q", where, use.prefix+s)
						}
					}
				}
				return true
			})
		}
	}
	if checked < 100 {
		t.Errorf("only %d uses of keys found: the scan misses the code's calls", checked)
	}
}

// calleeName is the called function's or method's name and, for pkg.F, the
// package's name.
func calleeName(call *ast.CallExpr) (name, pkg string) {
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		return fn.Name, ""
	case *ast.SelectorExpr:
		if id, ok := fn.X.(*ast.Ident); ok {
			pkg = id.Name
		}
		return fn.Sel.Name, pkg
	}
	return "", ""
}
