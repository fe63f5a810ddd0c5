package slacktest

import "strconv"

// radioButtons checks a radio button group: its options and that the
// initial option is one of them.
func (c *checker) radioButtons(e map[string]any) *apiError {
	if err := only(e, "type", "action_id", "options", "initial_option", "confirm", "focus_on_load"); err != nil {
		return err
	}
	if err := c.optionsAndInitial(e, "radio_buttons.options"); err != nil {
		return err
	}
	return flag(e, "focus_on_load")
}

// dateTimePicker checks a date and time picker: initial_date_time, when
// given, is a UNIX timestamp of 10 digits.
func (c *checker) dateTimePicker(e map[string]any) *apiError {
	if err := only(e, "type", "action_id", "initial_date_time", "confirm", "focus_on_load"); err != nil {
		return err
	}
	if v, ok := e["initial_date_time"]; ok {
		f, isNum := v.(float64)
		if !isNum || f != float64(int64(f)) || f < 0 {
			return invalid("initial_date_time must be a UNIX timestamp, not %v", v)
		}
		if err := lim("datetimepicker.initial_date_time").check(len(strconv.FormatInt(int64(f), 10))); err != nil {
			return err
		}
	}
	return flag(e, "focus_on_load")
}
