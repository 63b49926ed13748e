package cli

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"frontier/data"
)

// oneEventCSV is an ACLED export with a single event at 70.5E 33.5N.
const oneEventCSV = `event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
TST1,2024-03-21,2024,1,Political violence,Battles,Armed clash,Test Actor,,Rebel group,,,,,,586,Southern Asia,Pakistan,Khyber Pakhtunkhwa,Bannu,,Testville,33.5,70.5,1,Test,National,Note,0,,1711234567
`

func decodePNG(t *testing.T, path string) *image.RGBA {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	rgba, ok := img.(*image.RGBA)
	if !ok {
		b := img.Bounds()
		rgba = image.NewRGBA(b)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				rgba.Set(x, y, img.At(x, y))
			}
		}
	}
	return rgba
}

// With --bbox, a known event lands on the pixel the bbox maths says: the
// extent is exact when the size has its aspect, and grows around its
// centre otherwise. The expected pixel is computed here from the Mercator
// formula, not with the renderer's own viewport code.
func TestRenderBBoxPutsEventOnItsPixel(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	csv := filepath.Join(dir, "one.csv")
	if err := os.WriteFile(csv, []byte(oneEventCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, db, "import", csv); code != ExitOK {
		t.Fatalf("import: %s", errs)
	}
	merc := func(lon, lat float64) (x, y float64) {
		s := math.Sin(lat * math.Pi / 180)
		return (lon + 180) / 360, 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	}
	ex, ey := merc(70.5, 33.5) // the event
	for _, tt := range []struct {
		w, s, e, n float64
		width      int
		height     int // 0: the bbox's own aspect
	}{
		{70.1, 33.2, 71.9, 34.6, 900, 0},   // exact extent, event off centre
		{69.0, 32.8, 72.0, 35.0, 640, 0},   // exact, another zoom
		{70.0, 33.0, 72.0, 34.0, 600, 600}, // grows vertically
		{70.2, 33.3, 70.9, 34.4, 900, 300}, // grows horizontally
	} {
		minX, maxY := merc(tt.w, tt.s)
		maxX, minY := merc(tt.e, tt.n)
		h := tt.height
		if h == 0 {
			h = int(math.Round(float64(tt.width) * (maxY - minY) / (maxX - minX)))
		}
		// Pixels per unit: the bbox fills one dimension exactly.
		ppu := math.Min(float64(tt.width)/(maxX-minX), float64(h)/(maxY-minY))
		px := float64(tt.width)/2 + (ex-(minX+maxX)/2)*ppu
		py := float64(h)/2 + (ey-(minY+maxY)/2)*ppu
		out := filepath.Join(dir, "map.png")
		bbox := fmt.Sprintf("%g,%g,%g,%g", tt.w, tt.s, tt.e, tt.n)
		size := fmt.Sprintf("%dx%d", tt.width, h)
		code, _, errs := run(t, db, "render", "--out", out, "--bbox", bbox, "--size", size, "--no-labels")
		if code != ExitOK {
			t.Fatalf("render %s: exit %d: %s", bbox, code, errs)
		}
		img := decodePNG(t, out)
		if img.Rect.Dx() != tt.width || img.Rect.Dy() != h {
			t.Fatalf("image %v, want %s", img.Rect, size)
		}
		c := data.ActorColor(data.Actor{Name: "Test Actor"})
		want := color.RGBA{c.R, c.G, c.B, 255}
		if got := img.RGBAAt(int(px), int(py)); got != want {
			t.Errorf("bbox %s size %s: pixel (%d,%d) is %v, want the actor's colour %v", bbox, size, int(px), int(py), got, want)
		}
		// A few pixels away, off the 3-pixel dot, is not the actor's colour.
		if got := img.RGBAAt(int(px)+6, int(py)); got == want {
			t.Errorf("bbox %s: the actor's colour reaches 6 px right of the event", bbox)
		}
	}
}

func TestRenderSampleWithTitle(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "sample.png")
	code, _, errs := run(t, filepath.Join(dir, "none.db"), "render", "--sample", "--out", out, "--title", "Frontier sample", "--size", "800x500")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "124 events") {
		t.Errorf("stderr %q does not report the events drawn", errs)
	}
	img := decodePNG(t, out)
	// The title panel is near-white at the top left.
	if c := img.RGBAAt(10, 10); c.R < 0xe0 || c.G < 0xe0 {
		t.Errorf("no title panel at the top left: %v", c)
	}
	// The attribution panel is drawn at the bottom right.
	if c := img.RGBAAt(795, 495); c.R < 0xe0 {
		t.Errorf("no attribution panel at the bottom right: %v", c)
	}
}

func TestRenderUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	for _, args := range [][]string{
		{"render"},
		{"render", "--out", "x.png", "--size", "10x10"},
		{"render", "--out", "x.png", "--size", "wide"},
		{"render", "--out", "x.png", "--bbox", "1,2,3"},
		{"render", "--out", "x.png", "--bbox", "60,20,70,30", "--zoom", "5"},
		{"render", "--out", "x.png", "--center", "70,33"},
		{"render", "--out", "x.png", "--zoom", "5"},
		{"render", "--out", "x.png", "--center", "700,33", "--zoom", "5"},
		{"render", "--out", "x.png", "--center", "70,33", "--zoom", "30"},
		{"render", "--out", "x.png", "--scale", "9"},
	} {
		if code, _, errs := run(t, db, args...); code != ExitUsage || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want a one-line usage error", args, code, errs)
		}
	}
	// No store: a plain failure naming the path.
	if code, _, errs := run(t, db, "render", "--out", filepath.Join(t.TempDir(), "x.png")); code != ExitFailed || !strings.Contains(errs, db) {
		t.Errorf("no store: exit %d, %q", code, errs)
	}
}

// BenchmarkRenderSample is `frontier render --sample` end to end: a
// temporary store with the sample, the index, the basemap, the frame and
// the PNG (target ≤ 0.5 s).
func BenchmarkRenderSample(b *testing.B) {
	dir := b.TempDir()
	out := filepath.Join(dir, "sample.png")
	env := &Env{Stdout: io.Discard, Stderr: io.Discard}
	for b.Loop() {
		if code := Run(env, []string{"render", "--sample", "--out", out}); code != ExitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

// annotStore writes a store with no events and these annotation layers:
// "Areas" (order 1) with a big opaque red square round 71E 34N; "Top"
// (order 5, made first so its ID is lower) with a yellow square over the
// red one's east half; "Secret", hidden, with a blue square round 72.5E
// 34N; "Dated" with a green square round 71E 33.4N valid 2024-03-01 to
// 2024-03-10.
func annotStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "s.db")
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	square := func(layer uint64, lon, lat, half float64, fill string) data.Annotation {
		a := data.Annotation{Layer: layer, Kind: data.KindPolygon, Style: data.DefaultStyle(data.KindPolygon), Points: []orb.Point{
			{lon - half, lat - half}, {lon + half, lat - half}, {lon + half, lat + half}, {lon - half, lat + half},
		}}
		a.Style.Fill, a.Style.FillOpacity, a.Style.StrokeWidth = fill, 1, 0
		return a
	}
	top := data.Layer{Name: "Top", Order: 5}
	areas := data.Layer{Name: "Areas", Order: 1}
	secret := data.Layer{Name: "Secret", Order: 2, Hidden: true}
	dated := data.Layer{Name: "Dated", Order: 3}
	for _, l := range []*data.Layer{&top, &areas, &secret, &dated} {
		if err := s.PutLayer(l); err != nil {
			t.Fatal(err)
		}
	}
	d := square(dated.ID, 71, 33.4, 0.15, "#00ff00")
	d.ValidFrom = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	d.ValidTo = time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)
	if _, err := s.ApplyAnnotations([]data.Annotation{
		square(top.ID, 71.4, 34, 0.2, "#ffff00"),
		square(areas.ID, 71, 34, 0.4, "#ff0000"),
		square(secret.ID, 72.5, 34, 0.2, "#0000ff"),
		d,
	}, nil); err != nil {
		t.Fatal(err)
	}
	return db
}

// `render` draws the visible annotation layers in Layer.Order, or those
// --layers names (hidden ones too), or none, and only the annotations
// that show in the --from/--to window; an unknown layer is a usage error
// that lists the layers.
func TestRenderAnnotationLayers(t *testing.T) {
	db := annotStore(t)
	out := filepath.Join(t.TempDir(), "map.png")
	// The bbox's own aspect, so pixels follow from the Mercator formula.
	merc := func(lon, lat float64) (x, y float64) {
		s := math.Sin(lat * math.Pi / 180)
		return (lon + 180) / 360, 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	}
	minX, maxY := merc(70, 33)
	maxX, minY := merc(73, 35)
	w := 600
	h := int(math.Round(float64(w) * (maxY - minY) / (maxX - minX)))
	at := func(img *image.RGBA, lon, lat float64) color.RGBA {
		x, y := merc(lon, lat)
		return img.RGBAAt(int(float64(w)*(x-minX)/(maxX-minX)), int(float64(h)*(y-minY)/(maxY-minY)))
	}
	var (
		redC    = color.RGBA{0xff, 0, 0, 0xff}
		yellowC = color.RGBA{0xff, 0xff, 0, 0xff}
		blueC   = color.RGBA{0, 0, 0xff, 0xff}
		greenC  = color.RGBA{0, 0xff, 0, 0xff}
	)
	for _, tt := range []struct {
		args                     []string
		red, yellow, blue, green bool
		annotations              string // in the report on stderr
	}{
		{nil, true, true, false, true, "3 annotations"},
		{[]string{"--layers", "Secret"}, false, false, true, false, "1 annotation)"},
		{[]string{"--layers", "areas, Secret"}, true, false, true, false, "2 annotations"},
		{[]string{"--layers", "none"}, false, false, false, false, ""},
		{[]string{"--from", "2024-04-01"}, true, true, false, false, "2 annotations"},
		{[]string{"--to", "2024-02-29"}, true, true, false, false, "2 annotations"},
		{[]string{"--from", "2024-03-10", "--to", "2024-03-10"}, true, true, false, true, "3 annotations"},
		{[]string{"--from", "2024-02-01", "--to", "2024-03-01", "--layers", "Dated"}, false, false, false, true, "1 annotation)"},
	} {
		args := append([]string{"render", "--out", out, "--bbox", "70,33,73,35", "--size", fmt.Sprintf("%dx%d", w, h), "--no-labels"}, tt.args...)
		code, _, errs := run(t, db, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errs)
		}
		if tt.annotations != "" && !strings.Contains(errs, tt.annotations) || tt.annotations == "" && strings.Contains(errs, "annotations") {
			t.Errorf("%v: report %q, want %q", tt.args, errs, tt.annotations)
		}
		img := decodePNG(t, out)
		// The red square's west half; its east half lies under "Top"
		// (order 5 over order 1, though "Top" was made first).
		if got := at(img, 70.8, 34) == redC; got != tt.red {
			t.Errorf("%v: red square drawn %v, want %v", tt.args, got, tt.red)
		}
		if got := at(img, 71.4, 34) == yellowC; got != tt.yellow {
			t.Errorf("%v: yellow square on top %v (pixel %v), want %v", tt.args, got, at(img, 71.4, 34), tt.yellow)
		}
		if got := at(img, 72.5, 34) == blueC; got != tt.blue {
			t.Errorf("%v: hidden blue square drawn %v, want %v", tt.args, got, tt.blue)
		}
		if got := at(img, 71, 33.4) == greenC; got != tt.green {
			t.Errorf("%v: dated green square drawn %v, want %v", tt.args, got, tt.green)
		}
	}
	code, _, errs := run(t, db, "render", "--out", out, "--layers", "Areas,Nope")
	if code != ExitUsage || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, `"Nope"`) ||
		!strings.Contains(errs, `"Areas"`) || !strings.Contains(errs, `"Secret" (hidden)`) {
		t.Errorf("unknown layer: exit %d, stderr %q; want a one-line usage error listing the layers", code, errs)
	}
}

// Without --bbox or --center, the map frames the annotations drawn when
// there are no events.
func TestRenderFitsAnnotations(t *testing.T) {
	db := annotStore(t)
	out := filepath.Join(t.TempDir(), "map.png")
	code, _, errs := run(t, db, "render", "--out", out, "--size", "400x300", "--layers", "Secret", "--no-labels")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	img := decodePNG(t, out)
	if got := img.RGBAAt(200, 150); got != (color.RGBA{0, 0, 0xff, 0xff}) {
		t.Errorf("the centre of the image is %v, want the blue square it frames", got)
	}
}
