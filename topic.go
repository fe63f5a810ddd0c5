package affaldsbot

import (
	"strings"
	"unicode"
)

// topicRule lists the words that point to one topic.
//
// Keywords are matched against the lower-cased text with every run of
// non-letters turned into one space and a space added at both ends, so a
// keyword's spaces say where it must sit in a word:
//
//	" sofa"   starts a word: sofa, sofaen, sofaer
//	"spand"   anywhere, also inside compounds: skraldespand, papirspanden
//	" bin "   a whole word only: bin, not cabinet or binding
type topicRule struct {
	topic    Topic
	keywords []string
}

// topicRules in precedence order: when two topics score the same, the one
// listed first wins. Complaints come first (a complaint about a missed
// collection is a complaint), then the specific waste kinds, then the
// collection itself, places, businesses, bins, and sorting questions last.
// The first rule, complaints, also decides alone when it matches the subject.
var topicRules = []topicRule{
	{TopicKlage, []string{" klag", "utilfreds", "complain", "uacceptabel", "unacceptable",
		" skuffet", "disappointed", "dårlig service", "poor service", " frustreret", " frustrated"}},
	{TopicFarligtAffald, []string{" maling", "malingrester", "batteri", " batter", "kemikali", " chemical",
		" spray", "farligt affald", "hazardous", " paint", "lysstofrør", " asbest", " medicin", " kanyle",
		"terpentin", " olie", "miljøboks", "rød boks"}},
	{TopicStortIndbo, []string{" sofa", "madras", "storskrald", "stort indbo", "indendørs træ", "møbel", "møbler",
		" seng", " reol", " bulky", "furniture", "mattress", " couch", " skab ", "klædeskab", "køleskab"}},
	{TopicAfhentning, []string{" ikke tømt", " ikke blevet tømt", " ikke hentet", " ikke blevet hentet", " glemt",
		"afhentning", " tømning", "tømningsdag", "skraldebil", "skraldemand", "missed collection",
		" not collected", " not emptied", " not been emptied", " collection day", " pickup", " pick up", " forgot"}},
	{TopicGenbrugsstation, []string{"genbrugsstation", "genbrugsplads", "genbrugscenter", " recycling centre",
		" recycling center", " åbningstid", " opening hours", " trailer"}},
	{TopicErhverv, []string{" virksomhed", " erhverv", " cvr", " restaurant", " business", " company",
		" firma", " butik", " kantine", " café", " cafe ", " shop "}},
	{TopicBeholdere, []string{"beholder", "spand", "container", "boligforening", "andelsforening",
		"ejerforening", " ny ordning", " nye ordning", " bin ", " bins ", " wheelie", "affaldsskur", " låg "}},
	{TopicSortering, []string{" sorter", " sort ", " sorting", " fraktion", "pizzabakke", " plast", " pap ",
		" papir", " glas", " metal", "madaffald", "restaffald", "mælkekarton", " tekstil", " recycle",
		" hvor skal", " hvilken spand", " which bin", " where do", " where does", " genanvend"}},
}

// Subject matches weigh three times a body match.
const subjectWeight = 3

// ClassifyTopic picks the topic of an enquiry from its subject and body by
// keyword rules in Danish and English. A complaint word in the subject
// decides: the citizen called it a complaint. Otherwise each distinct
// keyword found counts 3 in the subject and 1 in the body; the highest sum
// wins, ties go to the rule listed first in topicRules, and no match at all
// gives TopicAndet.
func ClassifyTopic(subject, body string) Topic {
	s, b := normaliseForTopic(subject), normaliseForTopic(body)
	if topicScore(topicRules[0], s, "") > 0 {
		return topicRules[0].topic
	}
	best, bestScore := TopicAndet, 0
	for _, rule := range topicRules {
		if score := topicScore(rule, s, b); score > bestScore {
			best, bestScore = rule.topic, score
		}
	}
	return best
}

// topicScore counts the rule's keywords in the normalised subject and body.
func topicScore(rule topicRule, subject, body string) int {
	score := 0
	for _, kw := range rule.keywords {
		if strings.Contains(subject, kw) {
			score += subjectWeight
		}
		if strings.Contains(body, kw) {
			score++
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
