package main

// Oversized uploads against the real program, on SQLite and PostgreSQL.
// docs/never.md item covered: "A citizen's mail … silently dropped" for the part of
// a mail over the attachment cap: TestSecurityOversizedAttachmentKept checks
// that an attachment over Settings.MaxAttachment keeps its name, size and
// hash (its bytes stay in the stored raw mail, nothing is lost), is not
// uploaded to Slack, and that the thread says so. Slack events bodies over
// 1 MiB (413) are covered by TestSecurity.

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/storage/storagetest"
)

const attachCap = 1 << 10

// mailWithAttachments is a citizen's mail with a small text file and a PDF
// of big bytes.
func mailWithAttachments(big []byte) string {
	enc := base64.StdEncoding.EncodeToString(big)
	var lines []string
	for len(enc) > 76 {
		lines, enc = append(lines, enc[:76]), enc[76:]
	}
	lines = append(lines, enc)
	return "From: Jens Hansen <jens@example.dk>\nTo: affald@kk.example\nSubject: Billeder af containeren\n" +
		"Message-ID: <big-1@example.dk>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n" +
		"--b\nContent-Type: text/plain; charset=utf-8\n\nSe vedhæftede.\n" +
		"--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"lille.txt\"\n\nlille fil\n" +
		"--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"stor.pdf\"\n\n" +
		strings.Join(lines, "\n") + "\n--b--\n"
}

type storedAttachment struct {
	Filename  string `db:"filename"`
	Size      int64  `db:"size"`
	SHA256    string `db:"sha256"`
	Data      []byte `db:"data"`
	Truncated bool   `db:"truncated"`
}

func TestSecurityOversizedAttachmentKept(t *testing.T) {
	big := bytes.Repeat([]byte("%PDF-1.7 container "), 4*attachCap/19+1)
	sum := sha256.Sum256(big)
	for _, dialect := range storagetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			b := startSecurityBot(t, dialect, nil)
			b.Service.Settings.MaxAttachment = attachCap // read per mail; no mail has arrived yet
			b.deliver(t, mailWithAttachments(big))
			pollUntil(t, 8*time.Second, func() bool { return len(b.slack.Roots(testChannel)) == 1 && b.allPosted(t) })
			var atts []storedAttachment
			if err := b.DB.Select(&atts, `SELECT filename, size, sha256, data, truncated FROM attachments ORDER BY filename`); err != nil {
				t.Fatal(err)
			}
			if len(atts) != 2 {
				t.Fatalf("%d attachments stored, want 2", len(atts))
			}
			small, large := atts[0], atts[1]
			if small.Filename != "lille.txt" || string(small.Data) != "lille fil" || small.Truncated {
				t.Errorf("small attachment stored as %+v", small)
			}
			if large.Filename != "stor.pdf" || large.Size != int64(len(big)) || large.SHA256 != hex.EncodeToString(sum[:]) ||
				len(large.Data) >= len(big) || !large.Truncated {
				t.Errorf("oversized attachment stored as %s, %d bytes, sha256 %s, %d bytes kept, truncated %v",
					large.Filename, large.Size, large.SHA256, len(large.Data), large.Truncated)
			}
			var raw []byte
			if err := b.DB.Get(&raw, `SELECT raw FROM messages WHERE kind = 'inbound'`); err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(raw, []byte(base64.StdEncoding.EncodeToString(big)[:76])) || len(raw) < len(big) {
				t.Errorf("the raw mail (%d bytes) does not hold the oversized attachment", len(raw))
			}
			assertOversizeShown(t, b, len(big))
		})
	}
}

// assertOversizeShown checks Slack: only the small file uploaded, and the
// thread naming the oversized one.
func assertOversizeShown(t *testing.T, b *testBot, size int) {
	t.Helper()
	for _, f := range b.slack.Files() {
		if f.Name != "lille.txt" {
			t.Errorf("uploaded %q (%d bytes)", f.Name, f.Length)
		}
	}
	var thread strings.Builder
	for _, m := range b.thread() {
		thread.WriteString(postedText(t, m))
	}
	if !strings.Contains(thread.String(), "stor.pdf") {
		t.Errorf("the thread does not name the oversized attachment: %s", thread.String())
	}
}
