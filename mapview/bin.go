package mapview

import (
	"math"
	"runtime"
	"sync"
)

// eventLayer holds the reused buffers of event binning.
type eventLayer struct {
	cells      []cell
	cellOf     []int32   // per scene row: its cell, or -1 when off screen
	root       []int32   // per cell: the root cell of its group
	groupStart []int32   // per root cell: first index into Frame.Members
	cursor     []int32   // per group: scratch running offset
	part       []binPart // per worker
}

// binPart is one worker's share of the rows and its own totals.
type binPart struct {
	lo, hi int
	cells  []cell
	next   []int32 // per group: where the worker's next row goes
	counts []int32 // per group: exact count of the group's candidate
}

// binWorkers bounds the goroutines binning shares a large scene among.
var binWorkers = 4

// parallelMin is the number of rows from which binning is split over
// the CPUs.
const parallelMin = 100_000

// grid is the cell grid of one frame, in cell units: a row at normalised
// Mercator (x, y) falls in cell (x*sx+ox, y*sx+oy) when that is inside
// [0, limX)×[0, limY).
type grid struct {
	gw, gh     int
	sx, ox, oy float64
	limX, limY float64
	pref       bool
	sc         *Scene
	X, Y       []float64
	fat        []int32
	actor1     []uint32
	rows       []int32
	cellOf     []int32
}

// layout bins the scene's rows that fall in view into cells and fills
// f.Marks and f.Members.
//
// It is built for a million rows a frame: rows are read in order, once to
// bin and total them per cell and once to sort them by group into
// f.Members (stable, so each group stays in time order). Both passes are
// split over the CPUs for large scenes; per-row work is a few
// multiplications and small-array updates.
func (l *eventLayer) layout(f *Frame, sc *Scene) {
	v := f.View
	s := v.DeviceScale()
	cs := cellSize * s
	gw := int(math.Ceil(float64(v.Width)/cs)) + 1
	gh := int(math.Ceil(float64(v.Height)/cs)) + 1
	n := gw * gh
	l.cells = resize(l.cells, n)
	resetCells(l.cells)
	f.Marks = f.Marks[:0]
	f.Members = f.Members[:0]
	if sc == nil || sc.Index == nil || len(sc.Rows) == 0 {
		l.root = resize(l.root, n)
		return
	}
	ix := sc.Index
	l.cellOf = resize(l.cellOf, len(sc.Rows))
	ws := v.WorldSize()
	// Events a little outside the image still draw their edge.
	margin := dotMax * s
	inv := 1 / cs
	g := grid{
		gw: gw, gh: gh, sx: ws * inv,
		ox:   (float64(v.Width)/2 - v.CenterX*ws + margin) * inv,
		oy:   (float64(v.Height)/2 - v.CenterY*ws + margin) * inv,
		limX: (float64(v.Width) + 2*margin) * inv, limY: (float64(v.Height) + 2*margin) * inv,
		pref: sc.Preferred != nil, sc: sc,
		X: ix.X, Y: ix.Y, fat: ix.Fatalities, actor1: ix.Actor1, rows: sc.Rows, cellOf: l.cellOf,
	}
	workers := 1
	if len(sc.Rows) >= parallelMin {
		workers = max(1, min(runtime.GOMAXPROCS(0), binWorkers))
	}
	l.split(workers, len(sc.Rows), n)
	// Pass 1: bin and total, each worker into its own cells.
	l.each(func(p *binPart) { g.bin(p) })
	for w := range l.part {
		for ci := range l.cells {
			l.cells[ci].merge(&l.part[w].cells[ci])
		}
	}
	l.mergeCells(v, gw, gh)
	// Pass 2: counting sort of the rows by group, each worker writing its
	// rows after those of the workers before it.
	l.groupStart = resize(l.groupStart, n)
	total := int32(0)
	for ci := range n {
		if l.root[ci] == int32(ci) {
			l.groupStart[ci] = total
			total += l.cells[ci].count // the group's total after merging
		}
	}
	f.Members = resize(f.Members, int(total))
	l.cursor = resize(l.cursor, n)
	copy(l.cursor, l.groupStart)
	for w := range l.part {
		p := &l.part[w]
		p.next = resize(p.next, n)
		copy(p.next, l.cursor)
		for ci := range n {
			if c := p.cells[ci].count; c > 0 {
				l.cursor[l.root[ci]] += c
			}
		}
	}
	l.each(func(p *binPart) { g.scatter(p, l.root, l.cells, f.Members) })
	for w := range l.part {
		for ci := range n {
			l.cells[ci].candCount += l.part[w].counts[ci]
		}
	}
	for ci := range n {
		c := &l.cells[ci]
		if c.count == 0 || l.root[ci] != int32(ci) {
			continue
		}
		first := l.groupStart[ci]
		switch {
		case c.ext.MinX == c.ext.MaxX && c.ext.MinY == c.ext.MaxY:
			f.Marks = append(f.Marks, pointMark(v, sc, c, first))
		case c.count >= clusterMin:
			f.Marks = append(f.Marks, l.clusterMark(v, sc, c, first))
		default:
			l.pointMarks(f, sc, f.Members[first:first+c.count], first)
		}
	}
}

// split shares rows rows out among workers, each with n empty cells.
func (l *eventLayer) split(workers, rows, n int) {
	if cap(l.part) < workers {
		l.part = make([]binPart, workers)
	}
	l.part = l.part[:workers]
	for w := range l.part {
		p := &l.part[w]
		p.lo, p.hi = rows*w/workers, rows*(w+1)/workers
		p.cells = resize(p.cells, n)
		resetCells(p.cells)
		p.counts = resize(p.counts, n)
		clear(p.counts)
	}
}

// each runs fn on every part, in parallel when there are several.
func (l *eventLayer) each(fn func(p *binPart)) {
	if len(l.part) == 1 {
		fn(&l.part[0])
		return
	}
	var wg sync.WaitGroup
	for w := range l.part {
		wg.Add(1)
		go func(p *binPart) {
			defer wg.Done()
			fn(p)
		}(&l.part[w])
	}
	wg.Wait()
}

func resetCells(cells []cell) {
	inf := math.Inf(1)
	for i := range cells {
		cells[i] = cell{ext: Extent{inf, inf, -inf, -inf}}
	}
}

// bin is pass 1 over a part's rows: each row's cell, and per cell the
// count, position sums, extent, fatalities, latest row and a Boyer–Moore
// vote for the majority actor (counted exactly in pass 2).
func (g *grid) bin(p *binPart) {
	cells := p.cells
	X, Y, fat, a1, cellOf := g.X, g.Y, g.fat, g.actor1, g.cellOf
	for i := p.lo; i < p.hi; i++ {
		r := g.rows[i]
		x, y := X[r], Y[r]
		gx, gy := x*g.sx+g.ox, y*g.sx+g.oy
		if !(gx >= 0 && gy >= 0 && gx < g.limX && gy < g.limY) {
			cellOf[i] = -1
			continue
		}
		ci := int32(int(gy)*g.gw + int(gx))
		cellOf[i] = ci
		c := &cells[ci]
		c.count++
		c.sumX += x
		c.sumY += y
		if x < c.ext.MinX {
			c.ext.MinX = x
		}
		if x > c.ext.MaxX {
			c.ext.MaxX = x
		}
		if y < c.ext.MinY {
			c.ext.MinY = y
		}
		if y > c.ext.MaxY {
			c.ext.MaxY = y
		}
		c.fatalities += int64(fat[r])
		c.last = r // rows are in time order
		a := a1[r]
		if g.pref {
			a = g.sc.actorOf(r)
		}
		switch {
		case c.candVotes == 0:
			c.cand, c.candVotes = a, 1
		case c.cand == a:
			c.candVotes++
		default:
			c.candVotes--
		}
	}
}

// scatter is pass 2 over a part's rows: each row goes to its group's next
// slot of members, and rows of the group's candidate actor are counted.
func (g *grid) scatter(p *binPart, root []int32, cells []cell, members []int32) {
	next, counts, a1, cellOf := p.next, p.counts, g.actor1, g.cellOf
	for i := p.lo; i < p.hi; i++ {
		ci := cellOf[i]
		if ci < 0 {
			continue
		}
		r := g.rows[i]
		gr := root[ci]
		members[next[gr]] = r
		next[gr]++
		a := a1[r]
		if g.pref {
			a = g.sc.actorOf(r)
		}
		if a == cells[gr].cand {
			counts[gr]++
		}
	}
}
