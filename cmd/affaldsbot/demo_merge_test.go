package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/workcal"
)

// The terminal merges a citizen's second mail into their open enquiry and
// undoes it, and books a call-back on a call, as the Slack buttons do.
func TestDemoTerminalMergeAndBookCallback(t *testing.T) {
	s := startDemo(t)
	s.waitFor("📞 #11 ", "📞 #12 ", "📧 #10 ")
	s.send("mail Jens Hansen <jens.hansen@example.dk> Et spørgsmål mere | Hvad med låget?")
	s.waitFor("📧 #13 Et spørgsmål mere", `"merge 13 1"`)
	s.send("merge 13 1")
	s.waitFor("✔ #13 er flettet ind i #1.", "#13 er flettet ind her af Demo Rådgiver", "Flettet ind i #1 af Demo Rådgiver")
	s.send("unmerge 13")
	s.waitFor("✔ #13 er sin egen henvendelse igen.")

	cal := workcal.Default()
	day := time.Now().In(cal.Location()).AddDate(0, 0, 1)
	for !cal.IsWorkingDay(day) {
		day = day.AddDate(0, 0, 1)
	}
	s.send(fmt.Sprintf("book 11 %s 10:30", day.Format("2006-01-02")))
	s.waitFor(fmt.Sprintf("✔ Opkald til #11 aftalt %s kl. 10:30.", day.Format("2.1.2006")), "📅 Opkald aftalt til")
	s.send("book 12 2026-12-26 10:30")
	s.waitFor("Holdet har lukket 2026-12-26")

	// The demo has an SMS gateway of its own: the caller's confirmation is
	// shown as the phone receives it.
	s.send(fmt.Sprintf("book 12 %s 11:00 sms", day.Format("2006-01-02")))
	s.waitFor(fmt.Sprintf("✔ Opkald til #12 aftalt %s kl. 11:00.", day.Format("2.1.2006")), "📱 ─── SMS sendt", "+4587654321",
		fmt.Sprintf("ringer dig op %s kl. 11:00", day.Format("2.1.2006")))
}
