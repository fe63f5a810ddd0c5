package slacktest

import (
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"
)

// apiError is a Slack error code with the detail Slack puts in "errors".
type apiError struct{ code, detail string }

func (e *apiError) Error() string { return e.code + ": " + e.detail }

func invalid(format string, a ...any) *apiError {
	return &apiError{code: "invalid_blocks", detail: fmt.Sprintf(format, a...)}
}

// ValidateBlocks checks a message's blocks JSON the way chat.postMessage does
// and returns Slack's error code ("invalid_blocks_format", "invalid_blocks",
// "msg_blocks_too_long") with a detail, or "" and "" when Slack would accept it.
func ValidateBlocks(raw string) (code, detail string) {
	if err := checkBlocks(raw, "message.blocks", false, lim("message.block_text").Max); err != nil {
		return err.code, err.detail
	}
	return "", ""
}

// checker walks one surface's blocks: every block, element and composition
// object the bot uses, each against its reference (limits.go). Anything else
// is refused: a field the reference does not name, a type not listed here.
type checker struct {
	inView   bool
	inputs   int // input blocks seen
	text     int // characters of block text, for msg_blocks_too_long
	blockIDs map[string]bool
}

func checkBlocks(raw, blocksLimit string, inView bool, textCap int) *apiError {
	var blocks []any
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		return &apiError{code: "invalid_blocks_format", detail: err.Error()}
	}
	c := &checker{inView: inView, blockIDs: map[string]bool{}}
	return c.blocks(blocks, blocksLimit, textCap)
}

func (c *checker) blocks(blocks []any, blocksLimit string, textCap int) *apiError {
	if err := lim(blocksLimit).check(len(blocks)); err != nil {
		err.detail += " [json-pointer:/blocks]"
		return err
	}
	for i, b := range blocks {
		if err := c.block(b); err != nil {
			err.detail += fmt.Sprintf(" [json-pointer:/blocks/%d]", i)
			return err
		}
	}
	if textCap > 0 && c.text > textCap {
		return &apiError{code: "msg_blocks_too_long", detail: fmt.Sprintf("%d characters of block text", c.text)}
	}
	return nil
}

// blockCheckers check each block type the server knows, after its block_id.
var blockCheckers = map[string]func(c *checker, b map[string]any) *apiError{
	"section":  (*checker).section,
	"header":   (*checker).header,
	"divider":  func(_ *checker, b map[string]any) *apiError { return only(b, "type", "block_id") },
	"context":  (*checker).context,
	"actions":  (*checker).actions,
	"input":    (*checker).input,
	"image":    (*checker).imageBlock,
	"markdown": (*checker).markdown,
}

func (c *checker) block(v any) *apiError {
	b, ok := v.(map[string]any)
	if !ok {
		return invalid("expected an object")
	}
	if err := c.blockID(b); err != nil {
		return err
	}
	t, _ := b["type"].(string)
	check, ok := blockCheckers[t]
	if !ok {
		return invalid("unsupported block type %q", t)
	}
	return check(c, b)
}

func (c *checker) blockID(b map[string]any) *apiError {
	if _, ok := b["block_id"]; !ok {
		return nil
	}
	id, err := str(b, "block_id", "block_id")
	switch {
	case err != nil:
		return err
	case c.blockIDs[id]:
		return invalid("duplicate block_id %q", id)
	}
	c.blockIDs[id] = true
	return nil
}

// only refuses a field the reference does not name for this object.
func only(o map[string]any, allowed ...string) *apiError {
	for k := range o {
		if !slices.Contains(allowed, k) {
			return invalid("invalid additional property: %s", k)
		}
	}
	return nil
}

// str reads o[key] as a string within the limit.
func str(o map[string]any, key, limit string) (string, *apiError) {
	s, ok := o[key].(string)
	if !ok {
		return "", invalid("%s must be a string", key)
	}
	return s, lim(limit).check(utf8.RuneCountInString(s))
}

// optStr checks o[key] when it is there.
func optStr(o map[string]any, key, limit string) *apiError {
	if _, ok := o[key]; !ok {
		return nil
	}
	_, err := str(o, key, limit)
	return err
}

// textObj checks a text object of one of the given types against the text
// object's own limit and limit, and counts its characters.
func (c *checker) textObj(v any, limit string, types ...string) *apiError {
	o, ok := v.(map[string]any)
	if !ok {
		return invalid("expected a text object")
	}
	t, _ := o["type"].(string)
	switch {
	case !slices.Contains(types, t):
		return invalid("text type %q not allowed here", t)
	case t == "plain_text":
		if err := only(o, "type", "text", "emoji"); err != nil {
			return err
		}
	default:
		if err := only(o, "type", "text", "verbatim"); err != nil {
			return err
		}
	}
	text, err := str(o, "text", "text")
	if err == nil {
		err = lim(limit).check(utf8.RuneCountInString(text))
	}
	c.text += utf8.RuneCountInString(text)
	return err
}

// textField checks b[key] as a text object; required says it must be there.
func (c *checker) textField(b map[string]any, key, limit string, required bool, types ...string) *apiError {
	v, ok := b[key]
	if !ok {
		if required {
			return invalid("missing required field: %s", key)
		}
		return nil
	}
	return c.textObj(v, limit, types...)
}

// list reads b[key] as an array within the limit on its items.
func list(b map[string]any, key, limit string) ([]any, *apiError) {
	items, ok := b[key].([]any)
	if !ok {
		return nil, invalid("missing required field: %s", key)
	}
	return items, lim(limit).check(len(items))
}

// integer reads o[key] as a whole number within the limit; ok is false when
// it is not there.
func integer(o map[string]any, key, limit string) (n int, ok bool, err *apiError) {
	v, ok := o[key]
	if !ok {
		return 0, false, nil
	}
	f, isNum := v.(float64)
	if !isNum || f != float64(int(f)) {
		return 0, true, invalid("%s must be a whole number", key)
	}
	return int(f), true, lim(limit).check(int(f))
}

func flag(o map[string]any, key string) *apiError {
	if v, ok := o[key]; ok {
		if _, isBool := v.(bool); !isBool {
			return invalid("%s must be a boolean", key)
		}
	}
	return nil
}
