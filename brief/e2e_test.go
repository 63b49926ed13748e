package brief

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"testing"

	"frontier/data"
)

// The walk-through without a window: from the sample, a
// five-view deck with annotations exports to a PDF of five pages and a
// GIF, and its package opens on a second store that draws every view
// pixel for pixel the same.
func TestSampleDeckEndToEnd(t *testing.T) {
	s := sampleStore(t)
	situation := addLayer(t, s, "Situation", false)
	addLayer(t, s, "Sources", true)
	ix, err := data.LoadIndex(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []data.View{
		{Title: "The frontier, 2025–26", CenterLon: 69.5, CenterLat: 32.5, Zoom: 5.5},
		{Title: "Bajaur, autumn 2025", CenterLon: 71.5, CenterLat: 34.7, Zoom: 8.5, Notes: "The October wave.",
			Filter: data.Filter{From: day("2025-09-01"), To: day("2025-11-30")}, Layers: []uint64{situation.ID}},
		{Title: "TTP", CenterLon: 70.5, CenterLat: 33, Zoom: 6.5, Filter: data.Filter{Actors: []string{"TTP: Tehrik-i-Taliban Pakistan"}}},
		{Title: "Deadliest", CenterLon: 70, CenterLat: 32.5, Zoom: 6, Filter: data.Filter{MinFatalities: 5}, Selected: ix.ID[ix.Len()/2]},
		{Title: "Balochistan", CenterLon: 66.5, CenterLat: 29.5, Zoom: 6.2, Filter: data.Filter{From: day("2026-01-01")}},
	} {
		putView(t, s, v)
	}
	src := loadSource(t, s)
	views, _ := s.Views()
	var pdf bytes.Buffer
	if err := WriteDeckPDF(context.Background(), src, views, &pdf, PDFOptions{Image: ImageOptions{Width: 1280, Height: 720}, Notes: true}, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(pdfPageObject.FindAll(pdf.Bytes(), -1)); n != 5 {
		t.Errorf("PDF of %d pages", n)
	}
	dir := t.TempDir()
	pdfPath := filepath.Join(dir, "deck.pdf")
	if err := WriteFile(pdfPath, func(w io.Writer) error { _, err := w.Write(pdf.Bytes()); return err }); err != nil {
		t.Fatal(err)
	}
	checkWithPDFInfo(t, pdfPath, 5)
	n, err := Animate(context.Background(), src, AnimOptions{View: views[1], Filter: views[1].Filter, From: day("2025-09-01"), To: day("2025-11-30"),
		Step: Step{7, Days}, Width: 640, Height: 360}, filepath.Join(dir, "bajaur.gif"), nil)
	if err != nil || n != 13 {
		t.Fatalf("GIF: %d frames, %v", n, err)
	}
	pkg := filepath.Join(dir, "deck"+PackageExt)
	res, _ := src.Index.Filter(&data.Filter{})
	if _, err := WritePackage(context.Background(), pkg, src, res.Rows, nil, views); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "second.db")
	if _, err := OpenPackage(context.Background(), pkg, db, nil); err != nil {
		t.Fatal(err)
	}
	second, err := data.Open(db, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	got := loadSource(t, second)
	gotViews, _ := second.Views()
	for i := range views {
		a, err1 := RenderView(src, views[i], ImageOptions{Width: 960, Height: 540})
		b, err2 := RenderView(got, gotViews[i], ImageOptions{Width: 960, Height: 540})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(a.Pix, b.Pix) {
			t.Errorf("view %q draws differently on the second store", views[i].Title)
		}
	}
}
