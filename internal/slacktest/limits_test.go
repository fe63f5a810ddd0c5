package slacktest_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/affaldsbot/affaldsbot/internal/slacktest"
)

type obj = map[string]any

func a(n int) string { return strings.Repeat("a", n) }

func plainText(s string) obj  { return obj{"type": "plain_text", "text": s} }
func mrkdwnText(s string) obj { return obj{"type": "mrkdwn", "text": s} }

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func message(blocks ...obj) url.Values {
	return url.Values{"channel": {channel}, "text": {"fallback"}, "blocks": {mustJSON(blocks)}}
}

// modal is a modal view with the blocks; extra sets or replaces its fields.
func modal(extra obj, blocks ...obj) url.Values {
	v := obj{"type": "modal", "title": plainText("Svar"), "submit": plainText("Send"), "blocks": blocks}
	for k, x := range extra {
		v[k] = x
	}
	return url.Values{"trigger_id": {"trig"}, "view": {mustJSON(v)}}
}

func home(extra obj, blocks ...obj) url.Values {
	v := obj{"type": "home", "blocks": blocks}
	for k, x := range extra {
		v[k] = x
	}
	return url.Values{"user_id": {"U0000ADV1"}, "view": {mustJSON(v)}}
}

func mdSection(text string) obj { return obj{"type": "section", "text": mrkdwnText(text)} }
func divider() obj              { return obj{"type": "divider"} }
func jsonButton(extra obj) obj {
	b := obj{"type": "button", "action_id": "go", "text": plainText("Gå"), "value": "1"}
	for k, x := range extra {
		b[k] = x
	}
	return b
}
func actions(elems ...obj) obj { return obj{"type": "actions", "elements": elems} }
func input(element obj, extra obj) obj {
	b := obj{"type": "input", "block_id": "in", "label": plainText("Svar"), "element": element}
	for k, x := range extra {
		b[k] = x
	}
	return b
}
func textInput(extra obj) obj {
	e := obj{"type": "plain_text_input", "action_id": "body"}
	for k, x := range extra {
		e[k] = x
	}
	return e
}
func options(n, textLen, valueLen int) []obj {
	var out []obj
	for i := range n {
		v := fmt.Sprintf("%0*d", max(valueLen, 1), i)
		out = append(out, obj{"text": plainText(a(max(textLen, 0))), "value": v[:valueLen]})
	}
	return out
}
func selectOf(opts []obj) obj {
	return obj{"type": "static_select", "action_id": "topic", "options": opts}
}
func repeatBlocks(n int, b func(i int) obj) []obj {
	var out []obj
	for i := range n {
		out = append(out, b(i))
	}
	return out
}

// limitCase builds a call that carries n of what the limit counts.
type limitCase struct {
	method string
	build  func(n int) url.Values
}

// limitCases has one case for every limit of the table.
var limitCases = map[string]limitCase{
	"message.blocks": {"chat.postMessage", func(n int) url.Values {
		return message(repeatBlocks(n, func(int) obj { return divider() })...)
	}},
	"message.block_text": {"chat.postMessage", func(n int) url.Values {
		return message(repeatBlocks((n+2999)/3000, func(i int) obj { return mdSection(a(min(3000, n-i*3000))) })...)
	}},
	"message.text": {"chat.postMessage", func(n int) url.Values { return url.Values{"channel": {channel}, "text": {a(n)}} }},
	"update.text":  {"chat.update", func(n int) url.Values { return url.Values{"channel": {channel}, "text": {a(n)}} }},
	"modal.blocks": {"views.open", func(n int) url.Values {
		return modal(nil, repeatBlocks(n, func(int) obj { return divider() })...)
	}},
	"modal.title":            {"views.open", func(n int) url.Values { return modal(obj{"title": plainText(a(n))}, divider()) }},
	"modal.submit":           {"views.open", func(n int) url.Values { return modal(obj{"submit": plainText(a(n))}, divider()) }},
	"modal.close":            {"views.open", func(n int) url.Values { return modal(obj{"close": plainText(a(n))}, divider()) }},
	"modal.private_metadata": {"views.open", func(n int) url.Values { return modal(obj{"private_metadata": a(n)}, divider()) }},
	"modal.callback_id":      {"views.open", func(n int) url.Values { return modal(obj{"callback_id": a(n)}, divider()) }},
	"home.blocks": {"views.publish", func(n int) url.Values {
		return home(nil, repeatBlocks(n, func(int) obj { return divider() })...)
	}},
	"home.private_metadata": {"views.publish", func(n int) url.Values { return home(obj{"private_metadata": a(n)}, divider()) }},
	"home.callback_id":      {"views.publish", func(n int) url.Values { return home(obj{"callback_id": a(n)}, divider()) }},
	"block_id": {"chat.postMessage", func(n int) url.Values {
		return message(obj{"type": "divider", "block_id": a(n)})
	}},
	"action_id": {"chat.postMessage", func(n int) url.Values { return message(actions(jsonButton(obj{"action_id": a(n)}))) }},
	"text": {"chat.postMessage", func(n int) url.Values {
		return message(obj{"type": "context", "elements": []obj{mrkdwnText(a(n))}})
	}},
	"section.text": {"chat.postMessage", func(n int) url.Values { return message(mdSection(a(n))) }},
	"section.fields": {"chat.postMessage", func(n int) url.Values {
		return message(obj{"type": "section", "fields": repeatBlocks(n, func(int) obj { return mrkdwnText("x") })})
	}},
	"section.field": {"chat.postMessage", func(n int) url.Values {
		return message(obj{"type": "section", "fields": []obj{mrkdwnText(a(n))}})
	}},
	"header.text": {"chat.postMessage", func(n int) url.Values {
		return message(obj{"type": "header", "text": plainText(a(n))})
	}},
	"context.elements": {"chat.postMessage", func(n int) url.Values {
		return message(obj{"type": "context", "elements": repeatBlocks(n, func(int) obj { return mrkdwnText("x") })})
	}},
	"actions.elements": {"chat.postMessage", func(n int) url.Values {
		return message(actions(repeatBlocks(n, func(i int) obj { return jsonButton(obj{"action_id": fmt.Sprint("b", i)}) })...))
	}},
	"input.label": {"views.open", func(n int) url.Values {
		return modal(nil, input(textInput(nil), obj{"label": plainText(a(n))}))
	}},
	"input.hint": {"views.open", func(n int) url.Values {
		return modal(nil, input(textInput(nil), obj{"hint": plainText(a(n))}))
	}},
	"image.alt_text": {"chat.postMessage", func(n int) url.Values {
		return message(obj{"type": "image", "image_url": "https://kk.dk/a.png", "alt_text": a(n)})
	}},
	"image.image_url": {"chat.postMessage", func(n int) url.Values {
		return message(obj{"type": "image", "image_url": a(n), "alt_text": "foto"})
	}},
	"markdown.text": {"chat.postMessage", func(n int) url.Values {
		return message(obj{"type": "markdown", "text": a(n)})
	}},
	"button.text":                {"chat.postMessage", func(n int) url.Values { return message(actions(jsonButton(obj{"text": plainText(a(n))}))) }},
	"button.value":               {"chat.postMessage", func(n int) url.Values { return message(actions(jsonButton(obj{"value": a(n)}))) }},
	"button.url":                 {"chat.postMessage", func(n int) url.Values { return message(actions(jsonButton(obj{"url": a(n)}))) }},
	"button.accessibility_label": {"chat.postMessage", func(n int) url.Values { return message(actions(jsonButton(obj{"accessibility_label": a(n)}))) }},
	"placeholder": {"views.open", func(n int) url.Values {
		return modal(nil, input(textInput(obj{"placeholder": plainText(a(n))}), nil))
	}},
	"plain_text_input.max_length": {"views.open", func(n int) url.Values {
		return modal(nil, input(textInput(obj{"max_length": n}), nil))
	}},
	"plain_text_input.min_length": {"views.open", func(n int) url.Values {
		return modal(nil, input(textInput(obj{"min_length": n}), nil))
	}},
	"plain_text_input.initial_value": {"views.open", func(n int) url.Values {
		return modal(nil, input(textInput(obj{"initial_value": a(n), "multiline": true}), nil))
	}},
	"number_input.value": {"views.open", func(n int) url.Values {
		return modal(nil, input(obj{"type": "number_input", "action_id": "m", "is_decimal_allowed": false, "initial_value": strings.Repeat("1", n)}, nil))
	}},
	"email_text_input.initial_value": {"views.open", func(n int) url.Values {
		return modal(nil, input(obj{"type": "email_text_input", "action_id": "e", "initial_value": a(n)}, nil))
	}},
	"static_select.options": {"views.open", func(n int) url.Values {
		return modal(nil, input(selectOf(options(n, 5, 3)), nil))
	}},
	"radio_buttons.options": {"views.open", func(n int) url.Values {
		return modal(nil, input(obj{"type": "radio_buttons", "action_id": "r", "options": options(n, 5, 3)}, nil))
	}},
	"datetimepicker.initial_date_time": {"views.open", func(n int) url.Values { // n digits: 1 followed by zeros
		return modal(nil, input(obj{"type": "datetimepicker", "action_id": "d", "initial_date_time": math.Pow10(n - 1)}, nil))
	}},
	"option.text": {"views.open", func(n int) url.Values {
		return modal(nil, input(selectOf(options(1, n, 3)), nil))
	}},
	"option.value": {"views.open", func(n int) url.Values {
		return modal(nil, input(selectOf(options(1, 5, n)), nil))
	}},
	"option.description": {"views.open", func(n int) url.Values {
		o := options(1, 5, 3)
		o[0]["description"] = plainText(a(n))
		return modal(nil, input(selectOf(o), nil))
	}},
}

// TestEveryLimitIsEnforced goes up to each limit of the table, which the
// server accepts, and one past it (and one short of a minimum), which it
// refuses as Slack does.
func TestEveryLimitIsEnforced(t *testing.T) {
	srv, _ := start(t, slacktest.Options{PostsPerSecond: -1})
	for _, l := range slacktest.Limits {
		t.Run(l.Name, func(t *testing.T) {
			c, ok := limitCases[l.Name]
			if !ok {
				t.Fatalf("no case for limit %s", l)
			}
			if body := call(t, srv, c, l.Max); body["ok"] != true {
				t.Errorf("%d refused: %v", l.Max, body)
			}
			if body := call(t, srv, c, l.Max+1); body["ok"] != false {
				t.Errorf("%d accepted", l.Max+1)
			}
			if l.Min > 0 {
				if body := call(t, srv, c, l.Min-1); body["ok"] != false {
					t.Errorf("%d accepted", l.Min-1)
				}
			}
		})
	}
	for name := range limitCases {
		if !hasLimit(name) {
			t.Errorf("case %s tests no limit of the table", name)
		}
	}
}

func hasLimit(name string) bool {
	for _, l := range slacktest.Limits {
		if l.Name == name {
			return true
		}
	}
	return false
}

// call makes the case's call with n; chat.update edits a message posted first.
func call(t *testing.T, srv *slacktest.Server, c limitCase, n int) map[string]any {
	t.Helper()
	v := c.build(n)
	if c.method == "chat.update" {
		posted := rawCall(t, srv, "chat.postMessage", url.Values{"channel": {channel}, "text": {"x"}})
		v.Set("ts", posted["ts"].(string))
	}
	return rawCall(t, srv, c.method, v)
}

// TestRulesBeyondLengths: what Slack's reference forbids besides lengths.
func TestRulesBeyondLengths(t *testing.T) {
	srv, _ := start(t, slacktest.Options{PostsPerSecond: -1})
	tests := []struct {
		name   string
		method string
		v      url.Values
		want   string
	}{
		{"unknown field", "chat.postMessage", message(obj{"type": "divider", "colour": "red"}), "invalid_blocks"},
		{"unknown block", "chat.postMessage", message(obj{"type": "carousel"}), "invalid_blocks"},
		{"emoji on mrkdwn", "chat.postMessage", message(obj{"type": "section", "text": obj{"type": "mrkdwn", "text": "x", "emoji": true}}), "invalid_blocks"},
		{"input in a message", "chat.postMessage", message(input(textInput(nil), nil)), "invalid_blocks"},
		{"duplicate block_id", "chat.postMessage", message(obj{"type": "divider", "block_id": "d"}, obj{"type": "divider", "block_id": "d"}), "invalid_blocks"},
		{"duplicate action_id", "chat.postMessage", message(actions(jsonButton(nil), jsonButton(nil))), "invalid_blocks"},
		{"button style", "chat.postMessage", message(actions(jsonButton(obj{"style": "green"}))), "invalid_blocks"},
		{"mrkdwn header", "chat.postMessage", message(obj{"type": "header", "text": mrkdwnText("x")}), "invalid_blocks"},
		{"modal without title", "views.open", modal(obj{"title": nil}, divider()), "invalid_arguments"},
		{"input without submit", "views.open", func() url.Values {
			v := obj{"type": "modal", "title": plainText("Svar"), "blocks": []obj{input(textInput(nil), nil)}}
			return url.Values{"trigger_id": {"t"}, "view": {mustJSON(v)}}
		}(), "invalid_arguments"},
		{"initial_value past max_length", "views.open", modal(nil, input(textInput(obj{"max_length": 10, "initial_value": a(11)}), nil)), "invalid_arguments"},
		{"min_length past max_length", "views.open", modal(nil, input(textInput(obj{"max_length": 10, "min_length": 11}), nil)), "invalid_arguments"},
		{"number out of range", "views.open", modal(nil, input(obj{"type": "number_input", "action_id": "m", "is_decimal_allowed": false, "min_value": "0", "max_value": "1440", "initial_value": "1441"}, nil)), "invalid_arguments"},
		{"decimal not allowed", "views.open", modal(nil, input(obj{"type": "number_input", "action_id": "m", "is_decimal_allowed": false, "initial_value": "1.5"}, nil)), "invalid_arguments"},
		{"number without is_decimal_allowed", "views.open", modal(nil, input(obj{"type": "number_input", "action_id": "m"}, nil)), "invalid_arguments"},
		{"initial option not offered", "views.open", modal(nil, input(obj{"type": "static_select", "action_id": "t", "options": options(2, 3, 1),
			"initial_option": obj{"text": plainText("x"), "value": "9"}}, nil)), "invalid_arguments"},
		{"radio option not offered", "views.open", modal(nil, input(obj{"type": "radio_buttons", "action_id": "r", "options": options(2, 3, 1),
			"initial_option": obj{"text": plainText("x"), "value": "9"}}, nil)), "invalid_arguments"},
		{"radio without options", "views.open", modal(nil, input(obj{"type": "radio_buttons", "action_id": "r"}, nil)), "invalid_arguments"},
		{"datetime in milliseconds", "views.open", modal(nil, input(obj{"type": "datetimepicker", "action_id": "d", "initial_date_time": 1764748800000}, nil)), "invalid_arguments"},
		{"datetime as text", "views.open", modal(nil, input(obj{"type": "datetimepicker", "action_id": "d", "initial_date_time": "1764748800"}, nil)), "invalid_arguments"},
		{"datetime with a placeholder", "views.open", modal(nil, input(obj{"type": "datetimepicker", "action_id": "d", "placeholder": plainText("x")}, nil)), "invalid_arguments"},
		{"home with a title", "views.publish", home(obj{"title": plainText("Hjem")}, divider()), "invalid_arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rawCall(t, srv, tt.method, tt.v)["error"]; got != tt.want {
				t.Errorf("error = %v, want %s", got, tt.want)
			}
		})
	}
}
