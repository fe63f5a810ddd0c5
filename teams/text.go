package teams

import "unicode/utf8"

// The Bot Connector refuses an activity over 40 KB counted as UTF-16 and an
// Adaptive Card over 28 KB of JSON (internal/teamstest/limits.go names the
// sources). Every text the surface posts is a card of plain text runs, so a
// text is cut into pieces whose JSON, escapes included, stays under
// MaxPieceBytes: a card of one piece and its labels is well under both limits
// (JSON bytes in UTF-8 are never fewer than its UTF-16 code units).
const MaxPieceBytes = 16 * 1024

// SplitText cuts text into pieces of at most max bytes of JSON each, at the
// last line break (else space) in the second half of a piece where there is
// one, never inside a character. Empty text is one empty piece.
func SplitText(text string, max int) []string {
	var out []string
	for text != "" {
		cut, cost, lastBreak := 0, 0, -1
		for i, r := range text {
			c := jsonCost(r)
			if cost+c > max {
				break
			}
			cost += c
			cut = i + utf8.RuneLen(r)
			if (r == '\n' || r == ' ') && cost > max/2 {
				lastBreak = cut
			}
		}
		if cut == len(text) {
			out = append(out, text)
			break
		}
		if lastBreak > 0 {
			cut = lastBreak
		}
		if cut == 0 { // max smaller than one character's escape
			_, cut = utf8.DecodeRuneInString(text)
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	if len(out) == 0 {
		return []string{""}
	}
	return out
}

// jsonCost is the bytes encoding/json writes for r inside a string: the
// escapes of quotes, backslashes, control characters, <, >, & and the line
// and paragraph separators included.
func jsonCost(r rune) int {
	switch {
	case r == '"' || r == '\\' || r == '\n' || r == '\r' || r == '\t':
		return 2
	case r < 0x20 || r == '<' || r == '>' || r == '&' || r == '\u2028' || r == '\u2029':
		return 6
	case r == utf8.RuneError:
		return 6 // invalid UTF-8 becomes \ufffd
	}
	return utf8.RuneLen(r)
}
