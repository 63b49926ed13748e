package storeshare

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
)

// Operations a client may ask for.
const (
	opWho  = "who"
	opCopy = "copy"
)

// maxLine bounds a request or reply line, newline included.
const maxLine = 4096

// request is what a client asks: one JSON line.
type request struct {
	Op   string `json:"op"`
	Path string `json:"path,omitempty"` // copy: the absolute file to write
}

// reply is one JSON line of an answer: progress while a copy is written
// (Final false), then the final line with the holder, the copy's size or
// the error.
type reply struct {
	Final  bool    `json:"final"`
	Holder *Holder `json:"holder,omitempty"`
	Done   int64   `json:"done,omitempty"`
	Total  int64   `json:"total,omitempty"`
	Size   int64   `json:"size,omitempty"`
	Error  string  `json:"error,omitempty"`
}

// parseRequest reads and checks one request line (without its newline).
func parseRequest(line []byte) (request, error) {
	var r request
	if len(line) >= maxLine {
		return r, fmt.Errorf("request longer than %d bytes", maxLine-1)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return request{}, fmt.Errorf("request is not a JSON object: %w", err)
	}
	if dec.More() {
		return request{}, errors.New("request has more than one JSON value")
	}
	switch r.Op {
	case opWho:
		if r.Path != "" {
			return request{}, errors.New(`request "who" takes no path`)
		}
	case opCopy:
		if r.Path == "" || !filepath.IsAbs(r.Path) || filepath.Clean(r.Path) != r.Path {
			return request{}, fmt.Errorf("request \"copy\": path %q is not a clean absolute path", r.Path)
		}
	default:
		return request{}, fmt.Errorf("unknown request %q", r.Op)
	}
	return r, nil
}

// parseReply reads one reply line (without its newline).
func parseReply(line []byte) (reply, error) {
	var r reply
	if len(line) >= maxLine {
		return r, fmt.Errorf("reply longer than %d bytes", maxLine-1)
	}
	if err := json.Unmarshal(line, &r); err != nil {
		return reply{}, fmt.Errorf("reply is not a JSON object: %w", err)
	}
	if r.Done < 0 || r.Total < 0 || r.Size < 0 {
		return reply{}, errors.New("reply has a negative size")
	}
	return r, nil
}

// encodeLine marshals v as one line with its newline.
func encodeLine(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil { // request and reply always marshal
		panic(err)
	}
	return append(b, '\n')
}
