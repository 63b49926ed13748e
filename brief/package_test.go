package brief

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"frontier/data"
)

// briefingStore is a store curated as a briefer leaves it: an alias with
// a colour, a group, user tags, two layers (one hidden and locked) and
// four views.
func briefingStore(t *testing.T) *data.Store {
	t.Helper()
	s := newStore(t, testEvents())
	if err := s.MergeActors([]string{"Bravo Group"}, "Bravo Front"); err != nil {
		t.Fatal(err)
	}
	red := data.RGB{R: 0xd0, G: 0x10, B: 0x10}
	c, err := s.SetActorStyleChange("Bravo Front", &red, nil)
	if err == nil {
		_, err = s.Apply(c)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetGroup("Militants", []string{"Alpha Front", "Charlie Militia"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TagEvents("Bajaur wave", []uint64{idOf(t, s, "T1"), idOf(t, s, "T2")}); err != nil {
		t.Fatal(err)
	}
	shown := addLayer(t, s, "Situation", false)
	hidden := addLayer(t, s, "Sources", true)
	putView(t, s, data.View{Title: "Overview", CenterLon: 72.2, CenterLat: 34.2, Zoom: 7, Width: 1100, Height: 640, Notes: "Start here."})
	putView(t, s, data.View{Title: "Bajaur wave", CenterLon: 71.5, CenterLat: 34.7, Zoom: 9,
		Filter: data.Filter{Tags: []string{"Bajaur wave"}, From: day("2025-07-01"), To: day("2025-07-31")}, Layers: []uint64{hidden.ID, shown.ID}})
	putView(t, s, data.View{Title: "Bravo", CenterLon: 71.58, CenterLat: 34.01, Zoom: 10,
		Filter: data.Filter{Actors: []string{"Bravo Front"}}, Selected: idOf(t, s, "T3"), Layers: []uint64{}})
	putView(t, s, data.View{Title: "Militants", CenterLon: 72, CenterLat: 34.3, Zoom: 8,
		Filter: data.Filter{Groups: []string{"Militants"}, BBox: &orb.Bound{Min: orb.Point{70.5, 33.5}, Max: orb.Point{72.5, 35}}, MinFatalities: 1}})
	return s
}

func allRows(t *testing.T, src *Source) []int32 {
	t.Helper()
	res, err := src.Index.Filter(&data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Rows
}

func csvOf(t *testing.T, src *Source) string {
	t.Helper()
	var b bytes.Buffer
	if err := src.Index.WriteCSV(&b, allRows(t, src)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// annotationsJSON is every layer's annotations without IDs and times.
func annotationsJSON(t *testing.T, src *Source) []string {
	t.Helper()
	var out []string
	for _, l := range src.Layers {
		var items []data.Annotation
		for _, a := range src.Annotations {
			if a.Layer == l.ID {
				a.ID, a.Layer, a.Created, a.Modified = 0, 0, time.Time{}, time.Time{}
				items = append(items, a)
			}
		}
		b, err := json.Marshal(struct {
			Name           string
			Hidden, Locked bool
			Items          []data.Annotation
		}{l.Name, l.Hidden, l.Locked, items})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func writePackage(t *testing.T, src *Source, rows []int32) string {
	t.Helper()
	views, err := src.Store.Views()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "brief"+PackageExt)
	rep, err := WritePackage(context.Background(), path, src, rows, nil, views)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) > 0 {
		t.Errorf("warnings: %v", rep.Warnings)
	}
	return path
}

// A package opened on a fresh store gives the same events, annotations,
// views and curation, and every view draws the same pixels.
func TestPackageOpenShowsTheSame(t *testing.T) {
	s := briefingStore(t)
	src := loadSource(t, s)
	path := writePackage(t, src, allRows(t, src))
	m, err := ReadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	if m.Counts != (PackageCounts{Events: 6, Layers: 2, Annotations: 6, Views: 4, Tagged: 2}) || m.Source != "test.db" {
		t.Errorf("manifest %+v", m)
	}
	dbPath := filepath.Join(t.TempDir(), "opened.db")
	rep, err := OpenPackage(context.Background(), path, dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Import.Added != 6 || rep.Views != 4 || rep.Annotations != 6 || rep.Tagged != 2 || len(rep.Warnings) > 0 {
		t.Errorf("report %+v", rep)
	}
	o, err := data.Open(dbPath, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	got := loadSource(t, o)

	if a, b := csvOf(t, src), csvOf(t, got); a != b {
		t.Errorf("events differ:\n%s\n%s", a, b)
	}
	if a, b := annotationsJSON(t, src), annotationsJSON(t, got); !slices.Equal(a, b) {
		t.Errorf("annotations differ:\n%v\n%v", a, b)
	}
	wantViews, _ := s.Views()
	gotViews, _ := o.Views()
	if len(gotViews) != len(wantViews) {
		t.Fatalf("%d views, want %d", len(gotViews), len(wantViews))
	}
	layerName := func(src *Source, id uint64) string {
		for _, l := range src.Layers {
			if l.ID == id {
				return l.Name
			}
		}
		return "?"
	}
	for i, w := range wantViews {
		g := gotViews[i]
		if g.Title != w.Title || g.Notes != w.Notes || g.Order != w.Order || g.CenterLon != w.CenterLon || g.CenterLat != w.CenterLat ||
			g.Zoom != w.Zoom || g.Width != w.Width || g.Height != w.Height || !reflect.DeepEqual(g.Filter, w.Filter) {
			t.Errorf("view %d: got %+v, want %+v", i, g, w)
		}
		if (g.Layers == nil) != (w.Layers == nil) || len(g.Layers) != len(w.Layers) {
			t.Errorf("view %q layers %v, want %v", w.Title, g.Layers, w.Layers)
		}
		for j := range w.Layers {
			if layerName(got, g.Layers[j]) != layerName(src, w.Layers[j]) {
				t.Errorf("view %q layer %d is %q, want %q", w.Title, j, layerName(got, g.Layers[j]), layerName(src, w.Layers[j]))
			}
		}
		if w.Selected != 0 {
			we, _ := s.EventByID(w.Selected)
			ge, err := o.EventByID(g.Selected)
			if err != nil || ge.SourceID != we.SourceID || ge.Dataset != we.Dataset {
				t.Errorf("view %q selects %v, want %s", w.Title, ge, we.SourceID)
			}
		}
		a, err := RenderView(src, w, ImageOptions{Width: 480, Height: 300})
		if err != nil {
			t.Fatal(err)
		}
		b, err := RenderView(got, g, ImageOptions{Width: 480, Height: 300})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Pix, b.Pix) {
			t.Errorf("view %q draws differently after the package", w.Title)
		}
	}
	// Curation.
	aliases, _ := o.Aliases()
	if aliases["Bravo Group"] != "Bravo Front" {
		t.Errorf("aliases %v", aliases)
	}
	groups, _ := o.Groups()
	if !slices.Equal(groups["Militants"], []string{"Alpha Front", "Charlie Militia"}) {
		t.Errorf("groups %v", groups)
	}
	tags, _ := o.Tags()
	if len(tags) != 1 || tags[0].Tag != "Bajaur wave" || tags[0].Events != 2 {
		t.Errorf("tags %+v", tags)
	}
}

// A merge keeps both stores' events, makes layer names unique and appends
// the views.
func TestPackageMergeKeepsBoth(t *testing.T) {
	s := briefingStore(t)
	src := loadSource(t, s)
	path := writePackage(t, src, allRows(t, src))

	dst := sampleStore(t)
	// This store's own "Situation" holds a drawing more than the package's.
	own := addLayer(t, dst, "Situation", false)
	extra := data.Annotation{Layer: own.ID, Kind: data.KindMarker, Points: []orb.Point{{70.9, 34.1}}, Label: "Torkham", Style: data.DefaultStyle(data.KindMarker)}
	if _, err := dst.ApplyAnnotations([]data.Annotation{extra}, nil); err != nil {
		t.Fatal(err)
	}
	putView(t, dst, data.View{Title: "Mine", Zoom: 5})
	before, _ := dst.Count()
	rep, err := MergePackage(context.Background(), dst, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := dst.Count()
	if after != before+6 || rep.Import.Added != 6 {
		t.Errorf("%d events after the merge, had %d (+%d added)", after, before, rep.Import.Added)
	}
	layers, _ := dst.Layers()
	var names []string
	for _, l := range layers {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, ","); got != "Situation,Situation (2),Sources" {
		t.Errorf("layers %s", got)
	}
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), `"Situation (2)"`) {
		t.Errorf("no warning of the renamed layer: %v", rep.Warnings)
	}
	views, _ := dst.Views()
	var titles []string
	for _, v := range views {
		titles = append(titles, v.Title)
	}
	if got := strings.Join(titles, ","); got != "Mine,Overview,Bajaur wave,Bravo,Militants" {
		t.Errorf("views %s", got)
	}
	// "Overview" showed the package's visible layers: here that is the
	// merged "Situation (2)", not this store's own "Situation".
	if ov := views[1]; len(ov.Layers) != 1 || ov.Layers[0] != layers[1].ID {
		t.Errorf("merged Overview shows layers %v, want [%d]", ov.Layers, layers[1].ID)
	}
	// Merging the same package again adds nothing: the events are
	// unchanged, the layers and views are here already.
	rep2, err := MergePackage(context.Background(), dst, path, nil)
	if err != nil || rep2.Import.Added != 0 || rep2.Import.Unchanged != 6 {
		t.Errorf("second merge %+v, %v", rep2.Import, err)
	}
	if layers2, _ := dst.Layers(); len(layers2) != len(layers) {
		t.Errorf("%d layers after merging again, had %d", len(layers2), len(layers))
	}
	if views2, _ := dst.Views(); len(views2) != len(views) || rep2.Views != 0 || len(rep2.Layers) != 0 {
		t.Errorf("%d views after merging again, had %d (report: %d views, layers %v)", len(views2), len(views), rep2.Views, rep2.Layers)
	}
	// The merged events are curated: Bravo Group reads as Bravo Front.
	ds := loadSource(t, dst)
	if res, _ := ds.Index.Filter(&data.Filter{Actors: []string{"Bravo Front"}}); len(res.Rows) != 2 {
		t.Errorf("%d events of Bravo Front after the merge, want 2", len(res.Rows))
	}
}

// A merge keeps the destination's own curation of an actor it knew.
func TestPackageMergeKeepsDestinationCuration(t *testing.T) {
	s := briefingStore(t)
	src := loadSource(t, s)
	path := writePackage(t, src, allRows(t, src))
	dst := newStore(t, testEvents()[2:3]) // knows Bravo Group
	blue := data.RGB{R: 0x10, G: 0x10, B: 0xd0}
	if err := dst.MergeActors([]string{"Bravo Group"}, "Bravo Brigade"); err != nil {
		t.Fatal(err)
	}
	c, _ := dst.SetActorStyleChange("Bravo Brigade", &blue, nil)
	if _, err := dst.Apply(c); err != nil {
		t.Fatal(err)
	}
	rep, err := MergePackage(context.Background(), dst, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	aliases, _ := dst.Aliases()
	if aliases["Bravo Group"] != "Bravo Brigade" {
		t.Errorf("the destination's alias was replaced: %v", aliases)
	}
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), `actor "Bravo Group"`) {
		t.Errorf("no warning about the kept alias: %v", rep.Warnings)
	}
}

// A package of a filter holds only those events.
func TestPackageOfAFilter(t *testing.T) {
	s := briefingStore(t)
	src := loadSource(t, s)
	res, _ := src.Index.Filter(&data.Filter{Actors: []string{"Alpha Front"}})
	views, _ := s.Views()
	path := filepath.Join(t.TempDir(), "alpha"+PackageExt)
	rep, err := WritePackage(context.Background(), path, src, res.Rows, nil, views[:1])
	if err != nil || rep.Manifest.Counts.Events != 2 {
		t.Fatalf("%+v, %v", rep.Manifest.Counts, err)
	}
	db := filepath.Join(t.TempDir(), "a.db")
	if _, err := OpenPackage(context.Background(), path, db, nil); err != nil {
		t.Fatal(err)
	}
	o, _ := data.Open(db, data.Options{ReadOnly: true})
	defer o.Close()
	if n, _ := o.Count(); n != 2 {
		t.Errorf("%d events, want 2", n)
	}
	// A view whose selected event is left out loses its selection.
	sel := views[2]
	rep, err = WritePackage(context.Background(), path, src, res.Rows, nil, []data.View{sel})
	if err != nil {
		t.Fatal(err)
	}
	db2 := filepath.Join(t.TempDir(), "b.db")
	orep, err := OpenPackage(context.Background(), path, db2, nil)
	if err != nil || !strings.Contains(strings.Join(orep.Warnings, " "), "selected event") {
		t.Errorf("open: %v, warnings %v", err, orep.Warnings)
	}
}

// Broken, foreign or hostile packages are refused before any store is
// made.
func TestPackageRefused(t *testing.T) {
	s := briefingStore(t)
	src := loadSource(t, s)
	good := writePackage(t, src, allRows(t, src))
	entries := readZip(t, good)
	dir := t.TempDir()
	cases := map[string]func(map[string][]byte){
		"no manifest": func(e map[string][]byte) { delete(e, entryManifest) },
		"no events":   func(e map[string][]byte) { delete(e, entryEvents) },
		"newer": func(e map[string][]byte) {
			e[entryManifest] = bytes.Replace(e[entryManifest], []byte(`"version": 1`), []byte(`"version": 9`), 1)
		},
		"foreign": func(e map[string][]byte) {
			e[entryManifest] = bytes.Replace(e[entryManifest], []byte(PackageFormat), []byte("kepler"), 1)
		},
		"layer outside": func(e map[string][]byte) {
			e[entryManifest] = bytes.Replace(e[entryManifest], []byte("layers/001.geojson"), []byte("../001.geojson"), 1)
		},
		"view of a missing layer": func(e map[string][]byte) {
			e[entryViews] = bytes.Replace(e[entryViews], []byte("\"layers\": [\n   1,"), []byte("\"layers\": [\n   7,"), 1)
		},
		"bad view":    func(e map[string][]byte) { e[entryViews] = []byte(`[{"title":"x","zoom":99}]`) },
		"bad JSON":    func(e map[string][]byte) { e[entryViews] = []byte(`[{"title":`) },
		"not GeoJSON": func(e map[string][]byte) { e["layers/001.geojson"] = []byte("<kml/>") },
	}
	for name, change := range cases {
		e := map[string][]byte{}
		for k, v := range entries {
			e[k] = v
		}
		change(e)
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+PackageExt)
		writeZip(t, path, e)
		db := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".db")
		if _, err := OpenPackage(context.Background(), path, db, nil); err == nil {
			t.Errorf("%s: opened", name)
		} else if !strings.Contains(err.Error(), path) {
			t.Errorf("%s: the error does not name the file: %v", name, err)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("%s: left a store behind", name)
		}
	}
	notZip := filepath.Join(dir, "plain.frontier-brief")
	os.WriteFile(notZip, []byte("event_id_cnty,event_date\n"), 0o644)
	if _, err := OpenPackage(context.Background(), notZip, filepath.Join(dir, "p.db"), nil); err == nil || !strings.Contains(err.Error(), "not a briefing package") {
		t.Errorf("a CSV opened as a package: %v", err)
	}
	// The store to build must not exist.
	existing := filepath.Join(dir, "existing.db")
	os.WriteFile(existing, nil, 0o644)
	if _, err := OpenPackage(context.Background(), good, existing, nil); err == nil {
		t.Error("opened over an existing file")
	}
}

// An entry that holds more than its header says is refused.
func TestPackageEntryLongerThanDeclared(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: entryManifest, Method: zip.Store, CompressedSize64: 100, UncompressedSize64: 10, CRC32: 0})
	w.Write(bytes.Repeat([]byte(" "), 100))
	zw.Close()
	p, err := newPkgReader("lying.zip", bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.readAll(entryManifest); err == nil {
		t.Error("read an entry past its declared size")
	}
}

// A cancelled package write leaves no file.
func TestPackageWriteCancel(t *testing.T) {
	s := briefingStore(t)
	src := loadSource(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(t.TempDir(), "x"+PackageExt)
	if _, err := WritePackage(ctx, path, src, allRows(t, src), nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled write: %v", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(path)); len(ents) != 0 {
		t.Errorf("left %v", ents)
	}
}

func readZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b := new(bytes.Buffer)
		b.ReadFrom(rc)
		rc.Close()
		out[f.Name] = b.Bytes()
	}
	return out
}

func writeZip(t *testing.T, path string, entries map[string][]byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, _ := zw.Create(n)
		w.Write(entries[n])
	}
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Entries read whole into memory (everything but the events) are bounded
// together: many layers, each under its own limit, cannot add up to a
// bomb. The events alone may be far larger.
func TestPackageOtherEntriesBoundedTogether(t *testing.T) {
	build := func(sizes map[string]uint64) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, n := range sizes {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, CompressedSize64: 1, UncompressedSize64: n})
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte{' '})
		}
		zw.Close()
		return buf.Bytes()
	}
	layers := map[string]uint64{}
	for i := range 3 {
		layers[fmt.Sprintf("layers/%03d.geojson", i)] = MaxPackageJSON - 1 // each allowed alone
	}
	b := build(layers)
	if _, err := newPkgReader("layers.zip", bytes.NewReader(b), int64(len(b))); err == nil || !strings.Contains(err.Error(), "more than 512 MiB") {
		t.Errorf("three 256 MiB layers: %v", err)
	}
	b = build(map[string]uint64{entryEvents: 4 << 30, entryManifest: 100})
	if _, err := newPkgReader("events.zip", bytes.NewReader(b), int64(len(b))); err != nil {
		t.Errorf("a 4 GiB events entry was refused: %v", err)
	}
}
