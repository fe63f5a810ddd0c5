package httpapi

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/affaldsbot/affaldsbot/handlers"
)

// CallIntake stores transferred calls; *handlers.Service is one.
type CallIntake interface {
	ReceiveCall(ctx context.Context, r handlers.CallReport) (handlers.CallResult, error)
}

// Limits of POST /api/calls (docs/calls-webhook.md).
const (
	MaxCallBody   = 64 << 10        // bytes
	CallClockSkew = 5 * time.Minute // how far the signed timestamp may be from now, either way
)

// Header names of the call webhook's signature.
const (
	HeaderCallTimestamp = "X-Affaldsbot-Timestamp"
	HeaderCallSignature = "X-Affaldsbot-Signature"
)

type callsHandler struct {
	secret []byte
	calls  CallIntake
	now    func() time.Time
}

// NewCallsHandler serves POST /api/calls: it checks the HMAC-SHA256 signature
// of "<timestamp>.<raw body>" before reading the JSON, then stores the call
// through calls. now is the clock the timestamp is checked against.
func NewCallsHandler(secret []byte, calls CallIntake, now func() time.Time) http.Handler {
	if now == nil {
		now = time.Now
	}
	return &callsHandler{secret: secret, calls: calls, now: now}
}

func (h *callsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeCallJSON(w, http.StatusMethodNotAllowed, callError{Error: "only POST is allowed"})
		return
	}
	body, status := readCallBody(r)
	switch status {
	case 0:
	case http.StatusRequestEntityTooLarge:
		writeCallJSON(w, status, callError{Error: "body larger than 64 KiB"})
		return
	default:
		writeCallJSON(w, status, callError{Error: "the body could not be read"})
		return
	}
	if !h.signed(r.Header, body) {
		writeCallJSON(w, http.StatusUnauthorized, callError{Error: "missing, stale or wrong signature"})
		return
	}
	report, ferr := parseCallReport(body)
	if ferr != nil {
		writeCallJSON(w, http.StatusBadRequest, callError{Error: ferr.Message, Field: ferr.Field})
		return
	}
	h.store(w, r.Context(), report)
}

func (h *callsHandler) store(w http.ResponseWriter, ctx context.Context, report handlers.CallReport) {
	res, err := h.calls.ReceiveCall(ctx, report)
	var ferr *handlers.FieldError
	switch {
	case errors.As(err, &ferr):
		writeCallJSON(w, http.StatusBadRequest, callError{Error: ferr.Message, Field: ferr.Field})
	case err != nil:
		writeCallJSON(w, http.StatusInternalServerError, callError{Error: "the call could not be stored; send it again"})
	case res.Status == handlers.CallCreated:
		writeCallJSON(w, http.StatusCreated, callStatus{res.Status, strconv.FormatInt(res.EnquiryID, 10)})
	default:
		writeCallJSON(w, http.StatusOK, callStatus{res.Status, strconv.FormatInt(res.EnquiryID, 10)})
	}
}

// readCallBody reads at most MaxCallBody bytes; status is 413 when there is
// more, 400 when the body cannot be read.
func readCallBody(r *http.Request) ([]byte, int) {
	if r.ContentLength > MaxCallBody {
		return nil, http.StatusRequestEntityTooLarge
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxCallBody+1))
	switch {
	case err != nil:
		return nil, http.StatusBadRequest
	case len(body) > MaxCallBody:
		return nil, http.StatusRequestEntityTooLarge
	}
	return body, 0
}

// signed checks the timestamp window and the signature in constant time.
func (h *callsHandler) signed(hdr http.Header, body []byte) bool {
	ts := hdr.Get(HeaderCallTimestamp)
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(h.secret) == 0 {
		return false
	}
	if d := h.now().Sub(time.Unix(sec, 0)); d > CallClockSkew || d < -CallClockSkew {
		return false
	}
	got, err := hex.DecodeString(strings.TrimPrefix(hdr.Get(HeaderCallSignature), "sha256="))
	if err != nil || !strings.HasPrefix(hdr.Get(HeaderCallSignature), "sha256=") {
		return false
	}
	return hmac.Equal(got, SignCall(h.secret, ts, body))
}

// SignCall is the HMAC-SHA256 of "<timestamp>.<body>" with secret: what a
// contact-centre system sends, hex-encoded after "sha256=".
func SignCall(secret []byte, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

type callError struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

type callStatus struct {
	Status    string `json:"status"`
	EnquiryID string `json:"enquiry_id"`
}

func writeCallJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
