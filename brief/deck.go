package brief

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"frontier/data"
	"frontier/mapview"
)

// Progress is told how many of total items are done; it may be nil.
type Progress func(done, total int)

func (p Progress) report(done, total int) {
	if p != nil {
		p(done, total)
	}
}

// DefaultDeckSize is the image size of a deck's slides when the options
// give none.
const DefaultDeckWidth, DefaultDeckHeight = 1920, 1080

func deckOptions(opt ImageOptions) ImageOptions {
	if opt.Width == 0 && opt.Height == 0 {
		opt.Width, opt.Height = DefaultDeckWidth, DefaultDeckHeight
	}
	return opt
}

// DeckFileName is the name of slide i (0-based) of n with title t:
// "01-title.png", numbered with at least two digits (more for a deck of
// 100 or more) and the title cut to a file-name-safe slug.
func DeckFileName(i, n int, title string) string {
	digits := max(2, len(fmt.Sprint(n)))
	slug := Slug(title)
	if slug == "" {
		return fmt.Sprintf("%0*d.png", digits, i+1)
	}
	return fmt.Sprintf("%0*d-%s.png", digits, i+1, slug)
}

// Slug turns a title into a lower-case file-name part: letters and digits
// (any script) kept, every other run of characters a single dash, at most
// 48 characters.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	n := 0
	for _, r := range strings.ToLower(title) {
		if n >= 48 {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			b.WriteRune(r)
			n++
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// WriteDeckPNGs draws views (a deck, in order) into dir, creating it, as
// numbered PNG files (see DeckFileName), each written whole or not at all.
// It returns the paths written. Cancelling ctx stops between slides.
func WriteDeckPNGs(ctx context.Context, src *Source, views []data.View, dir string, opt ImageOptions, progress Progress) ([]string, error) {
	opt = deckOptions(opt)
	if len(views) == 0 {
		return nil, fmt.Errorf("deck: no views")
	}
	if err := CheckSize(opt.Width, opt.Height); err != nil {
		return nil, fmt.Errorf("deck: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("deck: %w", err)
	}
	r := mapview.NewRenderer(src.Base)
	var f mapview.Frame
	var out []string
	progress.report(0, len(views))
	for i := range views {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("deck: %w", err)
		}
		if _, err := renderViewInto(src, r, &f, &views[i], &opt); err != nil {
			return out, fmt.Errorf("deck: %w", err)
		}
		path := filepath.Join(dir, DeckFileName(i, len(views), views[i].Title))
		if err := WritePNG(path, f.Img); err != nil {
			return out, fmt.Errorf("deck: %w", err)
		}
		out = append(out, path)
		progress.report(i+1, len(views))
	}
	return out, nil
}

// PDFOptions say how WriteDeckPDF lays out its pages.
type PDFOptions struct {
	// Image is how each view is drawn (default size 1920×1080).
	Image ImageOptions
	// PageSize is "A4" (the default), "A3" or "Letter"; pages are
	// landscape.
	PageSize string
	// PageTitles writes each view's title above its image, which is then
	// drawn without its own.
	PageTitles bool
	// Notes writes each view's speaker notes under its image.
	Notes bool
}

// PDF page geometry, in millimetres and points.
const (
	pdfMargin     = 10.0
	pdfTitleSize  = 18.0 // pt
	pdfNotesSize  = 11.0 // pt
	pdfNotesLines = 14   // at most, then "…"
)

// WriteDeckPDF writes views (a deck, in order) to w as a PDF with one
// landscape page per view: the view's image fitted to the page, with its
// title above and its speaker notes below when opt asks. Text is set in
// the Go fonts (embedded, any Latin, Greek or Cyrillic script). Cancelling
// ctx stops between slides; nothing is written to w then.
func WriteDeckPDF(ctx context.Context, src *Source, views []data.View, w io.Writer, opt PDFOptions, progress Progress) error {
	img := deckOptions(opt.Image)
	if opt.PageTitles {
		img.NoTitle = true
	}
	if len(views) == 0 {
		return fmt.Errorf("deck PDF: no views")
	}
	if err := CheckSize(img.Width, img.Height); err != nil {
		return fmt.Errorf("deck PDF: %w", err)
	}
	size := opt.PageSize
	switch strings.ToUpper(size) {
	case "":
		size = "A4"
	case "A4", "A3", "LETTER":
	default:
		return fmt.Errorf("deck PDF: page size %q: want A4, A3 or Letter", opt.PageSize)
	}
	pdf := fpdf.New("L", "mm", size, "")
	pdf.SetCreator("Frontier", true)
	pdf.SetTitle(views[0].Title, true)
	pdf.SetCreationDate(time.Now())
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	r := mapview.NewRenderer(src.Base)
	var f mapview.Frame
	var buf bytes.Buffer
	progress.report(0, len(views))
	for i := range views {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("deck PDF: %w", err)
		}
		v := &views[i]
		if _, err := renderViewInto(src, r, &f, v, &img); err != nil {
			return fmt.Errorf("deck PDF: %w", err)
		}
		buf.Reset()
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, f.Img); err != nil {
			return fmt.Errorf("deck PDF: view %q: %w", v.Title, err)
		}
		name := fmt.Sprintf("view%d", i+1)
		pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, &buf)
		pdfPage(pdf, name, v, img, opt)
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("deck PDF: view %q: %w", v.Title, err)
		}
		progress.report(i+1, len(views))
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("deck PDF: %w", err)
	}
	return nil
}

// pdfPage lays out one slide: title, image fitted and centred, notes.
func pdfPage(pdf *fpdf.Fpdf, image string, v *data.View, img ImageOptions, opt PDFOptions) {
	pdf.AddPage()
	pw, ph := pdf.GetPageSize()
	top, bottom := pdfMargin, ph-pdfMargin
	width := pw - 2*pdfMargin
	ptToMM := 25.4 / 72
	if opt.PageTitles {
		pdf.SetFont("go", "B", pdfTitleSize)
		pdf.SetTextColor(0x2b, 0x2b, 0x33)
		lh := pdfTitleSize * ptToMM * 1.3
		pdf.SetXY(pdfMargin, top)
		pdf.CellFormat(width, lh, fitPDF(pdf, v.Title, width), "", 0, "L", false, 0, "")
		top += lh + 2
	}
	if opt.Notes && strings.TrimSpace(v.Notes) != "" {
		pdf.SetFont("go", "", pdfNotesSize)
		pdf.SetTextColor(0x33, 0x33, 0x3a)
		lh := pdfNotesSize * ptToMM * 1.35
		lines := wrapPDF(pdf, v.Notes, width)
		if len(lines) > pdfNotesLines {
			lines = lines[:pdfNotesLines]
			lines[len(lines)-1] = fitPDF(pdf, lines[len(lines)-1]+" …", width)
		}
		y := bottom - float64(len(lines))*lh
		for _, l := range lines {
			pdf.SetXY(pdfMargin, y)
			pdf.CellFormat(width, lh, l, "", 0, "L", false, 0, "")
			y += lh
		}
		bottom -= float64(len(lines))*lh + 3
	}
	// The image, fitted into the space left and centred.
	aw, ah := width, bottom-top
	iw, ih := aw, aw*float64(img.Height)/float64(img.Width)
	if ih > ah {
		iw, ih = ah*float64(img.Width)/float64(img.Height), ah
	}
	pdf.ImageOptions(image, pdfMargin+(aw-iw)/2, top+(ah-ih)/2, iw, ih, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
}

// wrapPDF breaks text into lines at most width wide in the current font:
// at its newlines, then between words, and inside a word longer than a
// line.
func wrapPDF(pdf *fpdf.Fpdf, text string, width float64) []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if pdf.GetStringWidth(try) <= width {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			// A word wider than a line is cut where it must be.
			for pdf.GetStringWidth(word) > width {
				cut := []rune(word)
				n := len(cut) - 1
				for n > 1 && pdf.GetStringWidth(string(cut[:n])) > width {
					n--
				}
				out = append(out, string(cut[:n]))
				word = string(cut[n:])
			}
			line = word
		}
		out = append(out, line)
	}
	return out
}

// fitPDF shortens s with an ellipsis to at most width in the current font.
func fitPDF(pdf *fpdf.Fpdf, s string, width float64) string {
	if pdf.GetStringWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		if t := strings.TrimRight(string(r[:n]), " ") + "…"; pdf.GetStringWidth(t) <= width {
			return t
		}
	}
	return ""
}
