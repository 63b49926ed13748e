package timeline

import (
	"math"

	"frontier/data"
)

// seriesInfo is what a Builder derives once per Data: the series, a
// lookup from actor ID to series, the longest event span and each row
// packed into one word for the counting pass. It is never changed once
// built, so frames may share it.
type seriesInfo struct {
	d       *Data
	series  []uint32
	of      []uint8 // series index by actor ID; len(series)-1 is "other"
	maxSpan int64   // largest End−Start of the rows
	// packed[i] describes d.Rows[i]: its start day (days since baseDay)
	// in the high bits and its series in the low four, or packApprox for
	// a row that may be approximate (week, month or year precision, or
	// more than one day long), which is counted from approx instead.
	packed  []uint32
	baseDay int64
	// approx lists the rows flagged approximate, in time order, in days
	// since baseDay; maxDays is the longest of them.
	approx  []approxRow
	maxDays int32
}

// approxRow is a row that may be approximate: its days [start, end)
// since seriesInfo.baseDay, its series, and whether it counts as precise
// when it lies inside one bin (a span of days, not a week, month or
// year precision).
type approxRow struct {
	start, end int32
	series     uint8
	exact      bool
}

// Layout of seriesInfo.packed.
const (
	packApprox = 15 // the series of rows counted from approx
	packDay    = 4  // shift of the day
	// maxPackedDay bounds the day offset (about 700,000 years).
	maxPackedDay = 1<<(32-packDay) - 1
)

func newSeriesInfo(d *Data) *seriesInfo {
	info := &seriesInfo{d: d}
	if d.Len() == 0 {
		info.series = []uint32{0}
		return info
	}
	ix := d.Index
	counts := make([]int32, len(ix.Strings))
	info.baseDay = math.MaxInt64
	for _, r := range d.Rows {
		if a := d.actorOf(r); int(a) < len(counts) {
			counts[a]++
		}
		info.maxSpan = max(info.maxSpan, ix.End[r]-ix.Start[r])
		info.baseDay = min(info.baseDay, floorDiv(ix.Start[r], day))
	}
	// The top MaxSeries actors by count (ties to the lower ID), never the
	// empty actor 0.
	top := make([]uint32, 0, MaxSeries+1)
	for id := 1; id < len(counts); id++ {
		c := counts[id]
		if c == 0 || (len(top) == MaxSeries && c <= counts[top[MaxSeries-1]]) {
			continue
		}
		k := len(top)
		top = append(top, uint32(id))
		for k > 0 && counts[top[k-1]] < c {
			top[k] = top[k-1]
			k--
		}
		top[k] = uint32(id)
		if len(top) > MaxSeries {
			top = top[:MaxSeries]
		}
	}
	info.series = append(top, 0)
	info.of = make([]uint8, len(ix.Strings))
	for i := range info.of {
		info.of[i] = uint8(len(top))
	}
	for i, id := range top {
		info.of[id] = uint8(i)
	}
	info.packed = make([]uint32, len(d.Rows))
	for i, r := range d.Rows {
		s := ix.Start[r]
		sd := floorDiv(s, day)
		p := uint32(info.seriesOf(d.actorOf(r)))
		sd = min(sd-info.baseDay, maxPackedDay)
		ed := min(max(floorDiv(ix.End[r], day)-info.baseDay+1, sd+1), maxPackedDay)
		// Week, month and year precisions (2, 3, 4) are approximate.
		pr := ix.DatePrec[r]
		exact := pr < data.PrecWeek || pr > data.PrecYear
		if !exact || ed > sd+1 {
			a := approxRow{start: int32(sd), end: int32(ed), series: uint8(p), exact: exact}
			p = packApprox
			info.approx = append(info.approx, a)
			info.maxDays = max(info.maxDays, a.end-a.start)
		}
		info.packed[i] = p | uint32(sd)<<packDay
	}
	return info
}

// seriesOf returns the series of actor a.
func (info *seriesInfo) seriesOf(a uint32) int {
	if int(a) < len(info.of) {
		return int(info.of[a])
	}
	return len(info.series) - 1
}
