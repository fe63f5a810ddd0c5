package mail

import (
	"mime"
	"strings"

	gomail "github.com/emersion/go-message/mail"
)

// HeaderGetter is any mail header: go-message's, net/mail's and
// net/textproto's all have this method.
type HeaderGetter interface {
	Get(key string) string
}

// AutoReason tells why a message is not from a person writing now: an
// auto-reply, a bounce or list mail. It returns "" for ordinary mail. The
// checks run in this order and the first that matches gives the reason:
//
//	auto-submitted: <value>   RFC 3834 Auto-Submitted, any value but "no"
//	x-autoreply               X-Autoreply present (not "no")
//	x-autorespond             X-Autorespond present (not "no")
//	precedence: <value>       Precedence bulk, junk, list or auto_reply
//	bounce: multipart/report  delivery status notifications (RFC 3464)
//	bounce: <local part>      From MAILER-DAEMON or postmaster
//	empty return path         Return-Path: <>
//	list-id                   List-Id present
//	list-unsubscribe          List-Unsubscribe present
func AutoReason(h HeaderGetter) string {
	for _, check := range autoChecks {
		if r := check(h); r != "" {
			return r
		}
	}
	return ""
}

var autoChecks = []func(HeaderGetter) string{
	autoSubmitted,
	present("X-Autoreply", "x-autoreply"),
	present("X-Autorespond", "x-autorespond"),
	precedence,
	report,
	daemonSender,
	emptyReturnPath,
	present("List-Id", "list-id"),
	present("List-Unsubscribe", "list-unsubscribe"),
}

func headerValue(h HeaderGetter, key string) string {
	return strings.ToLower(strings.TrimSpace(cleanLine(h.Get(key))))
}

func autoSubmitted(h HeaderGetter) string {
	v := headerValue(h, "Auto-Submitted")
	v, _, _ = strings.Cut(v, ";")
	if v = strings.TrimSpace(v); v == "" || v == "no" {
		return ""
	}
	return "auto-submitted: " + truncateRunes(v, 40)
}

func present(key, reason string) func(HeaderGetter) string {
	return func(h HeaderGetter) string {
		if v := headerValue(h, key); v != "" && v != "no" {
			return reason
		}
		return ""
	}
}

func precedence(h HeaderGetter) string {
	switch v := headerValue(h, "Precedence"); v {
	case "bulk", "junk", "list", "auto_reply":
		return "precedence: " + v
	}
	return ""
}

func report(h HeaderGetter) string {
	mt, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err == nil && strings.EqualFold(mt, "multipart/report") {
		return "bounce: multipart/report"
	}
	return ""
}

func daemonSender(h HeaderGetter) string {
	list, err := gomail.ParseAddressList(h.Get("From"))
	if err != nil || len(list) == 0 {
		return ""
	}
	local, _, _ := strings.Cut(strings.ToLower(list[0].Address), "@")
	if local == "mailer-daemon" || local == "postmaster" {
		return "bounce: " + local
	}
	return ""
}

func emptyReturnPath(h HeaderGetter) string {
	v := strings.ReplaceAll(headerValue(h, "Return-Path"), " ", "")
	if v == "<>" {
		return "empty return path"
	}
	return ""
}
