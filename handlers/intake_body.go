package handlers

import (
	"fmt"
	"strings"

	"github.com/affaldsbot/affaldsbot/mail"
)

// maxListedFiles caps the file names listed in one line of a mail's text.
const maxListedFiles = 20

// mailBody is what the thread shows of a mail: the sender's own text, each
// enclosed message as a quoted mail with its sender, subject and files, and
// a line for everything that could not be read as sent (a damaged
// attachment, parts past the limits, a file kept elsewhere, a sender
// address that cannot be trusted). Nothing is left out without such a line.
func (s *Service) mailBody(p *mail.Parsed) string {
	parts := []string{p.Text}
	for _, f := range p.Forwarded {
		parts = append(parts, s.forwardedText(f, ""))
	}
	for _, n := range p.Notes {
		parts = append(parts, s.noteText(n))
	}
	var out []string
	for _, part := range parts {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return strings.Join(out, "\n\n")
}

// forwardedText renders an enclosed message as a quoted mail; messages
// enclosed in it are quoted one level deeper.
func (s *Service) forwardedText(f *mail.Parsed, prefix string) string {
	lines := []string{s.T("mail_forwarded")}
	if from := senderText(f); from != "" {
		lines = append(lines, s.T("mail_fw_from", from))
	}
	if !f.Date.IsZero() {
		lines = append(lines, s.T("mail_fw_date", f.Date.Format("2006-01-02 15:04 -0700")))
	}
	if f.Subject != "" {
		lines = append(lines, s.T("mail_fw_subject", f.Subject))
	}
	if len(f.Attachments) > 0 {
		lines = append(lines, s.T("mail_fw_files", fileList(f.Attachments)))
	}
	body := strings.TrimSpace(strings.TrimSpace(f.Text) + "\n\n" + strings.TrimSpace(f.Quoted))
	if body != "" {
		lines = append(lines, "")
		lines = append(lines, strings.Split(body, "\n")...)
	}
	text := quoteLines(lines, prefix+"> ")
	for _, inner := range f.Forwarded {
		text += "\n" + prefix + ">\n" + s.forwardedText(inner, prefix+"> ")
	}
	return text
}

func senderText(p *mail.Parsed) string {
	switch {
	case p.FromAddr != "" && p.FromName != "":
		return p.FromName + " <" + p.FromAddr + ">"
	case p.FromAddr != "":
		return p.FromAddr
	}
	return p.FromRaw
}

func quoteLines(lines []string, prefix string) string {
	for i, l := range lines {
		lines[i] = strings.TrimRight(prefix+l, " ")
	}
	return strings.Join(lines, "\n")
}

// fileList names files with their sizes: "a.pdf (12 KB), b.png (3 KB)".
func fileList(atts []mail.ParsedAttachment) string {
	var names []string
	for i, a := range atts {
		if i == maxListedFiles {
			names = append(names, fmt.Sprintf("… (+%d)", len(atts)-i))
			break
		}
		names = append(names, fmt.Sprintf("%s (%s)", a.Filename, byteSize(a.Size)))
	}
	return strings.Join(names, ", ")
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// noteText is the line that tells an adviser what was not read as sent.
func (s *Service) noteText(n mail.Note) string {
	switch n.Kind {
	case mail.NoteDamaged:
		return s.T("mail_damaged", n.Name, n.N)
	case mail.NoteUndecoded:
		return s.T("mail_undecoded", n.Name, n.Detail)
	case mail.NoteSkipped:
		text := s.T("mail_skipped", mail.MaxParts, n.N)
		if len(n.Names) > 0 {
			text += "\n" + s.T("mail_skipped_files", strings.Join(n.Names, ", "))
		}
		return text
	case mail.NoteTooDeep:
		return s.T("mail_too_deep", mail.MaxDepth)
	case mail.NoteCut:
		return s.T("mail_cut", mail.MaxTextBytes>>20)
	case mail.NoteExternal:
		return s.T("mail_external", n.Name, n.Detail)
	case mail.NoteSender:
		return s.T("mail_sender", n.Detail)
	}
	return string(n.Kind)
}
