package mail

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type mboxMessage struct {
	Raw      string
	Received time.Time
}

func readMbox(t *testing.T, m *MboxReader) []mboxMessage {
	t.Helper()
	var out []mboxMessage
	for range 100 {
		raw, received, err := m.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, mboxMessage{string(raw), received})
	}
	t.Fatal("no io.EOF after 100 messages")
	return nil
}

func TestMboxReader(t *testing.T) {
	nov26 := time.Date(2026, 11, 26, 9, 14, 3, 0, time.UTC)
	tests := []struct {
		name   string
		format MboxFormat
		in     string
		want   []mboxMessage
	}{
		{"empty file", MboxRD, "", nil},
		{"two messages", MboxRD,
			"From jens@example.dk Thu Nov 26 09:14:03 2026\nSubject: a\n\nHej\n\nFrom ole@example.dk Fri Nov 27 10:00:00 2026\nSubject: b\n\nDav\n",
			[]mboxMessage{{"Subject: a\n\nHej\n", nov26}, {"Subject: b\n\nDav\n", nov26.Add(24*time.Hour + 45*time.Minute + 57*time.Second)}}},
		{"mboxrd unescapes one level", MboxRD,
			"From x Thu Nov 26 09:14:03 2026\nSubject: a\n\n>From here\n>>From there\n>not from\n",
			[]mboxMessage{{"Subject: a\n\nFrom here\n>From there\n>not from\n", nov26}}},
		{"mboxo unescapes only >From", MboxO,
			"From x Thu Nov 26 09:14:03 2026\nSubject: a\n\n>From here\n>>From there\n",
			[]mboxMessage{{"Subject: a\n\nFrom here\n>>From there\n", nov26}}},
		{"From inside a paragraph does not split", MboxRD,
			"From x Thu Nov 26 09:14:03 2026\nSubject: a\n\nline\nFrom my window I see\n",
			[]mboxMessage{{"Subject: a\n\nline\nFrom my window I see\n", nov26}}},
		{"CRLF file", MboxRD,
			"From x Thu Nov 26 09:14:03 2026\r\nSubject: a\r\n\r\nHej\r\n\r\nFrom y Thu Nov 26 09:14:03 2026\r\nSubject: b\r\n\r\nDav\r\n",
			[]mboxMessage{{"Subject: a\r\n\r\nHej\r\n", nov26}, {"Subject: b\r\n\r\nDav\r\n", nov26}}},
		{"garbled and missing dates", MboxRD,
			"From x not a date\nSubject: a\n\nHej\n\nFrom \nSubject: b\n\nDav\n",
			[]mboxMessage{{"Subject: a\n\nHej\n", time.Time{}}, {"Subject: b\n\nDav\n", time.Time{}}}},
		{"date with zone", MboxRD,
			"From 1234@xxx Thu Nov 26 10:14:03 +0100 2026\nSubject: a\n\nHej\n",
			[]mboxMessage{{"Subject: a\n\nHej\n", nov26}}},
		{"thunderbird sender dash and two-space day", MboxRD,
			"From - Mon Nov  2 09:14:03 2026\nSubject: a\n\nHej\n",
			[]mboxMessage{{"Subject: a\n\nHej\n", time.Date(2026, 11, 2, 9, 14, 3, 0, time.UTC)}}},
		{"text before the first From_ line is kept", MboxRD,
			"Subject: stray\n\nfoo\n\nFrom x Thu Nov 26 09:14:03 2026\nSubject: a\n\nHej\n",
			[]mboxMessage{{"Subject: stray\n\nfoo\n", time.Time{}}, {"Subject: a\n\nHej\n", nov26}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := NewMboxReader(strings.NewReader(tc.in))
			m.Format = tc.format
			got := readMbox(t, m)
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMboxReaderLocation(t *testing.T) {
	cph, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	m := NewMboxReader(strings.NewReader("From x Thu Nov 26 09:14:03 2026\nSubject: a\n\nHej\n"))
	m.Location = cph
	_, got, err := m.Next()
	if want := time.Date(2026, 11, 26, 8, 14, 3, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("Next = %v, %v; want %v", got, err, want)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk gone") }

func TestMboxReaderReadError(t *testing.T) {
	_, _, err := NewMboxReader(failingReader{}).Next()
	if err == nil || errors.Is(err, io.EOF) || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("Next() error = %v, want the read error", err)
	}
}
