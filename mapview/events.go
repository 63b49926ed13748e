package mapview

import (
	"image"
	"image/color"
	"math"
	"slices"
	"strconv"
)

// MarkKind says what a mark on the event layer stands for.
type MarkKind uint8

// The kinds of mark.
const (
	// MarkEvent is one event's dot.
	MarkEvent MarkKind = iota
	// MarkStack is several events at identical coordinates, drawn as one
	// dot with a count.
	MarkStack
	// MarkCluster is many events close together at this zoom, drawn as a
	// counted bubble.
	MarkCluster
)

// Mark is one thing drawn on the event layer, in device pixels. Marks are
// what hit-testing finds.
type Mark struct {
	Kind MarkKind
	// X, Y and R are the centre and radius in device pixels.
	X, Y, R float32
	// Row is the event (for a stack or cluster, its most recent member).
	Row int32
	// First and Count address the members in Frame.Members.
	First, Count int32
	// Fatalities is the sum over the members.
	Fatalities int64
	// Bound is the normalised Mercator extent of the members.
	Bound Extent
	// Color is the fill colour.
	Color color.RGBA
}

// Extent is a normalised Mercator rectangle.
type Extent struct{ MinX, MinY, MaxX, MaxY float64 }

// Layout constants of the event layer, in logical pixels.
const (
	// cellSize is the side of the square cells events are binned into.
	cellSize = 44
	// clusterMin is the number of events in a cell from which they are
	// drawn as one counted cluster instead of dots.
	clusterMin = 7
	// mergeDist is how close the event centres of two neighbouring
	// cells must be for the cells to form one group.
	mergeDist = 26
	// dotMin and dotMax bound an event dot's radius.
	dotMin, dotMax = 3.0, 9.0
)

// cell accumulates the events binned into one grid cell.
type cell struct {
	count      int32
	cand       uint32 // Boyer–Moore majority candidate actor
	candVotes  int32
	candCount  int32 // exact count of cand, from the second pass
	sumX, sumY float64
	ext        Extent
	fatalities int64
	last       int32 // most recent member row
}

// dotRadius returns the radius in logical pixels of an event with f
// fatalities: it grows with the logarithm so a massacre does not hide a
// town.
func dotRadius(f int64) float64 {
	if f <= 0 {
		return dotMin
	}
	return math.Min(dotMax, dotMin+1.3*math.Log2(1+float64(f)))
}

// clusterRadius returns the radius in logical pixels of a cluster of n.
func clusterRadius(n int32) float64 {
	return math.Min(cellSize*0.42, 8+2.6*math.Log10(float64(n)))
}

// pointMark is the stack (or lone dot) of a group whose events all share
// one coordinate: a whole cell, or a group inside a sparse cell.
func pointMark(v Viewport, sc *Scene, c *cell, first int32) Mark {
	px, py := v.ToPixel(c.ext.MinX, c.ext.MinY)
	s := v.DeviceScale()
	m := Mark{
		Kind: MarkEvent, X: float32(px), Y: float32(py), R: float32(dotRadius(c.fatalities) * s),
		Row: c.last, First: first, Count: c.count, Fatalities: c.fatalities,
		Bound: c.ext, Color: sc.colorOf(sc.actorOf(c.last)),
	}
	if c.count > 1 {
		m.Kind = MarkStack
		m.R += float32(math.Min(3, math.Log2(float64(c.count))) * s)
	}
	return m
}

// mergeCells joins neighbouring cells whose events lie close together
// across their shared edge, so one tight group of events is not split into
// two overlapping bubbles by the grid. Each group's totals move to its root
// cell (l.root[i] == i).
func (l *eventLayer) mergeCells(v Viewport, gw, gh int) {
	n := gw * gh
	l.root = resize(l.root, n)
	for i := range l.root {
		l.root[i] = int32(i)
	}
	ws := v.WorldSize()
	s := v.DeviceScale()
	near := mergeDist * s / ws         // normalised Mercator
	maxSpan := cellSize * 1.5 * s / ws // a group stays about a cell wide
	find := func(i int32) int32 {
		for l.root[i] != i {
			l.root[i] = l.root[l.root[i]]
			i = l.root[i]
		}
		return i
	}
	for cy := range gh {
		for cx := range gw {
			a := int32(cy*gw + cx)
			if l.cells[a].count == 0 {
				continue
			}
			for _, d := range [...][2]int{{1, 0}, {0, 1}, {1, 1}, {-1, 1}} {
				nx, ny := cx+d[0], cy+d[1]
				if nx < 0 || nx >= gw || ny >= gh {
					continue
				}
				b := int32(ny*gw + nx)
				if l.cells[b].count == 0 {
					continue
				}
				ra, rb := find(a), find(b)
				if ra == rb {
					continue
				}
				ca, cb := &l.cells[ra], &l.cells[rb]
				dx := ca.sumX/float64(ca.count) - cb.sumX/float64(cb.count)
				dy := ca.sumY/float64(ca.count) - cb.sumY/float64(cb.count)
				if dx*dx+dy*dy > near*near {
					continue
				}
				e := ca.ext
				e.add(cb.ext.MinX, cb.ext.MinY)
				e.add(cb.ext.MaxX, cb.ext.MaxY)
				if e.MaxX-e.MinX > maxSpan || e.MaxY-e.MinY > maxSpan {
					continue
				}
				ca.merge(cb)
				l.root[rb] = ra
			}
		}
	}
	for i := range l.root {
		l.root[i] = find(int32(i))
	}
}

// merge adds b's totals to c.
func (c *cell) merge(b *cell) {
	if b.count == 0 {
		return
	}
	c.count += b.count
	c.sumX += b.sumX
	c.sumY += b.sumY
	c.ext.add(b.ext.MinX, b.ext.MinY)
	c.ext.add(b.ext.MaxX, b.ext.MaxY)
	c.fatalities += b.fatalities
	c.last = max(c.last, b.last)
	// Combine the majority votes; the exact count decides later.
	switch {
	case c.cand == b.cand:
		c.candVotes += b.candVotes
	case b.candVotes > c.candVotes:
		c.cand, c.candVotes = b.cand, b.candVotes-c.candVotes
	default:
		c.candVotes -= b.candVotes
	}
}

func (e *Extent) add(x, y float64) {
	e.MinX = math.Min(e.MinX, x)
	e.MaxX = math.Max(e.MaxX, x)
	e.MinY = math.Min(e.MinY, y)
	e.MaxY = math.Max(e.MaxY, y)
}

// clusterMark is the counted bubble of a dense cell at its members' mean
// position, coloured by the actor of most of its events (neutral when no
// actor has a majority).
func (l *eventLayer) clusterMark(v Viewport, sc *Scene, c *cell, first int32) Mark {
	px, py := v.ToPixel(c.sumX/float64(c.count), c.sumY/float64(c.count))
	col := neutralColor
	if 2*c.candCount > c.count {
		col = sc.colorOf(c.cand)
	}
	return Mark{
		Kind: MarkCluster, X: float32(px), Y: float32(py),
		R:   float32(clusterRadius(c.count) * v.DeviceScale()),
		Row: c.last, First: first, Count: c.count, Fatalities: c.fatalities,
		Bound: c.ext, Color: col,
	}
}

// pointMarks adds a dot per event of a sparse cell, or a stack per group
// of events at identical coordinates. members are reordered so that each
// stack's members are contiguous (in time order within the stack).
func (l *eventLayer) pointMarks(f *Frame, sc *Scene, members []int32, first int32) {
	ix := sc.Index
	slices.SortStableFunc(members, func(a, b int32) int {
		if ix.X[a] != ix.X[b] {
			return cmpf(ix.X[a], ix.X[b])
		}
		return cmpf(ix.Y[a], ix.Y[b])
	})
	for i := 0; i < len(members); {
		j := i + 1
		for j < len(members) && ix.X[members[j]] == ix.X[members[i]] && ix.Y[members[j]] == ix.Y[members[i]] {
			j++
		}
		group := members[i:j]
		c := cell{count: int32(len(group)), last: slices.Max(group)} // rows are in time order
		for _, r := range group {
			c.fatalities += int64(ix.Fatalities[r])
		}
		x, y := ix.X[c.last], ix.Y[c.last]
		c.ext = Extent{x, y, x, y}
		f.Marks = append(f.Marks, pointMark(f.View, sc, &c, first+int32(i)))
		i = j
	}
}

// draw paints the marks of f onto f.Img: halos, then clusters, then
// stacks and dots, so single events stay visible beside big bubbles.
func (r *Renderer) drawEvents(f *Frame, sc *Scene) {
	dst := f.Img
	s := f.View.DeviceScale()
	if sc != nil && sc.Halos {
		mpp := f.View.MetersPerPixel()
		for i := range f.Marks {
			m := &f.Marks[i]
			if m.Kind == MarkCluster {
				continue
			}
			rad := ApproxRadius(sc.Index.GeoPrec[m.Row])
			if rad == 0 {
				continue
			}
			hr := math.Max(rad/mpp, float64(m.R)+3*s)
			c := m.Color
			r.stamps.Disc(dst, float64(m.X), float64(m.Y), hr, scaleAlpha(c, 0.10), scaleAlpha(c, 0.45), 1*s)
		}
	}
	for i := range f.Marks {
		if m := &f.Marks[i]; m.Kind == MarkCluster {
			r.drawCluster(dst, m, s)
		}
	}
	for i := range f.Marks {
		m := &f.Marks[i]
		switch m.Kind {
		case MarkStack:
			// A second disc behind the dot reads as a pile.
			off := 2.5 * s
			a := 1.0
			if sc != nil {
				a, _ = sc.fade(m.Row)
			}
			r.stamps.Disc(dst, float64(m.X)+off, float64(m.Y)-off, float64(m.R), scaleAlpha(m.Color, 0.7*a), scaleAlpha(dotRing, a), s)
			r.stamps.Disc(dst, float64(m.X), float64(m.Y), float64(m.R), scaleAlpha(m.Color, a), scaleAlpha(dotRing, a), s)
			r.drawBadge(dst, m, s)
		case MarkEvent:
			fill, ring, rw := m.Color, dotRing, s
			if sc != nil {
				a, newest := sc.fade(m.Row)
				fill, ring = scaleAlpha(fill, a), scaleAlpha(ring, a)
				if newest {
					ring, rw = selectOuter, 2*s
				}
			}
			r.stamps.Disc(dst, float64(m.X), float64(m.Y), float64(m.R), fill, ring, rw)
		}
	}
}

// drawCluster draws a counted bubble.
func (r *Renderer) drawCluster(dst *image.RGBA, m *Mark, s float64) {
	fill := scaleAlpha(m.Color, 0.85)
	r.stamps.Disc(dst, float64(m.X), float64(m.Y), float64(m.R), fill, clusterRing, 1.5*s)
	face := r.faces.count(s)
	label := shortCount(int64(m.Count))
	w, asc, desc := face.Measure(label)
	face.Draw(dst, int(float64(m.X)-float64(w)/2+0.5), int(float64(m.Y)+float64(asc-desc)/2+0.5), label, textLight, textHaloDark)
}

// drawBadge draws a stack's count at its upper right.
func (r *Renderer) drawBadge(dst *image.RGBA, m *Mark, s float64) {
	face := r.faces.badge(s)
	label := shortCount(int64(m.Count))
	w, asc, desc := face.Measure(label)
	br := math.Max(float64(w)/2+3*s, float64(asc+desc)/2+2*s)
	bx := float64(m.X) + float64(m.R) + br*0.4
	by := float64(m.Y) - float64(m.R) - br*0.2
	r.stamps.Disc(dst, bx, by, br, badgeFill, textLight, s)
	face.Draw(dst, int(bx-float64(w)/2+0.5), int(by+float64(asc-desc)/2+0.5), label, textLight, color.RGBA{})
}

// shortCount writes n compactly: 999, 1.2k, 35k, 1.2M.
func shortCount(n int64) string {
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10)
	case n < 10_000:
		return strconv.FormatFloat(math.Floor(float64(n)/100)/10, 'f', -1, 64) + "k"
	case n < 1_000_000:
		return strconv.FormatInt(n/1000, 10) + "k"
	default:
		return strconv.FormatFloat(math.Floor(float64(n)/100_000)/10, 'f', -1, 64) + "M"
	}
}

// scaleAlpha returns c (premultiplied) with its opacity multiplied by a.
func scaleAlpha(c color.RGBA, a float64) color.RGBA {
	return color.RGBA{uint8(float64(c.R)*a + 0.5), uint8(float64(c.G)*a + 0.5), uint8(float64(c.B)*a + 0.5), uint8(float64(c.A)*a + 0.5)}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

func cmpf(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
