package slacktest

import "fmt"

// Limit is one of Slack's limits as its reference states it: the fewest and
// the most characters (runes) or items something may have.
type Limit struct {
	Name     string // what is limited: "section.text", "modal.title", …
	Min, Max int
	Source   string // the reference page that states it
}

// Reference pages the limits come from.
const (
	refBlocks       = "https://api.slack.com/reference/block-kit/blocks"
	refSection      = "https://docs.slack.dev/reference/block-kit/blocks/section-block"
	refHeader       = "https://docs.slack.dev/reference/block-kit/blocks/header-block"
	refContext      = "https://docs.slack.dev/reference/block-kit/blocks/context-block"
	refActions      = "https://docs.slack.dev/reference/block-kit/blocks/actions-block"
	refInput        = "https://docs.slack.dev/reference/block-kit/blocks/input-block"
	refImage        = "https://docs.slack.dev/reference/block-kit/blocks/image-block"
	refMarkdown     = "https://docs.slack.dev/reference/block-kit/blocks/markdown-block"
	refText         = "https://docs.slack.dev/reference/block-kit/composition-objects/text-object"
	refOption       = "https://docs.slack.dev/reference/block-kit/composition-objects/option-object"
	refButton       = "https://docs.slack.dev/reference/block-kit/block-elements/button-element"
	refTextInput    = "https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element"
	refNumberInput  = "https://docs.slack.dev/reference/block-kit/block-elements/number-input-element"
	refEmailInput   = "https://docs.slack.dev/reference/block-kit/block-elements/email-input-element"
	refSelect       = "https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element"
	refRadio        = "https://docs.slack.dev/reference/block-kit/block-elements/radio-button-group-element"
	refDateTime     = "https://docs.slack.dev/reference/block-kit/block-elements/datetime-picker-element"
	refModal        = "https://docs.slack.dev/reference/views/modal-views"
	refHome         = "https://docs.slack.dev/reference/views/home-tab-views"
	refPostMessage  = "https://docs.slack.dev/reference/methods/chat.postMessage"
	refUpdate       = "https://docs.slack.dev/reference/methods/chat.update"
	refBlocksTooLng = "https://github.com/slackapi/bolt-js/issues/2509" // Slack's answer, measured; not in the reference
)

// Limits are every limit the server enforces, each written once. Where the
// reference is unclear or two of Slack's pages disagree, the stricter reading
// is taken: the server must refuse whatever Slack may refuse.
var Limits = []Limit{
	// Surfaces.
	{"message.blocks", 0, 50, refBlocks}, // "up to 50 blocks in each message"
	{"message.block_text", 0, 13200, refBlocksTooLng},
	{"message.text", 0, 40000, refPostMessage}, // Slack truncates beyond; here it is refused
	{"update.text", 0, 4000, refUpdate},        // docs/slack.md
	{"modal.blocks", 0, 100, refModal},
	{"modal.title", 1, 24, refModal},
	{"modal.submit", 1, 24, refModal},
	{"modal.close", 1, 24, refModal},
	{"modal.private_metadata", 0, 3000, refModal},
	{"modal.callback_id", 0, 255, refModal},
	{"home.blocks", 0, 100, refHome},
	{"home.private_metadata", 0, 3000, refHome},
	{"home.callback_id", 0, 255, refHome},
	// Blocks. A block_id or action_id that is given must not be empty.
	{"block_id", 1, 255, refBlocks},
	{"action_id", 1, 255, refButton},
	{"text", 1, 3000, refText},
	{"section.text", 1, 3000, refSection},
	{"section.fields", 1, 10, refSection},
	{"section.field", 1, 2000, refSection},
	{"header.text", 1, 150, refHeader},
	{"context.elements", 1, 10, refContext},
	{"actions.elements", 1, 25, refActions},
	{"input.label", 1, 2000, refInput},
	{"input.hint", 1, 2000, refInput},
	{"image.alt_text", 1, 2000, refImage},
	{"image.image_url", 1, 3000, refImage},
	{"markdown.text", 1, 12000, refMarkdown},
	// Elements and composition objects.
	{"button.text", 1, 75, refButton},
	{"button.value", 0, 2000, refButton},
	{"button.url", 1, 3000, refButton},
	{"button.accessibility_label", 1, 75, refButton},
	{"placeholder", 1, 150, refTextInput},
	{"plain_text_input.max_length", 1, 3000, refTextInput},
	{"plain_text_input.min_length", 0, 3000, refTextInput},
	{"plain_text_input.initial_value", 0, 3000, refTextInput}, // and within max_length
	{"number_input.value", 0, 255, refNumberInput},            // unstated; a number is short
	{"email_text_input.initial_value", 0, 255, refEmailInput}, // unstated; an address is short
	{"static_select.options", 1, 100, refSelect},
	{"radio_buttons.options", 1, 10, refRadio},
	{"datetimepicker.initial_date_time", 10, 10, refDateTime}, // digits of the UNIX timestamp
	{"option.text", 1, 75, refOption},
	{"option.value", 1, 75, refOption}, // the reference says 150, Slack's own SDK types 75
	{"option.description", 1, 75, refOption},
}

var limitsByName = func() map[string]Limit {
	m := map[string]Limit{}
	for _, l := range Limits {
		if _, dup := m[l.Name]; dup {
			panic("slacktest: limit " + l.Name + " written twice")
		}
		m[l.Name] = l
	}
	return m
}()

// lim returns the limit of name; an unknown name is a mistake in the server.
func lim(name string) Limit {
	l, ok := limitsByName[name]
	if !ok {
		panic("slacktest: no limit " + name)
	}
	return l
}

// check refuses n outside the limit, naming it.
func (l Limit) check(n int) *apiError {
	if n < l.Min || n > l.Max {
		return invalid("%s must be %d to %d, got %d (%s)", l.Name, l.Min, l.Max, n, l.Source)
	}
	return nil
}

// MaxOf is the most a limit allows, for tests that go up to it.
func MaxOf(name string) int { return lim(name).Max }

func (l Limit) String() string { return fmt.Sprintf("%s %d..%d", l.Name, l.Min, l.Max) }
