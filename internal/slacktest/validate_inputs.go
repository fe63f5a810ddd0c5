package slacktest

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// placeholder checks an input's optional placeholder text.
func (c *checker) placeholder(e map[string]any) *apiError {
	return c.textField(e, "placeholder", "placeholder", false, "plain_text")
}

// plainTextInput checks max_length and min_length against Slack's range and
// the initial value against both: a prefilled text longer than the field
// allows is refused (views.open answers invalid_arguments).
func (c *checker) plainTextInput(e map[string]any) *apiError {
	if err := only(e, "type", "action_id", "initial_value", "multiline", "min_length", "max_length", "placeholder", "focus_on_load"); err != nil {
		return err
	}
	if err := c.placeholder(e); err != nil {
		return err
	}
	maxLen, hasMax, err := integer(e, "max_length", "plain_text_input.max_length")
	if err != nil {
		return err
	}
	minLen, _, err := integer(e, "min_length", "plain_text_input.min_length")
	switch {
	case err != nil:
		return err
	case hasMax && minLen > maxLen:
		return invalid("min_length %d is more than max_length %d", minLen, maxLen)
	}
	if _, ok := e["initial_value"]; ok {
		v, err := str(e, "initial_value", "plain_text_input.initial_value")
		if err == nil && hasMax && utf8.RuneCountInString(v) > maxLen {
			return invalid("initial_value is longer than max_length %d", maxLen)
		}
		return err
	}
	return flag(e, "multiline")
}

// numberInput checks that the bounds and the initial value are numbers of the
// kind allowed and in order. The reference names no bound on the initial
// value; one outside min_value..max_value is refused.
func (c *checker) numberInput(e map[string]any) *apiError {
	if err := only(e, "type", "action_id", "is_decimal_allowed", "initial_value", "min_value", "max_value", "placeholder", "focus_on_load"); err != nil {
		return err
	}
	decimal, ok := e["is_decimal_allowed"].(bool)
	if !ok {
		return invalid("missing required field: is_decimal_allowed")
	}
	if err := c.placeholder(e); err != nil {
		return err
	}
	var vals [3]*float64
	for i, key := range []string{"min_value", "initial_value", "max_value"} {
		v, err := number(e, key, decimal)
		if err != nil {
			return err
		}
		vals[i] = v
	}
	for i := range 2 {
		for j := i + 1; j < 3; j++ {
			if vals[i] != nil && vals[j] != nil && *vals[i] > *vals[j] {
				return invalid("min_value, initial_value and max_value are out of order")
			}
		}
	}
	return nil
}

// number reads an optional numeric string: whole unless decimal is allowed.
func number(e map[string]any, key string, decimal bool) (*float64, *apiError) {
	if _, ok := e[key]; !ok {
		return nil, nil
	}
	s, err := str(e, key, "number_input.value")
	if err != nil {
		return nil, err
	}
	f, perr := strconv.ParseFloat(s, 64)
	if perr != nil || (!decimal && f != math.Trunc(f)) {
		return nil, invalid("%s %q is not a %s number", key, s, map[bool]string{true: "decimal", false: "whole"}[decimal])
	}
	return &f, nil
}

func (c *checker) emailInput(e map[string]any) *apiError {
	if err := only(e, "type", "action_id", "initial_value", "placeholder", "focus_on_load"); err != nil {
		return err
	}
	if err := optStr(e, "initial_value", "email_text_input.initial_value"); err != nil {
		return err
	}
	return c.placeholder(e)
}

func (c *checker) staticSelect(e map[string]any) *apiError {
	if err := only(e, "type", "action_id", "options", "initial_option", "placeholder", "focus_on_load"); err != nil {
		return err
	}
	if err := c.placeholder(e); err != nil {
		return err
	}
	return c.optionsAndInitial(e, "static_select.options")
}

// optionsAndInitial checks an element's options (limit names their
// count's limit) and that its initial option is one of them.
func (c *checker) optionsAndInitial(e map[string]any, limit string) *apiError {
	options, err := list(e, "options", limit)
	if err != nil {
		return err
	}
	values := map[string]bool{}
	for _, o := range options {
		v, err := c.option(o)
		if err != nil {
			return err
		}
		values[v] = true
	}
	if init, ok := e["initial_option"]; ok {
		v, err := c.option(init)
		if err == nil && !values[v] {
			return invalid("initial_option %q is not one of the options", v)
		}
		return err
	}
	return nil
}

// option checks an option object and returns its value.
func (c *checker) option(v any) (string, *apiError) {
	o, ok := v.(map[string]any)
	if !ok {
		return "", invalid("expected an option object")
	}
	if err := only(o, "text", "value", "description"); err != nil {
		return "", err
	}
	if err := c.textField(o, "text", "option.text", true, "plain_text"); err != nil {
		return "", err
	}
	if err := c.textField(o, "description", "option.description", false, "plain_text"); err != nil {
		return "", err
	}
	return str(o, "value", "option.value")
}

func (c *checker) usersSelect(e map[string]any) *apiError {
	if err := only(e, "type", "action_id", "initial_user", "placeholder", "focus_on_load"); err != nil {
		return err
	}
	return c.placeholder(e)
}
