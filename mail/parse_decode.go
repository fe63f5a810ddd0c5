package mail

import (
	"bytes"
	"strings"
)

// decoded is a part's body with its transfer encoding undone.
type decoded struct {
	data    []byte
	damaged int  // input characters that could not be decoded and were skipped
	unknown bool // the transfer encoding is unknown: data is the raw body
}

// transferName names a part's Content-Transfer-Encoding the way it was
// meant: "7-bit", "Quoted-Printable;", `"base64"` and "x-uue" are all seen
// in the wild.
func transferName(v string) string {
	v, _, _ = strings.Cut(strings.ToLower(v), ";")
	v = strings.Trim(strings.TrimSpace(v), `"'`)
	switch strings.ReplaceAll(strings.ReplaceAll(v, "-", ""), " ", "") {
	case "", "7bit", "8bit", "binary", "7bits", "8bits", "plain", "none":
		return "identity"
	case "quotedprintable", "qp":
		return "quoted-printable"
	case "base64", "xbase64":
		return "base64"
	case "uuencode", "xuuencode", "xuue", "uue":
		return "uuencode"
	}
	return v
}

// decodeTransfer undoes a transfer encoding leniently: what cannot be
// decoded is skipped and counted, never a reason to lose the rest.
func decodeTransfer(enc string, body []byte) decoded {
	switch transferName(enc) {
	case "identity":
		return decoded{data: body}
	case "quoted-printable":
		return decoded{data: decodeQP(body)}
	case "base64":
		data, bad := decodeBase64(body)
		return decoded{data: data, damaged: bad}
	case "uuencode":
		data, bad := decodeUU(body)
		return decoded{data: data, damaged: bad}
	}
	return decoded{data: body, unknown: true}
}

// decodeQP decodes quoted-printable as mail readers do: "=XX" is a byte,
// "=" at the end of a line joins it to the next, and any other "=" stays.
func decodeQP(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		if n := softBreak(b[i+1:]); n >= 0 {
			i += n
			continue
		}
		if i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]) {
			out = append(out, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 2
			continue
		}
		out = append(out, c)
	}
	return out
}

// softBreak is the length of the blanks and line end after a soft line
// break's "=", or -1 when there is none.
func softBreak(b []byte) int {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	switch {
	case i == len(b):
		return i
	case b[i] == '\n':
		return i + 1
	case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
		return i + 2
	case b[i] == '\r':
		return i + 1
	}
	return -1
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var base64Value = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := range len(base64Alphabet) {
		t[base64Alphabet[i]] = int8(i)
	}
	t['-'], t['_'] = 62, 63 // the URL-safe alphabet, sent by some web forms
	return t
}()

// decodeBase64 decodes base64 leniently: blanks and line ends are ignored,
// other characters outside the alphabet are skipped and counted, missing
// padding is tolerated, and decoding stops at the padding that ends the data
// (text after it, such as a list footer, is not data).
func decodeBase64(b []byte) (data []byte, bad int) {
	data = make([]byte, 0, len(b)*3/4)
	var acc uint32
	n := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '=' {
			return finishBase64(data, acc, n), bad + strayAfterPadding(b[i:])
		}
		v := base64Value[c]
		if v < 0 {
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				bad++
			}
			continue
		}
		acc, n = acc<<6|uint32(v), n+1
		if n == 4 {
			data = append(data, byte(acc>>16), byte(acc>>8), byte(acc))
			acc, n = 0, 0
		}
	}
	if n == 1 {
		bad++
	}
	return finishBase64(data, acc, n), bad
}

func finishBase64(data []byte, acc uint32, n int) []byte {
	switch n {
	case 2:
		return append(data, byte(acc>>4))
	case 3:
		return append(data, byte(acc>>10), byte(acc>>2))
	}
	return data
}

// strayAfterPadding counts what follows the end of base64 data on the
// same line as its padding; later lines are left alone.
func strayAfterPadding(b []byte) int {
	line := trimEOL(firstLine(b))
	return len(bytes.Trim(line, "= \t"))
}

// decodeUU decodes uuencoded data ("begin 644 name" … "end"); lines that are
// not uuencoded are skipped and counted.
func decodeUU(b []byte) (data []byte, bad int) {
	inside := false
	for len(b) > 0 {
		line := firstLine(b)
		b = b[len(line):]
		text := trimEOL(line)
		switch {
		case !inside:
			inside = bytes.HasPrefix(text, []byte("begin "))
		case bytes.Equal(bytes.TrimSpace(text), []byte("end")):
			return data, bad
		default:
			var ok bool
			if data, ok = uuLine(data, text); !ok {
				bad++
			}
		}
	}
	return data, bad
}

func uuLine(data, text []byte) ([]byte, bool) {
	if len(text) == 0 {
		return data, true
	}
	n := int((text[0] - ' ') & 0x3f)
	chars := text[1:]
	for i := 0; n > 0; i += 4 {
		var g [4]byte
		for j := range 4 {
			if i+j < len(chars) {
				g[j] = (chars[i+j] - ' ') & 0x3f
			}
		}
		for k, v := range []byte{g[0]<<2 | g[1]>>4, g[1]<<4 | g[2]>>2, g[2]<<6 | g[3]} {
			if k < n {
				data = append(data, v)
			}
		}
		n -= 3
		if i >= len(chars) {
			return data, false
		}
	}
	return data, true
}
