package csat

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
)

var (
	//go:embed page.html
	pageHTML string
	//go:embed style.css
	pageCSS string

	pageTmpl = template.Must(template.New("page").Parse(pageHTML))
	// styleHash lets the inline stylesheet through the Content-Security-Policy.
	styleHash = func() string { h := sha256.Sum256([]byte(pageCSS)); return base64.StdEncoding.EncodeToString(h[:]) }()
)

// contentSecurityPolicy allows the page's own inline stylesheet, by hash,
// and form posts to this origin; nothing else is loaded or framed.
var contentSecurityPolicy = "default-src 'none'; style-src 'sha256-" + styleHash + "'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

// view is what page.html renders.
type view struct {
	Lang, Service, Heading, Notice, Text string
	Warn                                 bool
	Style                                template.CSS
	Form                                 bool
	Token, Nonce                         string
	Legend, CommentLabel, CommentHint    string
	Save                                 string
	MaxComment                           int
	Choices                              []choice
	AccessibilityURL, Accessibility      string
}

type choice struct {
	N       int
	Label   string
	Checked bool
}

// ratingView is the page of a stored rating with its form.
func (s *Service) ratingView(st state) view {
	t := textsFor(st.Lang)
	v := s.baseView(st.Lang, t.thanks)
	v.Text = fmt.Sprintf(t.given, Label(st.Lang, st.Rating)+" ("+fmt.Sprintf(t.ofFive, st.Rating)+")")
	v.Notice, v.Warn = noticeText(t, st.Notice)
	v.Form, v.Token, v.Nonce = true, st.Token, st.Nonce
	v.Legend, v.CommentLabel, v.CommentHint, v.Save, v.MaxComment = t.changeLegend, t.commentLabel, t.commentHint, t.save, MaxCommentChars
	for n := MaxRating; n >= MinRating; n-- {
		v.Choices = append(v.Choices, choice{N: n, Label: Label(st.Lang, n), Checked: n == st.Rating})
	}
	return v
}

// messageView is a page that only says something: an error.
func (s *Service) messageView(lang, heading, text string) view {
	v := s.baseView(lang, heading)
	v.Text = text
	return v
}

func (s *Service) baseView(lang, heading string) view {
	t := textsFor(lang)
	return view{Lang: Lang(lang), Service: t.service, Heading: heading, Style: template.CSS(pageCSS),
		AccessibilityURL: s.opts.AccessibilityURL, Accessibility: t.accessibility}
}

func noticeText(t *texts, n int) (string, bool) {
	switch n {
	case noticeSaved:
		return t.saved, false
	case noticeCommentSaved:
		return t.commentSaved, false
	case noticeStale:
		return t.staleForm, true
	case noticeTooLong:
		return t.tooLong, true
	}
	return "", false
}

// writePage renders v with the page's security headers.
func writePage(w http.ResponseWriter, status int, v view) {
	var b bytes.Buffer
	if err := pageTmpl.Execute(&b, v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// setHeaders are the headers of every response under PathPrefix.
func setHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Referrer-Policy", "same-origin") // the token never leaves in a Referer
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}
