package bot

import (
	"strings"
	"unicode/utf8"
)

// Slack's limits, counted in characters (runes), and our own budgets under
// them. Slack refuses a message that breaks one; it does not cut it for us.
const (
	MaxBlocks         = 50    // blocks in one message
	MaxViewBlocks     = 100   // blocks in a modal or App Home view
	MaxSectionText    = 3000  // a section's text
	MaxSectionField   = 2000  // one field of a section
	MaxSectionFields  = 10    // fields in one section
	MaxHeaderText     = 150   // a header's plain text
	MaxContextText    = 2000  // one text element of a context block
	MaxContextItems   = 10    // elements in one context block
	MaxButtonText     = 75    // a button's label
	MaxButtonValue    = 2000  // a button's value
	MaxActionID       = 255   // an action_id or a block_id
	MaxActionElements = 25    // elements in one actions block
	MaxInputChars     = 3000  // a plain_text_input's max_length, so its initial_value too
	MaxModalTitle     = 24    // a modal's title, submit and close texts
	MaxSelectOptions  = 100   // options of a static_select (block-kit/block-elements/select-menu-element)
	MaxOptionText     = 75    // an option's text and value (block-kit/composition-objects/option-object)
	MaxUpdateText     = 4000  // `text` on chat.update
	MaxPostText       = 40000 // `text` on chat.postMessage
	SlackBlockTextCap = 13200 // about where Slack answers msg_blocks_too_long
	BlockTextBudget   = 12000 // our own cap on all block text of one message
	PreviewChars      = 600   // the citizen's text shown on a root message
	FieldChars        = 300   // one citizen-supplied field on a root message
)

// Truncate returns s cut to at most max runes, marker included. It cuts on a
// rune boundary, preferably at a line break or a space near the end, never
// inside an HTML entity such as `&amp;`, and trims the space before the marker.
// When even the marker does not fit, the marker itself is cut.
func Truncate(s string, max int, marker string) string {
	if max <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	room := max - utf8.RuneCountInString(marker)
	if room <= 0 {
		return cutRunes(marker, max)
	}
	head := cutRunes(s, room)
	head = head[:softCut(head, len(head)*4/5)]
	return strings.TrimRight(head, " \t\r\n") + marker
}

// cutRunes returns the first n runes of s, backed off so it does not end
// inside an entity.
func cutRunes(s string, n int) string {
	i, count := 0, 0
	for i < len(s) && count < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	return s[:entitySafe(s, i)]
}

// entitySafe moves cut back to before an entity the cut would split.
func entitySafe(s string, cut int) int {
	amp := strings.LastIndexByte(s[:cut], '&')
	if amp < 0 {
		return cut
	}
	for _, e := range []string{"&amp;", "&lt;", "&gt;"} {
		if strings.HasPrefix(s[amp:], e) && amp+len(e) > cut {
			return amp
		}
	}
	return cut
}

// softCut returns the best place at or after min to end s: after the last
// paragraph break, else line break, else space; len(s) when there is none.
func softCut(s string, min int) int {
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(s, sep); i >= min && i > 0 {
			return i
		}
	}
	return len(s)
}

// Chunks splits s into pieces of at most max runes, cutting at paragraph
// breaks where it can, else at line breaks or spaces, else anywhere on a rune
// boundary outside an entity. Joining the pieces gives back s, apart from the
// whitespace at the cuts.
func Chunks(s string, max int) []string {
	if max <= 0 {
		return nil
	}
	var out []string
	for bound := len(s) + 1; bound > 0 && s != ""; bound-- { // each round takes at least a byte
		if utf8.RuneCountInString(s) <= max {
			return append(out, s)
		}
		head := cutRunes(s, max)
		if head == "" { // an entity longer than max: take runes as they are
			head = s[:len(string([]rune(s)[:max]))]
		}
		head = head[:softCut(head, len(head)/2)]
		if piece := strings.TrimRight(head, " \t\r\n"); piece != "" {
			out = append(out, piece)
		}
		s = strings.TrimLeft(s[len(head):], " \t\r\n")
	}
	return out
}
