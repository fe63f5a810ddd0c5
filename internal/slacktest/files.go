package slacktest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
)

// File is a file uploaded with files.getUploadURLExternal, the upload URL
// and files.completeUploadExternal.
type File struct {
	ID             string
	Name           string
	Title          string
	Length         int    // the length announced before the upload
	Content        []byte // what was uploaded
	Uploaded       bool
	Channel        string // where it was shared; "" until completed
	ThreadTS       string
	InitialComment string
}

// FileRef is a file as a message lists it.
type FileRef struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Title string `json:"title"`
	Size  int    `json:"size"`
}

func (s *Server) getUploadURL(a args) (any, *apiError) {
	length := a.num("length", 0)
	if a.str("filename") == "" || length <= 0 {
		return nil, &apiError{code: "invalid_arguments", detail: "filename and length are required"}
	}
	f := &File{ID: s.newID("F"), Name: a.str("filename"), Length: length}
	s.files[f.ID] = f
	return map[string]any{"ok": true, "file_id": f.ID, "upload_url": s.URL() + "/upload/" + f.ID}, nil
}

// serveUpload takes the file's bytes, raw or as the "file" part of a
// multipart form, and answers as Slack's upload host does.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	content, err := readUpload(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls["upload"]++
	if s.injectFailure(w, "upload") {
		return
	}
	f := s.files[r.PathValue("file")]
	switch {
	case f == nil:
		http.Error(w, "not found", http.StatusNotFound)
	case err != nil:
		http.Error(w, err.Error(), http.StatusBadRequest)
	default:
		f.Content, f.Uploaded = content, true
		s.notify()
		fmt.Fprintf(w, "OK - %d", len(content))
	}
}

func readUpload(r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, 64<<20)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		return io.ReadAll(r.Body)
	}
	part, _, err := r.FormFile("file")
	if err != nil {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	defer part.Close()
	return io.ReadAll(part)
}

func (s *Server) completeUpload(a args) (any, *apiError) {
	var refs []FileRef
	if err := json.Unmarshal([]byte(a.str("files")), &refs); err != nil || len(refs) == 0 {
		return nil, &apiError{code: "invalid_arguments", detail: "files must be a JSON array"}
	}
	ch, thread := a.str("channel_id"), a.str("thread_ts")
	if err := s.checkShare(ch, thread); err != nil {
		return nil, err
	}
	out := make([]FileRef, 0, len(refs))
	for _, ref := range refs {
		f := s.files[ref.ID]
		if f == nil || !f.Uploaded {
			return nil, &apiError{code: "file_not_found", detail: ref.ID}
		}
		f.Title, f.Channel, f.ThreadTS, f.InitialComment = ref.Title, ch, thread, a.str("initial_comment")
		out = append(out, FileRef{ID: f.ID, Name: f.Name, Title: f.Title, Size: len(f.Content)})
	}
	if ch != "" {
		s.shareFiles(ch, thread, a.str("initial_comment"), out)
	}
	return map[string]any{"ok": true, "files": out}, nil
}

func (s *Server) checkShare(ch, thread string) *apiError {
	if ch == "" {
		return nil
	}
	if err := s.checkChannel(ch); err != nil {
		return err
	}
	if thread != "" && s.find(ch, thread) == nil {
		return &apiError{code: "thread_not_found"}
	}
	return nil
}

// shareFiles posts the file_share message Slack adds when files are shared.
func (s *Server) shareFiles(ch, thread, comment string, files []FileRef) {
	m := &Message{Channel: ch, TS: s.nextTS(), Text: comment, SubType: "file_share", Files: files}
	if thread != "" {
		m.ThreadTS = rootTS(s.find(ch, thread))
	}
	s.store(m)
}
