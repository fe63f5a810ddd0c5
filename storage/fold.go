package storage

import (
	"database/sql"
	"database/sql/driver"
	"unicode"
	"unicode/utf8"

	"modernc.org/sqlite"
)

// foldFunction is the SQL function that folds a text for search, the same
// on both databases: Go's Fold registered with the SQLite driver, and the
// PostgreSQL function of migration 017, which TestFoldIsTheSameInSQL keeps
// equal to Fold.
const foldFunction = "affald_fold"

// foldLetters maps letters to the form search compares after lower
// case: accents dropped (é → e), the Swedish and German letters to their
// Danish ones (ä → æ, ö → ø, ü → y), as Danish dictionaries sort them.
var foldLetters = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ã': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u',
	'ä': 'æ', 'ö': 'ø', 'ü': 'y', 'ç': 'c', 'ñ': 'n',
}

// Fold is a text as search compares it: lower case, accents folded the
// Danish way, and "aa" as "å" (Aabenraa, Åbenrå). MØLLER and møller fold
// alike; ø and o do not, as they are different letters in Danish. One pass:
// SQLite calls it for every text a search reads.
func Fold(s string) string {
	b := make([]byte, 0, len(s)+2)
	pendingA := false // an 'a' read and not yet written: "aa" is "å"
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		default:
			r = unicode.ToLower(r)
			if f, ok := foldLetters[r]; ok {
				r = f
			}
		}
		switch {
		case r == 'a' && pendingA:
			b, pendingA = utf8.AppendRune(b, 'å'), false
		case r == 'a':
			pendingA = true
		default:
			if pendingA {
				b, pendingA = append(b, 'a'), false
			}
			b = utf8.AppendRune(b, r)
		}
	}
	if pendingA {
		b = append(b, 'a')
	}
	return string(b)
}

// sqliteDriver is the driver registered as "sqlite": the one Fold is
// registered with (a new sqlite.Driver has no functions).
func sqliteDriver() driver.Driver {
	db, err := sql.Open("sqlite", "") // looks the driver up; connects to nothing
	if err != nil {
		panic("the SQLite driver is not registered: " + err.Error())
	}
	return db.Driver()
}

func init() {
	err := sqlite.RegisterDeterministicScalarFunction(foldFunction, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return Fold(v), nil
		case []byte:
			return Fold(string(v)), nil
		}
		return args[0], nil // NULL and numbers as they are
	})
	if err != nil {
		panic("register " + foldFunction + ": " + err.Error())
	}
}
