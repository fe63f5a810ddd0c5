package affaldsbot

import (
	"strings"
	"unicode"
)

// topicRule is a set of keywords that point to one topic, each worth
// weight when it occurs.
//
// Keywords are matched against the lower-cased text with every run of
// non-letters turned into one space and a space added at both ends, so a
// keyword's spaces say where it must sit in a word, and a keyword of several
// words is a phrase:
//
//	" sofa"        starts a word: sofa, sofaen, sofaer
//	"spand"        anywhere, also inside compounds: skraldespand, papirspanden
//	" bin "        a whole word only: bin, not cabinet or binding
//	" ikke tømt"   the phrase "ikke tømt", "ikke tømt endnu"
type topicRule struct {
	topic    Topic
	weight   int
	keywords []string
}

// subjectWeight: a keyword in the subject counts this many times its weight;
// in the body it counts once. The citizen's subject names the matter.
const subjectWeight = 2

// minTopicScore is the least score that names a topic; below it the enquiry
// is TopicAndet.
const minTopicScore = 3

// decisiveTopics settle an enquiry alone when any of their keywords occurs,
// in this order: a complaint is a complaint whatever it is about ("not
// emptied again, this is unacceptable"), and a business's enquiry goes to
// the business team whatever it asks.
var decisiveTopics = []Topic{TopicKlage, TopicErhverv}

// ClassifyTopic picks the topic of an enquiry from its subject and body by
// weighted keyword and phrase rules in Danish and English (topicRules). A
// keyword of a decisive topic settles it. Otherwise each distinct keyword
// found adds its rule's weight, doubled in the subject; the topic with the
// highest sum wins, ties going to the topic listed first in
// topicPrecedence. A sum below minTopicScore, or a win for the rule of
// clearly unrelated matters, gives TopicAndet.
func ClassifyTopic(subject, body string) Topic {
	s, b := normaliseForTopic(subject), normaliseForTopic(body)
	scores := map[Topic]int{}
	for _, rule := range topicRules {
		scores[rule.topic] += topicScore(rule, s, b)
	}
	for _, t := range decisiveTopics {
		if scores[t] > 0 {
			return t
		}
	}
	best, bestScore := TopicAndet, minTopicScore-1
	for _, t := range topicPrecedence {
		if scores[t] > bestScore {
			best, bestScore = t, scores[t]
		}
	}
	return best
}

// topicScore adds up the weights of the rule's keywords found in the
// normalised subject and body.
func topicScore(rule topicRule, subject, body string) int {
	score := 0
	for _, kw := range rule.keywords {
		if strings.Contains(subject, kw) {
			score += subjectWeight * rule.weight
		}
		if strings.Contains(body, kw) {
			score += rule.weight
		}
	}
	return score
}

// normaliseForTopic lower-cases s, turns every run of characters that are
// neither letters nor digits into one space and pads the result with spaces.
func normaliseForTopic(s string) string {
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}
