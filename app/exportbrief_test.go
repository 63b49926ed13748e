package app

import (
	"context"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontier/brief"
	"frontier/data"
)

// briefEnv is a window, a real store with the 6 test events and two saved
// views, and file choosers that answer with paths in dir.
type briefEnv struct {
	w     fyne.Window
	store *data.Store
	src   *brief.Source
	q     *uiQueue
	dir   string
	view  data.View
}

func newBriefEnv(t *testing.T) *briefEnv {
	t.Helper()
	test.NewTempApp(t)
	dir := t.TempDir()
	store, err := data.Open(filepath.Join(dir, "brief.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	for _, f := range []string{"acled_current.csv", "acled_2019.csv"} {
		if _, err := store.ImportFile(context.Background(), filepath.Join("..", "data", "testdata", f), nil); err != nil {
			t.Fatal(err)
		}
	}
	views := []data.View{
		{Title: "Khar", CenterLon: 71.52, CenterLat: 34.73, Zoom: 8, Notes: "The rally.",
			Filter: data.Filter{From: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)}},
		{Title: "Region", CenterLon: 69, CenterLat: 33, Zoom: 5},
	}
	for i := range views {
		if err := store.PutView(&views[i]); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := data.LoadIndex(store)
	if err != nil {
		t.Fatal(err)
	}
	src, err := newBriefSource(store, ix)
	if err != nil {
		t.Fatal(err)
	}
	q := &uiQueue{}
	postToUI = q.post
	t.Cleanup(func() { postToUI = fyne.Do })
	save, folder, open := chooseSavePath, chooseFolder, chooseOpenPath
	t.Cleanup(func() { chooseSavePath, chooseFolder, chooseOpenPath = save, folder, open })
	chooseSavePath = func(_ fyne.Window, name, ext string, cb func(string)) { cb(filepath.Join(dir, name)) }
	chooseFolder = func(_ fyne.Window, cb func(string)) { cb(filepath.Join(dir, "folder")) }
	w := test.NewTempWindow(t, widget.NewLabel("map"))
	w.Resize(fyne.NewSize(1200, 900))
	return &briefEnv{w: w, store: store, src: src, q: q, dir: dir, view: views[0]}
}

// wait lets the briefing jobs finish and runs what they posted.
func (e *briefEnv) wait() {
	for {
		briefJobs.Wait()
		fns := e.q.take()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

func (e *briefEnv) current() (*brief.Source, data.View, error) { return e.src, e.view, nil }

// topDialogText is the text of the labels in the window's top overlay.
func topDialogText(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	for _, o := range test.LaidOutObjects(top) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *canvas.Text:
			b.WriteString(v.Text + "\n")
		}
	}
	return b.String()
}

func pngSize(t *testing.T, path string) (int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Width, cfg.Height
}

// File → Export image… writes a PNG of the chosen size: a preset, or a
// custom size typed in; a size past 8K is refused with nothing written.
func TestImageExportWritesTheChosenSize(t *testing.T) {
	e := newBriefEnv(t)
	d := showImageExport(e.w, e.current)
	if d.title.Text != "Khar" || d.size.width.Text != "1920" {
		t.Fatalf("dialog starts with title %q, width %q", d.title.Text, d.size.width.Text)
	}
	d.size.pick.SetSelected("3840 × 2160 (4K)")
	test.Tap(d.export)
	e.wait()
	if d.written == "" {
		t.Fatalf("nothing written; dialog: %s", topDialogText(e.w))
	}
	if w, h := pngSize(t, d.written); w != 3840 || h != 2160 {
		t.Errorf("the 4K preset wrote %d×%d", w, h)
	}
	if !strings.Contains(topDialogText(e.w), "3840 × 2160") {
		t.Errorf("the result dialog says %q", topDialogText(e.w))
	}

	d = showImageExport(e.w, e.current)
	d.size.pick.SetSelected(customSize)
	d.size.width.SetText("")
	test.Type(d.size.width, "1000")
	d.size.height.SetText("")
	test.Type(d.size.height, "600")
	d.title.SetText("Custom title")
	test.Tap(d.export)
	e.wait()
	if w, h := pngSize(t, filepath.Join(e.dir, "custom-title.png")); w != 1000 || h != 600 {
		t.Errorf("the custom size wrote %d×%d", w, h)
	}

	d = showImageExport(e.w, e.current)
	d.size.pick.SetSelected(customSize)
	d.size.width.SetText("9000")
	d.title.SetText("Too big")
	test.Tap(d.export)
	e.wait()
	if d.job != nil {
		t.Error("a 9000-pixel image was started")
	}
	if _, err := os.Stat(filepath.Join(e.dir, "too-big.png")); !os.IsNotExist(err) {
		t.Error("a refused size wrote a file")
	}
}

// File → Export deck… writes the views as numbered PNGs or one PDF.
func TestDeckExportDialog(t *testing.T) {
	e := newBriefEnv(t)
	deck := func() (*brief.Source, []data.View, error) {
		v, err := e.store.Views()
		return e.src, v, err
	}
	d := showDeckExport(e.w, deck)
	d.format.SetSelected(deckPNG)
	if !d.notes.Disabled() {
		t.Error("the PDF options are enabled for PNGs")
	}
	d.size.pick.SetSelected(customSize)
	d.size.width.SetText("640")
	d.size.height.SetText("360")
	test.Tap(d.export)
	e.wait()
	if len(d.written) != 2 || filepath.Base(d.written[0]) != "01-khar.png" || filepath.Base(d.written[1]) != "02-region.png" {
		t.Fatalf("wrote %v; dialog %s", d.written, topDialogText(e.w))
	}
	if w, h := pngSize(t, d.written[1]); w != 640 || h != 360 {
		t.Errorf("slide is %d×%d", w, h)
	}
	d = showDeckExport(e.w, deck)
	d.format.SetSelected(deckPDF)
	d.notes.SetChecked(true)
	d.size.pick.SetSelected(customSize)
	d.size.width.SetText("800")
	d.size.height.SetText("450")
	test.Tap(d.export)
	e.wait()
	if len(d.written) != 1 {
		t.Fatalf("PDF not written: %s", topDialogText(e.w))
	}
	body, _ := os.ReadFile(d.written[0])
	if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(body, -1)); n != 2 {
		t.Errorf("PDF of %d pages, want 2", n)
	}
}

// File → Export animation… starts from the view's window and writes a GIF
// with a frame per step; Cancel stops it and leaves nothing.
func TestAnimationExportDialog(t *testing.T) {
	e := newBriefEnv(t)
	a := showAnimationExport(e.w, e.current)
	if a.from.Text != "2024-03-01" || a.to.Text != "2024-03-31" || a.frames.Text != "5 frames" {
		t.Fatalf("prefilled %s – %s, %q", a.from.Text, a.to.Text, a.frames.Text)
	}
	a.step.SetText("14d")
	if a.frames.Text != "3 frames" {
		t.Errorf("14-day steps: %q", a.frames.Text)
	}
	a.size.pick.SetSelected("960 × 540")
	test.Tap(a.export)
	e.wait()
	if a.written == "" || a.count != 3 {
		t.Fatalf("wrote %q (%d frames): %s", a.written, a.count, topDialogText(e.w))
	}
	f, err := os.Open(a.written)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(f)
	f.Close()
	if err != nil || len(g.Image) != 3 || g.Config.Width != 960 || g.Config.Height != 540 {
		t.Fatalf("GIF: %v, %d frames", err, len(g.Image))
	}

	// A long animation, cancelled at once.
	a = showAnimationExport(e.w, e.current)
	a.from.SetText("2000-01-01")
	a.to.SetText("2024-12-31")
	a.step.SetText("7d")
	a.view.Title = "Long"
	a.size.pick.SetSelected("960 × 540")
	test.Tap(a.export)
	if a.job == nil {
		t.Fatal("no job started")
	}
	test.Tap(a.job.cancelBtn)
	e.wait()
	if a.written != "" {
		t.Error("the cancelled animation reports a file")
	}
	if _, err := os.Stat(filepath.Join(e.dir, "long.gif")); !os.IsNotExist(err) {
		t.Error("the cancelled animation left its GIF")
	}
	if !strings.Contains(topDialogText(e.w), "Cancelled") {
		t.Errorf("the dialog says %q", topDialogText(e.w))
	}
}

// A package exported from the dialog opens as a temporary store holding
// the same events and views, and merges into the store.
func TestPackageDialogs(t *testing.T) {
	e := newBriefEnv(t)
	res, _ := e.src.Index.Filter(&data.Filter{})
	views, _ := e.store.Views()
	p := showPackageExport(e.w, func() (*brief.Source, []int32, []data.View, error) { return e.src, res.Rows, views, nil })
	test.Tap(p.export)
	e.wait()
	if p.written == "" {
		t.Fatalf("no package: %s", topDialogText(e.w))
	}
	var opened string
	chooseOpenPath = func(_ fyne.Window, ext string, cb func(string)) {
		if ext != brief.PackageExt {
			t.Errorf("open asks for %s files", ext)
		}
		cb(p.written)
	}
	showOpenPackage(e.w, func(store string, rep brief.PackageReport) {
		opened = store
		if rep.Import.Added != 6 || rep.Views != 2 {
			t.Errorf("open report %+v", rep)
		}
	})
	e.wait()
	if opened == "" {
		t.Fatalf("not opened: %s", topDialogText(e.w))
	}
	s, err := data.Open(opened, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := s.Count()
	vs, _ := s.Views()
	s.Close()
	if n != 6 || len(vs) != 2 || vs[0].Title != "Khar" {
		t.Errorf("opened store: %d events, views %v", n, vs)
	}
	// The package shows in a window of its own at its first view; closing
	// that window removes the temporary store.
	q := &uiQueue{}
	postToUI = q.post
	t.Cleanup(func() { postToUI = fyne.Do })
	ps, err := openPackageWindow(fyne.CurrentApp(), opened)
	if err != nil {
		t.Fatal(err)
	}
	queues[ps.ui] = q
	t.Cleanup(func() { delete(queues, ps.ui) })
	settle(ps.ui)
	if got := ps.ui.st.ix.Len(); got != 6 {
		t.Errorf("the package window shows %d events, want 6", got)
	}
	if !sameFilter(&ps.ui.st.filter, &vs[0].Filter) {
		t.Errorf("the package window's filter %+v is not its first view's %+v", ps.ui.st.filter, vs[0].Filter)
	}
	ps.w.Close()
	postToUI = fyne.Do // the dialogs below post as the app does
	if _, err := os.Stat(filepath.Dir(opened)); !os.IsNotExist(err) {
		t.Error("closing the package window did not remove the temporary store")
	}
	if err := removePackageTemp(filepath.Join(e.dir, "brief.db")); err == nil {
		t.Error("removePackageTemp would remove a store it did not make")
	}
	// Merging into the store itself, once confirmed, changes no event and
	// adds the views.
	merged := false
	showMergePackage(e.w, e.store, func(rep brief.PackageReport) {
		merged = true
		if rep.Import.Unchanged != 6 || rep.Views != 2 {
			t.Errorf("merge report %+v", rep)
		}
	})
	if text := topDialogText(e.w); !strings.Contains(text, "6 events") || !strings.Contains(text, "2 saved views") {
		t.Errorf("the merge asks %q", text)
	}
	tapButton(t, e.w, "Yes")
	e.wait()
	if vs, _ := e.store.Views(); !merged || len(vs) != 4 {
		t.Errorf("merged %v, %d views", merged, len(vs))
	}
}

// tapButton taps the button labelled label in the window's top overlay.
func tapButton(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no %q button in %q", label, topDialogText(w))
}
