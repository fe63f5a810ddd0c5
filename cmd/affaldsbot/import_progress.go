package main

import (
	"fmt"
	"io"
	"time"
)

// progress shows on a terminal how an import goes: count, rate and, when
// the size is known, the time left. Elsewhere it stays quiet.
type progress struct {
	w              io.Writer
	on             bool
	what           string
	total          int64 // bytes; 0 when unknown
	count          int
	start, printed time.Time
}

func newProgress(w io.Writer, tty bool, what string, total int64) *progress {
	now := time.Now()
	return &progress{w: w, on: tty, what: what, total: total, start: now, printed: now}
}

// step counts one message; pos is how far into the input it has read.
func (p *progress) step(pos int64) {
	p.count++
	if !p.on || time.Since(p.printed) < 250*time.Millisecond {
		return
	}
	p.printed = time.Now()
	fmt.Fprintf(p.w, "\r%s: %s   ", p.what, p.line(pos))
}

func (p *progress) line(pos int64) string {
	elapsed := time.Since(p.start)
	rate := float64(p.count) / elapsed.Seconds()
	s := fmt.Sprintf("%d (%.0f/s)", p.count, rate)
	if p.total > 0 && pos > 0 && pos <= p.total {
		left := time.Duration(float64(elapsed) * float64(p.total-pos) / float64(pos))
		s += fmt.Sprintf(", %d %%, about %s left", pos*100/p.total, left.Round(time.Second))
	}
	return s
}

// done ends the progress line.
func (p *progress) done() {
	if p.on && p.count > 0 {
		fmt.Fprintf(p.w, "\r%s: %d done in %s\n", p.what, p.count, time.Since(p.start).Round(time.Second))
	}
}
