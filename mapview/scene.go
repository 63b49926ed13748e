package mapview

import (
	"image/color"

	"frontier/data"
)

// Scene is what the event layer draws: the filtered rows of an index and
// how to colour them. A Scene is read by the render worker, so build a new
// one rather than changing a published one.
type Scene struct {
	// Index holds the events; Rows are the rows to draw (a filter result,
	// in time order).
	Index *data.Index
	Rows  []int32
	// Colors is the colour of every actor, indexed by string ID.
	Colors []color.RGBA
	// Preferred marks (by string ID) the actors the user filtered on: an
	// event takes the colour of its first preferred actor (actor 1, actor
	// 2, then associated actors), else of actor 1. Nil colours by actor 1.
	Preferred []bool
	// Halos draws a translucent circle around events whose location is
	// approximate (see ApproxRadius).
	Halos bool
	// Selected and Hovered are rows to highlight, -1 for none.
	Selected, Hovered int
	// FadeFrom and FadeTo (Unix seconds), when FadeTo > FadeFrom, fade
	// event dots by age for playback: an event starting at FadeTo or later
	// is drawn at full strength with a bold ring, one at FadeFrom or
	// earlier at a fifth of it, linearly between.
	FadeFrom, FadeTo int64
	// EmphasisFrom and EmphasisTo (Unix seconds), when EmphasisTo >
	// EmphasisFrom, ring the events starting in [EmphasisFrom,
	// EmphasisTo) on top of the layer: the events of the timeline bin
	// under the pointer.
	EmphasisFrom, EmphasisTo int64
}

// fade returns how strongly row is drawn (0.2–1) and whether it is among
// the newest events of a playback step.
func (s *Scene) fade(row int32) (alpha float64, newest bool) {
	if s.FadeTo <= s.FadeFrom {
		return 1, false
	}
	t := s.Index.Start[row]
	if t >= s.FadeTo {
		return 1, true
	}
	f := float64(t-s.FadeFrom) / float64(s.FadeTo-s.FadeFrom)
	return 0.2 + 0.8*clampf(f, 0, 1), false
}

// NewScene returns a scene of rows of ix coloured by actor, preferring the
// named actors (nil for none). Selected and Hovered start at -1.
func NewScene(ix *data.Index, rows []int32, preferred []string) *Scene {
	return &Scene{Index: ix, Rows: rows, Colors: ActorColors(ix), Preferred: ix.StringSet(preferred), Selected: -1, Hovered: -1}
}

// ActorColors returns the display colour of every actor of ix indexed by
// string ID: the actor's own colour when the user set one, otherwise a
// stable colour-blind-safe palette colour (data.ActorColor).
func ActorColors(ix *data.Index) []color.RGBA {
	out := make([]color.RGBA, len(ix.Strings))
	for id := range ix.Strings {
		c := ix.ActorColor(uint32(id))
		out[id] = color.RGBA{c.R, c.G, c.B, 0xff}
	}
	return out
}

// actorOf returns the actor whose colour row takes.
func (s *Scene) actorOf(row int32) uint32 {
	ix := s.Index
	a1 := ix.Actor1[row]
	if s.Preferred == nil {
		return a1
	}
	pref := func(id uint32) bool { return int(id) < len(s.Preferred) && s.Preferred[id] }
	if pref(a1) {
		return a1
	}
	if a2 := ix.Actor2[row]; pref(a2) {
		return a2
	}
	for _, id := range ix.Assoc[ix.AssocOff[row]:ix.AssocOff[row+1]] {
		if pref(id) {
			return id
		}
	}
	return a1
}

// colorOf returns the colour of actor id.
func (s *Scene) colorOf(id uint32) color.RGBA {
	if int(id) < len(s.Colors) {
		return s.Colors[id]
	}
	return neutralColor
}

// ApproxRadius returns the radius in metres of the area an event with
// location precision geoPrec may lie in, or 0 when the location is exact
// or unknown. ACLED's geo_precision 2 means "near" a named place (within
// its district), 3 a larger region whose capital was used; importers of
// other formats map theirs onto the same scale (UCDP where_prec ≥ 3 → 2
// or 3).
func ApproxRadius(geoPrec uint8) float64 {
	switch geoPrec {
	case 2:
		return 25_000
	case 3:
		return 75_000
	}
	return 0
}
