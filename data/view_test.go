package data

import (
	"reflect"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

func TestViewsRoundTripOrderAndDelete(t *testing.T) {
	s := openTemp(t)
	day := func(d string) time.Time { t, _ := time.Parse(time.DateOnly, d); return t }
	first := View{
		Title: "Bajaur wave", Notes: "Three attacks in a week.", CenterLon: 71.5, CenterLat: 34.8, Zoom: 9.25,
		Filter: Filter{From: day("2025-07-01"), To: day("2025-07-31"), Actors: []string{ttp}, Types: []string{"Battles"},
			MinFatalities: 2, BBox: &orb.Bound{Min: orb.Point{70, 34}, Max: orb.Point{72, 36}}, Text: "Khar", PreciseOnly: true,
			Groups: []string{"Militants"}, Tags: []string{"Bajaur wave"}},
		Layers: []uint64{2, 5}, Selected: 42, Width: 700, Height: 400,
	}
	second := View{Title: "Overview", CenterLon: 69, CenterLat: 31, Zoom: 5}
	for _, v := range []*View{&first, &second} {
		if err := s.PutView(v); err != nil {
			t.Fatal(err)
		}
	}
	if first.ID == 0 || second.Order != first.Order+1 {
		t.Fatalf("ids %d/%d, orders %d/%d", first.ID, second.ID, first.Order, second.Order)
	}
	s = reopen(t, s)
	vs, err := s.Views()
	if err != nil || len(vs) != 2 {
		t.Fatalf("%d views, %v", len(vs), err)
	}
	got := vs[0]
	if !got.Created.Equal(first.Created) || !got.Modified.Equal(first.Modified) {
		t.Errorf("times %v/%v, want %v/%v", got.Created, got.Modified, first.Created, first.Modified)
	}
	got.Created, got.Modified = first.Created, first.Modified
	if !reflect.DeepEqual(got, first) {
		t.Errorf("view after reopen\n got %+v\nwant %+v", got, first)
	}
	if err := s.ReorderViews([]uint64{second.ID, first.ID}); err != nil {
		t.Fatal(err)
	}
	if vs, _ := s.Views(); vs[0].ID != second.ID || vs[1].ID != first.ID {
		t.Errorf("order after reorder: %d, %d", vs[0].ID, vs[1].ID)
	}
	if err := s.ReorderViews([]uint64{second.ID}); err == nil {
		t.Error("a reorder missing a view was accepted")
	}
	if err := s.DeleteView(second.ID); err != nil {
		t.Fatal(err)
	}
	if vs, _ := s.Views(); len(vs) != 1 || vs[0].ID != first.ID {
		t.Errorf("after delete: %+v", vs)
	}
}

func TestViewValidate(t *testing.T) {
	ok := View{Title: "A", CenterLon: 70, CenterLat: 33, Zoom: 6}
	for _, c := range []struct {
		name string
		edit func(*View)
		bad  bool
	}{
		{"valid", func(*View) {}, false},
		{"no title", func(v *View) { v.Title = "  " }, true},
		{"longitude", func(v *View) { v.CenterLon = 181 }, true},
		{"latitude", func(v *View) { v.CenterLat = -91 }, true},
		{"zoom", func(v *View) { v.Zoom = 23 }, true},
		{"window backwards", func(v *View) { v.Filter.From = time.Unix(2e9, 0); v.Filter.To = time.Unix(1e9, 0) }, true},
	} {
		v := ok
		c.edit(&v)
		if err := v.Validate(); (err != nil) != c.bad {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
