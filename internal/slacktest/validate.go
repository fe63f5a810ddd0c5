package slacktest

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Block Kit limits the server enforces, in characters (runes).
const (
	MaxMessageBlocks    = 50
	MaxViewBlocks       = 100
	MaxSectionText      = 3000
	MaxSectionField     = 2000
	MaxSectionFields    = 10
	MaxHeaderText       = 150
	MaxContextText      = 2000
	MaxContextElements  = 10
	MaxActionsElements  = 25
	MaxButtonText       = 75
	MaxButtonValue      = 2000
	MaxButtonURL        = 3000
	MaxID               = 255 // block_id and action_id
	MaxMarkdownBlock    = 12000
	DefaultBlockTextCap = 13200 // total block text before msg_blocks_too_long
	MaxUpdateText       = 4000
	MaxPostText         = 40000
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
	if err := checkBlocks(raw, MaxMessageBlocks, false, DefaultBlockTextCap); err != nil {
		return err.code, err.detail
	}
	return "", ""
}

// checker walks one blocks array, counting text and the IDs it has seen.
type checker struct {
	inView   bool
	text     int
	blockIDs map[string]bool
}

func checkBlocks(raw string, maxBlocks int, inView bool, textCap int) *apiError {
	var blocks []map[string]any
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		return &apiError{code: "invalid_blocks_format", detail: err.Error()}
	}
	if len(blocks) > maxBlocks {
		return invalid("no more than %d items allowed [json-pointer:/blocks]", maxBlocks)
	}
	c := &checker{inView: inView, blockIDs: map[string]bool{}}
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

func (c *checker) block(b map[string]any) *apiError {
	if err := c.blockID(b); err != nil {
		return err
	}
	t, _ := b["type"].(string)
	switch t {
	case "section":
		return c.section(b)
	case "header":
		return c.textField(b, "text", MaxHeaderText, true, "plain_text")
	case "context":
		return c.context(b)
	case "actions":
		return c.actions(b)
	case "divider", "file", "rich_text":
		return nil
	case "image":
		return c.image(b)
	case "markdown":
		return c.markdown(b)
	case "input":
		return c.input(b)
	}
	return invalid("unknown block type %q", t)
}

func (c *checker) blockID(b map[string]any) *apiError {
	raw, ok := b["block_id"]
	if !ok {
		return nil
	}
	id, _ := raw.(string)
	switch {
	case id == "" || utf8.RuneCountInString(id) > MaxID:
		return invalid("block_id must be 1 to %d characters", MaxID)
	case c.blockIDs[id]:
		return invalid("duplicate block_id %q", id)
	}
	c.blockIDs[id] = true
	return nil
}

// textObj checks a text object of one of the given types, at most max runes.
func (c *checker) textObj(v any, max int, types ...string) *apiError {
	o, ok := v.(map[string]any)
	if !ok {
		return invalid("expected a text object")
	}
	t, _ := o["type"].(string)
	text, _ := o["text"].(string)
	n := utf8.RuneCountInString(text)
	switch {
	case !oneOf(t, types...):
		return invalid("text type %q not allowed here", t)
	case n == 0 || n > max:
		return invalid("text must be 1 to %d characters, got %d", max, n)
	case t == "mrkdwn" && o["emoji"] != nil:
		return invalid("emoji is not allowed in mrkdwn text")
	}
	c.text += n
	return nil
}

// textField checks b[key] as a text object; required says it must be there.
func (c *checker) textField(b map[string]any, key string, max int, required bool, types ...string) *apiError {
	v, ok := b[key]
	if !ok {
		if required {
			return invalid("missing required field: %s", key)
		}
		return nil
	}
	if len(types) == 0 {
		types = []string{"plain_text", "mrkdwn"}
	}
	return c.textObj(v, max, types...)
}

func oneOf(s string, set ...string) bool {
	for _, v := range set {
		if s == v {
			return true
		}
	}
	return false
}

// list reads b[key] as an array of 1 to max items.
func list(b map[string]any, key string, max int) ([]any, *apiError) {
	items, ok := b[key].([]any)
	if !ok || len(items) == 0 {
		return nil, invalid("missing required field: %s", key)
	}
	if len(items) > max {
		return nil, invalid("no more than %d items allowed in %s", max, key)
	}
	return items, nil
}
