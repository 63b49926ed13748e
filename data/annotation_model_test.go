package data

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// okAnnotation returns a valid annotation of kind k.
func okAnnotation(k AnnotationKind) Annotation {
	a := Annotation{Kind: k, Style: DefaultStyle(k)}
	switch k {
	case KindMarker, KindText:
		a.Points = []orb.Point{{71.0916, 34.1045}}
	case KindCircle:
		a.Points, a.Radius = []orb.Point{{71.0916, 34.1045}}, 5000
	case KindRectangle, KindRangeBearing, KindPolyline, KindArrow, KindFreehand:
		a.Points = []orb.Point{{71.0916, 34.1045}, {71.5249, 34.0151}}
	case KindPolygon:
		a.Points = []orb.Point{{71, 34}, {71.5, 34}, {71.2, 34.3}}
	}
	return a
}

func TestAnnotationValidate(t *testing.T) {
	pts := func(n int) []orb.Point {
		out := make([]orb.Point, n)
		for i := range out {
			out[i] = orb.Point{float64(i % 180), float64(i % 90)}
		}
		return out
	}
	counts := map[AnnotationKind]struct{ ok, bad []int }{
		KindMarker:       {[]int{1}, []int{0, 2}},
		KindText:         {[]int{1}, []int{0, 2}},
		KindCircle:       {[]int{1}, []int{0, 2}},
		KindPolyline:     {[]int{2, 50}, []int{0, 1}},
		KindArrow:        {[]int{2, 3}, []int{0, 1}},
		KindFreehand:     {[]int{2, 500}, []int{0, 1}},
		KindPolygon:      {[]int{3, 10}, []int{0, 1, 2}},
		KindRectangle:    {[]int{2}, []int{0, 1, 3}},
		KindRangeBearing: {[]int{2}, []int{0, 1, 3}},
	}
	for k := KindMarker; k <= KindRangeBearing; k++ {
		c, ok := counts[k]
		if !ok {
			t.Fatalf("no case for %s", k)
		}
		for _, n := range c.ok {
			a := okAnnotation(k)
			a.Points = pts(n)
			if err := a.Validate(); err != nil {
				t.Errorf("%s with %d points: %v", k, n, err)
			}
		}
		for _, n := range c.bad {
			a := okAnnotation(k)
			a.Points = pts(n)
			if err := a.Validate(); err == nil || !strings.Contains(err.Error(), "a "+k.String()+" needs") {
				t.Errorf("%s with %d points: %v", k, n, err)
			}
		}
	}

	from := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		kind  AnnotationKind
		edit  func(*Annotation)
		wants string // "" for valid
	}{
		{"default", KindCircle, func(*Annotation) {}, ""},
		{"kind 0", 0, func(*Annotation) {}, "unknown kind 0"},
		{"kind past the last", KindRangeBearing + 1, func(*Annotation) {}, "unknown kind 10"},
		{"latitude 91", KindMarker, func(a *Annotation) { a.Points[0][1] = 91 }, "point 1 (71.0916, 91) is not"},
		{"longitude -181", KindPolyline, func(a *Annotation) { a.Points[1][0] = -181 }, "point 2"},
		{"NaN", KindText, func(a *Annotation) { a.Points[0][0] = math.NaN() }, "is not a longitude"},
		{"edges allowed", KindRectangle, func(a *Annotation) { a.Points = []orb.Point{{-180, -90}, {180, 90}} }, ""},
		{"radius 0", KindCircle, func(a *Annotation) { a.Radius = 0 }, "radius 0 m is out of range"},
		{"radius NaN", KindCircle, func(a *Annotation) { a.Radius = math.NaN() }, "radius NaN"},
		{"radius too big", KindCircle, func(a *Annotation) { a.Radius = 2e7 }, "out of range"},
		{"open start", KindMarker, func(a *Annotation) { a.ValidTo = from }, ""},
		{"one day", KindMarker, func(a *Annotation) { a.ValidFrom, a.ValidTo = from, from }, ""},
		{"backwards", KindMarker, func(a *Annotation) { a.ValidFrom, a.ValidTo = from, from.AddDate(0, 0, -1) }, "valid-to 2024-02-29 is before valid-from 2024-03-01"},
		{"bad stroke", KindPolygon, func(a *Annotation) { a.Style.Stroke = "red" }, `stroke colour "red"`},
		{"short colour", KindPolygon, func(a *Annotation) { a.Style.Fill = "#abc" }, ""},
		{"no fill", KindPolygon, func(a *Annotation) { a.Style.Fill = "" }, ""},
		{"opacity 1.5", KindPolygon, func(a *Annotation) { a.Style.FillOpacity = 1.5 }, "fill opacity 1.5 is out of range 0..1"},
		{"negative width", KindPolyline, func(a *Annotation) { a.Style.StrokeWidth = -1 }, "stroke width -1"},
		{"NaN text size", KindText, func(a *Annotation) { a.Style.TextSize = math.NaN() }, "text size NaN"},
		{"dash 7", KindArrow, func(a *Annotation) { a.Style.Dash = 7 }, "unknown dash pattern 7"},
	}
	for _, tc := range tests {
		a := okAnnotation(tc.kind)
		if tc.kind == 0 || tc.kind > KindRangeBearing {
			a = okAnnotation(KindMarker)
			a.Kind = tc.kind
		}
		tc.edit(&a)
		err := a.Validate()
		switch {
		case tc.wants == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.wants != "" && (err == nil || !strings.Contains(err.Error(), tc.wants)):
			t.Errorf("%s: error %v, want one with %q", tc.name, err, tc.wants)
		}
	}
}

func TestAnnotationVisibleIn(t *testing.T) {
	d := func(s string) time.Time { return day(s) }
	noon := func(s string) time.Time { return day(s).Add(12 * time.Hour) }
	var zero time.Time
	tests := []struct {
		name             string
		validFrom, valid time.Time // ValidFrom, ValidTo
		from, to         time.Time // the window [from, to)
		want             bool
	}{
		{"undated, any window", zero, zero, d("2024-01-01"), d("2024-02-01"), true},
		{"undated, open window", zero, zero, zero, zero, true},
		{"inside", d("2024-01-10"), d("2024-01-20"), d("2024-01-01"), d("2024-02-01"), true},
		{"covers the window", d("2023-01-01"), d("2025-01-01"), d("2024-01-01"), d("2024-02-01"), true},
		{"starts at the window's end: excluded", d("2024-02-01"), d("2024-03-01"), d("2024-01-01"), d("2024-02-01"), false},
		{"starts just before the end", noon("2024-01-31"), d("2024-03-01"), d("2024-01-01"), d("2024-02-01"), true},
		{"ends on the window's first day", d("2023-12-01"), d("2024-01-01"), d("2024-01-01"), d("2024-02-01"), true},
		{"ends the day before", d("2023-12-01"), d("2023-12-31"), d("2024-01-01"), d("2024-02-01"), false},
		{"ending day covers its afternoon", d("2023-12-01"), d("2024-01-01"), noon("2024-01-01"), d("2024-02-01"), true},
		{"ending instant before the window", d("2023-12-01"), noon("2024-01-01").Add(-time.Hour), noon("2024-01-01"), d("2024-02-01"), false},
		{"ending instant at the window's start", d("2023-12-01"), noon("2024-01-01"), noon("2024-01-01"), d("2024-02-01"), true},
		{"open start, ends inside", zero, d("2024-01-05"), d("2024-01-01"), d("2024-02-01"), true},
		{"open start, ends before", zero, d("2023-06-05"), d("2024-01-01"), d("2024-02-01"), false},
		{"open end, starts inside", d("2024-01-05"), zero, d("2024-01-01"), d("2024-02-01"), true},
		{"open end, starts after", d("2024-03-05"), zero, d("2024-01-01"), d("2024-02-01"), false},
		{"window open at the start", d("1990-01-01"), d("1990-01-02"), zero, d("2024-02-01"), true},
		{"window open at the start, starts after", d("2030-01-01"), zero, zero, d("2024-02-01"), false},
		{"window open at the end", d("2030-01-01"), d("2030-01-02"), d("2024-01-01"), zero, true},
		{"window open at the end, ended before", zero, d("2000-01-01"), d("2024-01-01"), zero, false},
		{"both open", d("2030-01-01"), d("2030-01-02"), zero, zero, true},
	}
	for _, tc := range tests {
		a := okAnnotation(KindMarker)
		a.ValidFrom, a.ValidTo = tc.validFrom, tc.valid
		if got := a.VisibleIn(tc.from, tc.to); got != tc.want {
			t.Errorf("%s: VisibleIn = %v, want %v", tc.name, got, tc.want)
		}
		if a.Dated() == (tc.validFrom.IsZero() && tc.valid.IsZero()) {
			t.Errorf("%s: Dated = %v", tc.name, a.Dated())
		}
	}
}

func TestAnnotationKindAndDashNames(t *testing.T) {
	for k := KindMarker; k <= KindRangeBearing; k++ {
		if got, ok := ParseAnnotationKind(strings.ToUpper(k.String())); !ok || got != k {
			t.Errorf("%s reads back as %v %v", k, got, ok)
		}
	}
	if _, ok := ParseAnnotationKind("blob"); ok || AnnotationKind(0).String() != "kind(0)" {
		t.Error("unknown kind")
	}
	for d := DashSolid; d <= DashDotted; d++ {
		if got, ok := ParseDash(d.String()); !ok || got != d {
			t.Errorf("%s reads back as %v", d, got)
		}
	}
	if r, g, b, ok := ParseHexColor("#abc"); !ok || r != 0xaa || g != 0xbb || b != 0xcc {
		t.Error("#abc")
	}
	if _, _, _, ok := ParseHexColor("#12345g"); ok {
		t.Error("#12345g accepted")
	}
}

func TestAnnotationBoundAndClone(t *testing.T) {
	c := okAnnotation(KindCircle)
	b := c.Bound()
	// 5 km is about 0.045° of latitude.
	if math.Abs(b.Max[1]-c.Points[0][1]-0.0451) > 0.001 || math.Abs(c.Points[0][1]-b.Min[1]-0.0451) > 0.001 {
		t.Errorf("circle bound %v", b)
	}
	p := okAnnotation(KindPolygon)
	if b := p.Bound(); b.Min != (orb.Point{71, 34}) || b.Max != (orb.Point{71.5, 34.3}) {
		t.Errorf("polygon bound %v", b)
	}
	q := p.Clone()
	q.Points[0][0] = 0
	if p.Points[0][0] != 71 {
		t.Error("Clone shares points")
	}
}
