package mapview

import (
	"image/color"
	"slices"
	"testing"

	"frontier/data"
)

// testEvent is one row of a hand-built index.
type testEvent struct {
	lon, lat   float64
	actor      string
	fatalities int32
	geoPrec    uint8
}

// testIndex builds an index without a store: enough for layout, drawing
// and hit-testing. Rows are in the given order (treated as time order).
func testIndex(evs []testEvent) *data.Index {
	ix := &data.Index{Strings: []string{""}, ActorInfo: map[uint32]data.Actor{}}
	ids := map[string]uint32{}
	id := func(s string) uint32 {
		if s == "" {
			return 0
		}
		if v, ok := ids[s]; ok {
			return v
		}
		ids[s] = uint32(len(ix.Strings))
		ix.Strings = append(ix.Strings, s)
		return ids[s]
	}
	for i, e := range evs {
		x, y := data.Mercator(e.lon, e.lat)
		ix.ID = append(ix.ID, uint64(i+1))
		ix.Start = append(ix.Start, int64(i)*86400)
		ix.End = append(ix.End, int64(i)*86400)
		ix.X = append(ix.X, x)
		ix.Y = append(ix.Y, y)
		ix.Fatalities = append(ix.Fatalities, e.fatalities)
		ix.DatePrec = append(ix.DatePrec, data.PrecDay)
		ix.GeoPrec = append(ix.GeoPrec, e.geoPrec)
		a := id(e.actor)
		ix.ActorInfo[a] = data.Actor{Name: e.actor}
		ix.Actor1 = append(ix.Actor1, a)
		ix.Actor2 = append(ix.Actor2, 0)
		ix.Dataset = append(ix.Dataset, 0)
		ix.Type = append(ix.Type, id("Battles"))
		ix.SubType = append(ix.SubType, id("Armed clash"))
		ix.Location = append(ix.Location, id("Somewhere"))
		ix.AssocOff = append(ix.AssocOff, 0)
	}
	ix.AssocOff = append(ix.AssocOff, 0)
	return ix
}

func allRows(ix *data.Index) []int32 {
	rows := make([]int32, ix.Len())
	for i := range rows {
		rows[i] = int32(i)
	}
	return rows
}

// frontierView is a fixed 800×500 view of Peshawar at zoom 9.
func frontierView(scale float64) Viewport {
	x, y := data.Mercator(71.5, 34.0)
	return Viewport{CenterX: x, CenterY: y, Zoom: 9, Width: int(800 * scale), Height: int(500 * scale), Scale: scale}
}

func layoutOf(t *testing.T, evs []testEvent, v Viewport) (*Frame, *Scene) {
	t.Helper()
	ix := testIndex(evs)
	sc := NewScene(ix, allRows(ix), nil)
	f := &Frame{View: snap(v)}
	var l eventLayer
	l.layout(f, sc)
	return f, sc
}

func TestLayoutMarks(t *testing.T) {
	spread := func(n int, actor func(i int) string) []testEvent {
		var evs []testEvent
		for i := range n {
			evs = append(evs, testEvent{lon: 71.5 + float64(i%10)*0.001, lat: 34.0 + float64(i/10)*0.001, actor: actor(i)})
		}
		return evs
	}
	same := func(n int) []testEvent {
		evs := make([]testEvent, n)
		for i := range evs {
			evs[i] = testEvent{lon: 71.5, lat: 34, actor: "A"}
		}
		return evs
	}
	tests := []struct {
		name  string
		evs   []testEvent
		kinds map[MarkKind]int
		count int32 // of the first mark
	}{
		{"one event", []testEvent{{lon: 71.5, lat: 34.0, actor: "A"}}, map[MarkKind]int{MarkEvent: 1}, 1},
		{"two apart", []testEvent{{lon: 71.4, lat: 34.0, actor: "A"}, {lon: 71.6, lat: 34.0, actor: "B"}}, map[MarkKind]int{MarkEvent: 2}, 1},
		{"identical coordinates stack", []testEvent{{lon: 71.5, lat: 34.0, actor: "A"}, {lon: 71.5, lat: 34.0, actor: "B"}, {lon: 71.5, lat: 34.0, actor: "A"}}, map[MarkKind]int{MarkStack: 1}, 3},
		{"many at one point stack", same(20), map[MarkKind]int{MarkStack: 1}, 20},
		{"dense cell clusters", spread(50, func(int) string { return "A" }), map[MarkKind]int{MarkCluster: 1}, 50},
		{"off screen", []testEvent{{lon: 10, lat: 10, actor: "A"}}, map[MarkKind]int{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := layoutOf(t, tt.evs, frontierView(1))
			got := map[MarkKind]int{}
			for _, m := range f.Marks {
				got[m.Kind]++
			}
			if len(got) != len(tt.kinds) {
				t.Fatalf("marks %v, want %v", got, tt.kinds)
			}
			for k, n := range tt.kinds {
				if got[k] != n {
					t.Fatalf("marks %v, want %v", got, tt.kinds)
				}
			}
			if len(f.Marks) > 0 && f.Marks[0].Count != tt.count {
				t.Errorf("first mark counts %d, want %d", f.Marks[0].Count, tt.count)
			}
			total := 0
			for i := range f.Marks {
				total += len(f.MarkRows(i))
			}
			if len(f.Marks) > 0 && total != len(tt.evs) {
				t.Errorf("marks hold %d rows, want %d", total, len(tt.evs))
			}
		})
	}
}

func TestStackRowIsLatestAndAt(t *testing.T) {
	evs := []testEvent{{lon: 71.5, lat: 34, actor: "A"}, {lon: 71.5, lat: 34, actor: "B"}, {lon: 71.5, lat: 34, actor: "C"}}
	f, sc := layoutOf(t, evs, frontierView(1))
	if len(f.Marks) != 1 {
		t.Fatalf("%d marks", len(f.Marks))
	}
	m := f.Marks[0]
	if m.Row != 2 {
		t.Errorf("stack row %d, want the latest (2)", m.Row)
	}
	px, py := f.View.LonLatToPixel([2]float64{71.5, 34})
	if !near(float64(m.X), px, 0.01) || !near(float64(m.Y), py, 0.01) {
		t.Errorf("stack at (%g,%g), want (%g,%g)", m.X, m.Y, px, py)
	}
	if m.Color != sc.Colors[sc.Index.Actor1[2]] {
		t.Errorf("stack colour %v, want its latest event's actor's", m.Color)
	}
}

func TestClusterColourIsMajorityActor(t *testing.T) {
	mk := func(actors ...string) []testEvent {
		var evs []testEvent
		for i, a := range actors {
			evs = append(evs, testEvent{lon: 71.5 + float64(i)*0.0005, lat: 34, actor: a})
		}
		return evs
	}
	tests := []struct {
		name   string
		actors []string
		want   string // "" for neutral
	}{
		{"majority", []string{"A", "B", "A", "C", "A", "A", "B", "A"}, "A"},
		{"no majority", []string{"A", "B", "C", "A", "B", "C", "D", "E"}, ""},
		{"half is not a majority", []string{"A", "B", "A", "B", "A", "B", "A", "B"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, sc := layoutOf(t, mk(tt.actors...), frontierView(1))
			if len(f.Marks) != 1 || f.Marks[0].Kind != MarkCluster {
				t.Fatalf("marks %+v, want one cluster", f.Marks)
			}
			want := neutralColor
			if tt.want != "" {
				id, _ := sc.Index.StringID(tt.want)
				want = sc.Colors[id]
			}
			if f.Marks[0].Color != want {
				t.Errorf("colour %v, want %v", f.Marks[0].Color, want)
			}
		})
	}
}

func TestPreferredActorColours(t *testing.T) {
	ix := testIndex([]testEvent{{lon: 71.5, lat: 34, actor: "A"}})
	b := uint32(len(ix.Strings))
	ix.Strings = append(ix.Strings, "B")
	ix.ActorInfo[b] = data.Actor{Name: "B", Color: data.RGB{R: 1, G: 2, B: 3}}
	ix.Actor2[0] = b
	sc := NewScene(ix, allRows(ix), []string{"B"})
	if got := sc.colorOf(sc.actorOf(0)); got != (color.RGBA{1, 2, 3, 255}) {
		t.Errorf("event of A vs B filtered on B is coloured %v, want B's own colour", got)
	}
	sc = NewScene(ix, allRows(ix), nil)
	if sc.actorOf(0) != ix.Actor1[0] {
		t.Errorf("no preference: want actor 1")
	}
}

func TestHitTest(t *testing.T) {
	evs := []testEvent{{lon: 71.4, lat: 34.0, actor: "A"}, {lon: 71.6, lat: 34.0, actor: "B", fatalities: 100}}
	f, _ := layoutOf(t, evs, frontierView(2))
	for _, m := range f.Marks {
		// Centre, edge and just outside the slop.
		if i := f.HitTest(float64(m.X), float64(m.Y), 4); i < 0 || f.Marks[i].Row != m.Row {
			t.Errorf("centre of row %d hit %d", m.Row, i)
		}
		if i := f.HitTest(float64(m.X+m.R+3), float64(m.Y), 4); i < 0 || f.Marks[i].Row != m.Row {
			t.Errorf("3px outside row %d hit %d", m.Row, i)
		}
		if i := f.HitTest(float64(m.X+m.R+6), float64(m.Y), 4); i >= 0 {
			t.Errorf("6px outside row %d still hits %d", m.Row, i)
		}
	}
	if i := f.HitTest(0, 0, 4); i != -1 {
		t.Errorf("empty corner hit %d", i)
	}
}

func TestShortCount(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1k", 1250: "1.2k", 9999: "9.9k", 35_400: "35k", 999_999: "999k", 1_250_000: "1.2M"} {
		if got := shortCount(n); got != want {
			t.Errorf("shortCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestApproxRadius(t *testing.T) {
	for p, want := range map[uint8]float64{0: 0, 1: 0, 2: 25_000, 3: 75_000, 9: 0} {
		if got := ApproxRadius(p); got != want {
			t.Errorf("ApproxRadius(%d) = %g, want %g", p, got, want)
		}
	}
}

// Binning split over several goroutines gives exactly the marks and
// member order of binning on one.
func TestParallelBinningMatchesSerial(t *testing.T) {
	ix := benchIndex(parallelMin + 12345)
	sc := NewScene(ix, allRows(ix), nil)
	v := Viewport{CenterX: 0.69, CenterY: 0.41, Zoom: 6.3, Width: 1280, Height: 720}
	layout := func(workers int) *Frame {
		old := binWorkers
		binWorkers = workers
		defer func() { binWorkers = old }()
		f := &Frame{View: snap(v)}
		var l eventLayer
		l.layout(f, sc)
		return f
	}
	serial := layout(1)
	if len(serial.Marks) < 50 {
		t.Fatalf("only %d marks", len(serial.Marks))
	}
	for _, w := range []int{2, 3} {
		par := layout(w)
		if !slices.Equal(serial.Members, par.Members) {
			t.Errorf("%d workers: members differ", w)
		}
		if len(par.Marks) != len(serial.Marks) {
			t.Fatalf("%d workers: %d marks, serial %d", w, len(par.Marks), len(serial.Marks))
		}
		for i := range par.Marks {
			a, b := par.Marks[i], serial.Marks[i]
			// Sums may differ in the last bits with another summing order.
			if a.Kind != b.Kind || a.Row != b.Row || a.Count != b.Count || a.First != b.First ||
				a.Fatalities != b.Fatalities || a.Color != b.Color || !near(float64(a.X), float64(b.X), 1e-3) {
				t.Fatalf("%d workers: mark %d is %+v, serial %+v", w, i, a, b)
			}
		}
	}
}

func TestFadeByAge(t *testing.T) {
	ix := testIndex([]testEvent{{lon: 71, lat: 34, actor: "A"}, {lon: 71.1, lat: 34, actor: "A"}, {lon: 71.2, lat: 34, actor: "A"}})
	sc := NewScene(ix, allRows(ix), nil)
	if a, n := sc.fade(0); a != 1 || n {
		t.Errorf("no fade window: %g %v", a, n)
	}
	// Rows start at 0, 86400, 172800; the newest step starts at 172800.
	sc.FadeFrom, sc.FadeTo = 0, 172800
	for row, want := range []float64{0.2, 0.6, 1} {
		a, newest := sc.fade(int32(row))
		if !near(a, want, 1e-9) || newest != (row == 2) {
			t.Errorf("row %d: alpha %g newest %v, want %g %v", row, a, newest, want, row == 2)
		}
	}
}
