package mapview

import "math"

// HitTest returns the index in f.Marks of the mark under device pixel
// (px, py): the one whose edge is nearest among those within slop device
// pixels of it, preferring dots and stacks over clusters (which are drawn
// under them) and marks drawn later on ties. It returns -1 when there is
// none.
func (f *Frame) HitTest(px, py, slop float64) int {
	best, bestD := -1, math.Inf(1)
	for i := len(f.Marks) - 1; i >= 0; i-- {
		m := &f.Marks[i]
		d := math.Hypot(float64(m.X)-px, float64(m.Y)-py) - float64(m.R)
		if d < 0 {
			d = 0 // inside: as near as can be
		}
		if m.Kind == MarkCluster {
			d += 1e-3 // drawn underneath: a dot or stack on top wins ties
		}
		if d <= slop && d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// MarkRows returns the rows of mark i, most recent last.
func (f *Frame) MarkRows(i int) []int32 {
	m := &f.Marks[i]
	return f.Members[m.First : m.First+m.Count]
}

// RowMark returns the index of the mark that holds row, or -1 when the
// row is not drawn in f.
func (f *Frame) RowMark(row int32) int {
	for i := range f.Marks {
		for _, r := range f.MarkRows(i) {
			if r == row {
				return i
			}
		}
	}
	return -1
}
