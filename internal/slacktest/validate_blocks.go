package slacktest

import "slices"

func (c *checker) section(b map[string]any) *apiError {
	if err := only(b, "type", "block_id", "text", "fields", "accessory", "expand"); err != nil {
		return err
	}
	_, hasText := b["text"]
	_, hasFields := b["fields"]
	if !hasText && !hasFields {
		return invalid("a section needs text or fields")
	}
	if err := c.textField(b, "text", "section.text", false, "plain_text", "mrkdwn"); err != nil {
		return err
	}
	if hasFields {
		fields, err := list(b, "fields", "section.fields")
		if err != nil {
			return err
		}
		for _, f := range fields {
			if err := c.textObj(f, "section.field", "plain_text", "mrkdwn"); err != nil {
				return err
			}
		}
	}
	if acc, ok := b["accessory"]; ok {
		return c.element(acc, "button", "image", "static_select", "users_select")
	}
	return flag(b, "expand")
}

func (c *checker) header(b map[string]any) *apiError {
	if err := only(b, "type", "block_id", "text"); err != nil {
		return err
	}
	return c.textField(b, "text", "header.text", true, "plain_text")
}

func (c *checker) context(b map[string]any) *apiError {
	if err := only(b, "type", "block_id", "elements"); err != nil {
		return err
	}
	elems, err := list(b, "elements", "context.elements")
	if err != nil {
		return err
	}
	for _, e := range elems {
		if m, _ := e.(map[string]any); m["type"] == "image" {
			err = c.element(e, "image")
		} else {
			err = c.textObj(e, "text", "plain_text", "mrkdwn")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) actions(b map[string]any) *apiError {
	if err := only(b, "type", "block_id", "elements"); err != nil {
		return err
	}
	elems, err := list(b, "elements", "actions.elements")
	if err != nil {
		return err
	}
	actionIDs := map[string]bool{}
	for _, e := range elems {
		m, _ := e.(map[string]any)
		if id, _ := m["action_id"].(string); id != "" && actionIDs[id] {
			return invalid("duplicate action_id %q", id)
		} else if id != "" {
			actionIDs[id] = true
		}
		if err := c.element(e, "button", "static_select", "users_select"); err != nil {
			return err
		}
	}
	return nil
}

// input blocks belong in modals and App Home views, not in messages.
func (c *checker) input(b map[string]any) *apiError {
	if !c.inView {
		return invalid("input blocks are only allowed in views")
	}
	c.inputs++
	if err := only(b, "type", "block_id", "label", "element", "hint", "optional", "dispatch_action"); err != nil {
		return err
	}
	if err := c.textField(b, "label", "input.label", true, "plain_text"); err != nil {
		return err
	}
	if err := c.textField(b, "hint", "input.hint", false, "plain_text"); err != nil {
		return err
	}
	if err := flag(b, "optional"); err != nil {
		return err
	}
	if _, ok := b["element"]; !ok {
		return invalid("missing required field: element")
	}
	return c.element(b["element"], "plain_text_input", "number_input", "email_text_input", "static_select", "users_select",
		"radio_buttons", "datetimepicker")
}

func (c *checker) imageBlock(b map[string]any) *apiError {
	if err := only(b, "type", "block_id", "image_url", "slack_file", "alt_text", "title"); err != nil {
		return err
	}
	if err := c.textField(b, "title", "text", false, "plain_text"); err != nil {
		return err
	}
	return image(b)
}

func (c *checker) markdown(b map[string]any) *apiError {
	if err := only(b, "type", "block_id", "text"); err != nil {
		return err
	}
	text, err := str(b, "text", "markdown.text")
	c.text += len([]rune(text))
	return err
}

// elementCheckers check each element type the server knows, after its
// action_id.
var elementCheckers = map[string]func(c *checker, e map[string]any) *apiError{
	"button":           (*checker).button,
	"image":            func(_ *checker, e map[string]any) *apiError { return imageElement(e) },
	"plain_text_input": (*checker).plainTextInput,
	"number_input":     (*checker).numberInput,
	"email_text_input": (*checker).emailInput,
	"static_select":    (*checker).staticSelect,
	"users_select":     (*checker).usersSelect,
	"radio_buttons":    (*checker).radioButtons,
	"datetimepicker":   (*checker).dateTimePicker,
}

// element checks an element that must be of one of the given types.
func (c *checker) element(v any, types ...string) *apiError {
	e, ok := v.(map[string]any)
	if !ok {
		return invalid("expected an element")
	}
	t, _ := e["type"].(string)
	if !slices.Contains(types, t) {
		return invalid("element type %q not allowed here", t)
	}
	if err := optStr(e, "action_id", "action_id"); err != nil {
		return err
	}
	return elementCheckers[t](c, e)
}

func (c *checker) button(e map[string]any) *apiError {
	if err := only(e, "type", "action_id", "text", "value", "url", "style", "accessibility_label"); err != nil {
		return err
	}
	if err := c.textField(e, "text", "button.text", true, "plain_text"); err != nil {
		return err
	}
	for key, limit := range map[string]string{"value": "button.value", "url": "button.url", "accessibility_label": "button.accessibility_label"} {
		if err := optStr(e, key, limit); err != nil {
			return err
		}
	}
	if style, ok := e["style"]; ok && style != "primary" && style != "danger" {
		return invalid("button style %v", style)
	}
	return nil
}

func image(o map[string]any) *apiError {
	_, hasURL := o["image_url"]
	_, hasFile := o["slack_file"]
	if !hasURL && !hasFile {
		return invalid("an image needs image_url or slack_file")
	}
	if err := optStr(o, "image_url", "image.image_url"); err != nil {
		return err
	}
	_, err := str(o, "alt_text", "image.alt_text")
	return err
}

func imageElement(e map[string]any) *apiError {
	if err := only(e, "type", "image_url", "slack_file", "alt_text"); err != nil {
		return err
	}
	return image(e)
}
