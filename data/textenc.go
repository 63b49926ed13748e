package data

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// skipBOM returns r without a leading UTF-8 byte-order mark.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64*1024)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	return br
}

// fixText returns s as valid UTF-8: text that is not UTF-8 is read as
// Windows-1252, the usual encoding of spreadsheets saved on Windows. The
// second result says whether the fallback was used.
func fixText(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return string(bytes.ToValidUTF8([]byte(s), []byte("\uFFFD"))), true
	}
	return out, true
}
