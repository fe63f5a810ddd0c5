package slacktest

import "unicode/utf8"

func (c *checker) section(b map[string]any) *apiError {
	_, hasText := b["text"]
	_, hasFields := b["fields"]
	if !hasText && !hasFields {
		return invalid("a section needs text or fields")
	}
	if err := c.textField(b, "text", MaxSectionText, false); err != nil {
		return err
	}
	if hasFields {
		fields, err := list(b, "fields", MaxSectionFields)
		if err != nil {
			return err
		}
		for _, f := range fields {
			if err := c.textObj(f, MaxSectionField, "plain_text", "mrkdwn"); err != nil {
				return err
			}
		}
	}
	if acc, ok := b["accessory"].(map[string]any); ok {
		return c.element(acc)
	}
	return nil
}

func (c *checker) context(b map[string]any) *apiError {
	elems, err := list(b, "elements", MaxContextElements)
	if err != nil {
		return err
	}
	for _, e := range elems {
		m, _ := e.(map[string]any)
		if m["type"] == "image" {
			if err := c.image(m); err != nil {
				return err
			}
			continue
		}
		if err := c.textObj(e, MaxContextText, "plain_text", "mrkdwn"); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) actions(b map[string]any) *apiError {
	elems, err := list(b, "elements", MaxActionsElements)
	if err != nil {
		return err
	}
	actionIDs := map[string]bool{}
	for _, e := range elems {
		m, ok := e.(map[string]any)
		if !ok {
			return invalid("expected an element")
		}
		if id, _ := m["action_id"].(string); id != "" && actionIDs[id] {
			return invalid("duplicate action_id %q", id)
		} else if id != "" {
			actionIDs[id] = true
		}
		if err := c.element(m); err != nil {
			return err
		}
	}
	return nil
}

// element checks an interactive element; buttons in full, others by their
// action_id only.
func (c *checker) element(e map[string]any) *apiError {
	if id, ok := e["action_id"].(string); ok && utf8.RuneCountInString(id) > MaxID {
		return invalid("action_id must be at most %d characters", MaxID)
	}
	switch e["type"] {
	case "button":
		return c.button(e)
	case "image":
		return c.image(e)
	case nil, "":
		return invalid("missing required field: type")
	}
	return nil
}

func (c *checker) button(e map[string]any) *apiError {
	if err := c.textField(e, "text", MaxButtonText, true, "plain_text"); err != nil {
		return err
	}
	value, _ := e["value"].(string)
	url, _ := e["url"].(string)
	style, _ := e["style"].(string)
	switch {
	case utf8.RuneCountInString(value) > MaxButtonValue:
		return invalid("button value must be at most %d characters", MaxButtonValue)
	case utf8.RuneCountInString(url) > MaxButtonURL:
		return invalid("button url must be at most %d characters", MaxButtonURL)
	case !oneOf(style, "", "primary", "danger"):
		return invalid("button style %q", style)
	}
	return nil
}

func (c *checker) image(b map[string]any) *apiError {
	alt, _ := b["alt_text"].(string)
	_, hasURL := b["image_url"].(string)
	_, hasFile := b["slack_file"]
	if alt == "" || (!hasURL && !hasFile) {
		return invalid("an image needs alt_text and image_url or slack_file")
	}
	return nil
}

func (c *checker) markdown(b map[string]any) *apiError {
	text, _ := b["text"].(string)
	n := utf8.RuneCountInString(text)
	if n == 0 || n > MaxMarkdownBlock {
		return invalid("markdown text must be 1 to %d characters", MaxMarkdownBlock)
	}
	c.text += n
	return nil
}

// input blocks belong in modals, not in messages.
func (c *checker) input(b map[string]any) *apiError {
	if !c.inView {
		return invalid("input blocks are only allowed in views")
	}
	if err := c.textField(b, "label", MaxSectionField, true, "plain_text"); err != nil {
		return err
	}
	e, ok := b["element"].(map[string]any)
	if !ok {
		return invalid("missing required field: element")
	}
	return c.element(e)
}
