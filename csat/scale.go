// Package csat asks the citizen, below every reply mail, whether the reply
// answered the question: five links, one click records a rating, and the
// page it opens lets the citizen change it and add a comment. No login, no
// script, no tracking; the links carry a signed token and nothing personal.
//
// The scale is the five-point satisfaction scale of the Danish
// municipalities' comparable user surveys (BTU: 1 "meget utilfreds" to 5
// "meget tilfreds", "Hvor tilfreds er du alt i alt med …?") and of GOV.UK's
// service satisfaction survey ("very satisfied" to "very dissatisfied").
// The score is, as GOV.UK counts it, the share of ratings that are 4 or 5.
package csat

import "fmt"

// Scale ends.
const (
	MinRating = 1
	MaxRating = 5
	// Satisfied is the least rating that counts as satisfied in the score.
	Satisfied = 4
)

// ValidRating reports whether n is on the scale.
func ValidRating(n int) bool { return n >= MinRating && n <= MaxRating }

// Label names a rating in lang ("da" or "en").
func Label(lang string, n int) string {
	if !ValidRating(n) {
		return fmt.Sprint(n)
	}
	return textsFor(lang).labels[n-1]
}

// Lang is "en" for English and "da" for everything else.
func Lang(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "da"
}
