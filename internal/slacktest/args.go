package slacktest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// maxRequestBody is more than any Web API call of ours needs; Slack itself
// refuses very large requests too.
const maxRequestBody = 4 << 20

// args are a call's arguments, however they came: query string, form,
// multipart form or JSON body. A JSON value that is not a string is kept as
// its JSON text, so "blocks" reads the same from a form and from JSON.
type args map[string]string

func parseArgs(r *http.Request) (args, error) {
	a := args{}
	for k, v := range r.URL.Query() {
		a[k] = v[0]
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	r.Body = http.MaxBytesReader(nil, r.Body, maxRequestBody)
	switch ct {
	case "application/json":
		return a, a.addJSON(r.Body)
	case "application/x-www-form-urlencoded":
		return a, a.addForm(r)
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxRequestBody); err != nil {
			return a, fmt.Errorf("parse multipart form: %w", err)
		}
		return a, a.addForm(r)
	}
	return a, nil
}

func (a args) addForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return fmt.Errorf("parse form: %w", err)
	}
	for k, v := range r.PostForm {
		a[k] = v[0]
	}
	return nil
}

func (a args) addJSON(body io.Reader) error {
	var m map[string]json.RawMessage
	if err := json.NewDecoder(body).Decode(&m); err != nil {
		return fmt.Errorf("decode JSON body: %w", err)
	}
	for k, raw := range m {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			a[k] = s
		} else if string(raw) != "null" {
			a[k] = string(raw)
		}
	}
	return nil
}

func (a args) str(key string) string { return a[key] }

// flag reads a Slack boolean: "1" or "true".
func (a args) flag(key string) bool {
	v := strings.ToLower(a[key])
	return v == "1" || v == "true"
}

// num reads an integer argument, def when absent or malformed.
func (a args) num(key string, def int) int {
	n, err := strconv.Atoi(a[key])
	if err != nil {
		return def
	}
	return n
}
