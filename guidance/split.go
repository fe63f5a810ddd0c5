package guidance

// minEnding is the shortest last part matched by the endings of the
// corpus words alone; shorter ones end too many unrelated words.
const minEnding = 4

// splitter decides which tails a split accepts: at index time only words
// the corpus uses, at query time also endings of its compounds.
type splitter func(v *vocabulary, tail string) bool

func strictTail(v *vocabulary, tail string) bool { return v.known(tail) }

func looseTail(v *vocabulary, tail string) bool {
	return v.known(tail) || (len([]rune(tail)) >= minEnding && v.knownEnding(tail))
}

// split divides a compound into known parts, trying each cut point and
// keeping the most balanced one; a tail may itself be split up to depth
// more times. It returns nil when no split into known parts exists.
func (v *vocabulary) split(word string, depth int, ok splitter) []string {
	r := []rune(word)
	if len(r) < 2*minPart || depth <= 0 {
		return nil
	}
	var best []string
	bestMin := 0
	for i := minPart; i <= len(r)-minPart; i++ {
		head, found := v.head(r[:i])
		if !found {
			continue
		}
		tail := v.tail(string(r[i:]), depth, ok)
		if tail == nil {
			continue
		}
		if m := min(i, len(r)-i); m > bestMin {
			best, bestMin = append([]string{head}, tail...), m
		}
	}
	return best
}

// head accepts a known first part, dropping a linking "s" or "e"
// ("malingsspand" gives "maling").
func (v *vocabulary) head(r []rune) (string, bool) {
	if v.known(string(r)) {
		return string(r), true
	}
	last := r[len(r)-1]
	if (last == 's' || last == 'e') && len(r)-1 >= minPart && v.known(string(r[:len(r)-1])) {
		return string(r[:len(r)-1]), true
	}
	return "", false
}

func (v *vocabulary) tail(s string, depth int, ok splitter) []string {
	if ok(v, s) {
		return []string{s}
	}
	return v.split(s, depth-1, ok)
}

// lastPart returns the longest known word of at least minEnding runes that
// ends word, leaving at least two runes in front ("ølflasker" gives
// "flasker"), or "".
func (v *vocabulary) lastPart(word string) string {
	r := []rune(word)
	for i := 2; i <= len(r)-minEnding; i++ {
		if v.known(string(r[i:])) {
			return string(r[i:])
		}
	}
	return ""
}
