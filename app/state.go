package app

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"

	"frontier/data"
	"frontier/mapview"
)

// change says what part of the state a listener is told about.
type change int

// The kinds of change.
const (
	// changeView: a new snapshot (filter result, table order, actor counts).
	changeView change = iota
	// changeSelection: the selected row changed.
	changeSelection
	// changeHover: the event under the pointer (on the map) changed.
	changeHover
	// changeHoverSpan: the timeline bin under the pointer changed.
	changeHoverSpan
)

// snapshot is one settled, consistent view of the data: everything the
// widgets draw from. A snapshot is never modified once published.
type snapshot struct {
	// result is what the whole filter selects (rows in time order).
	result data.Result
	// rows are result.Rows in table order.
	rows []int32
	// actorCounts[id] counts the events of actor id that pass the filter
	// with its actor part left out: the events the actor would show if it
	// were the only one checked. Toggling actors therefore never reorders
	// the actor list.
	actorCounts []int32
	// actors lists every actor ID by actorCounts descending, then by name.
	actors []uint32
	// typeCounts and subTypeCounts count, by string ID, the events that
	// pass the filter with its type part left out (so unchecking a type
	// does not hide it from the type tree).
	typeCounts, subTypeCounts []int32
	// untimed is what passes every part of the filter but the time
	// window: what the timeline's histogram shows (the same slice as
	// result.Rows when there is no window).
	untimed []int32
	// untimedFor is the filter untimed was computed for, without its
	// window: a brush move that changes only the window reuses untimed.
	untimedFor data.Filter
	// sort is the order rows are in.
	sort sortSpec
}

// state is the one place holding what the user looks at: the filter, its
// result, the table order and the selection. It lives on the UI goroutine:
// every method must be called there (from Fyne callbacks), and listeners
// are called there.
//
// Filtering and sorting run on worker goroutines. Each request bumps a
// generation counter and hands the worker a copy of everything it needs;
// the worker's snapshot comes back through fyne.Do and is dropped when a
// newer request has been made since.
type state struct {
	ix     *data.Index
	sorter *sorter
	// all lists every known actor ID (those in ix.ActorInfo).
	all []uint32

	// UI goroutine only.
	filter   data.Filter
	sort     sortSpec
	snap     snapshot
	selected int // row of the index, -1 for none
	hovered  int // row under the pointer, -1 for none
	// hoverFrom and hoverTo are the span [from, to) in Unix seconds of the
	// timeline bin under the pointer (0, 0 for none): the map rings its
	// events.
	hoverFrom, hoverTo int64
	// view is the map's viewport, as the user left it.
	view        mapview.Viewport
	gen         uint64
	filterGen   uint64 // generation of the latest filter change
	snapFilter  uint64 // filterGen that snap.result was computed for
	listeners   []func(change)
	errListener func(error)

	jobs   sync.WaitGroup // in-flight workers (tests and shutdown wait on it)
	closed atomic.Bool
	post   func(func()) // runs a function on the UI goroutine
}

// postToUI runs a function on the UI goroutine; tests replace it to run
// the posted functions on the test goroutine when they choose.
var postToUI = fyne.Do

// newState returns the state of an index with no filter, in date order.
// Its snapshot is empty until start is called.
func newState(ix *data.Index) *state {
	s := &state{ix: ix, sorter: newSorter(ix), selected: -1, hovered: -1, post: postToUI}
	s.all = make([]uint32, 0, len(ix.ActorInfo))
	for id := range ix.ActorInfo {
		if id != 0 && int(id) < len(ix.Strings) {
			s.all = append(s.all, id)
		}
	}
	slices.Sort(s.all)
	return s
}

// start computes the first snapshot; call it once the listeners are in
// place.
func (s *state) start() { s.request(true) }

// onChange registers fn to be called (on the UI goroutine) after a change.
func (s *state) onChange(fn func(change)) { s.listeners = append(s.listeners, fn) }

// onError registers fn to be told when filtering fails.
func (s *state) onError(fn func(error)) { s.errListener = fn }

func (s *state) notify(c change) {
	for _, fn := range s.listeners {
		fn(c)
	}
}

// setActors sets the actor part of the filter: events involving any of
// names pass. Nil or empty means no actor filter.
func (s *state) setActors(names []string) {
	s.filter.Actors = slices.Clone(names)
	s.request(true)
}

// setBBox sets the area part of the filter (nil for none).
func (s *state) setBBox(b *orb.Bound) {
	if b != nil {
		c := *b
		b = &c
	}
	s.filter.BBox = b
	s.request(true)
}

// setTypes sets the event/sub-event type part of the filter (nil: any).
func (s *state) setTypes(names []string) {
	s.filter.Types = slices.Clone(names)
	s.request(true)
}

// setMinFatalities keeps events with at least n fatalities (0: any).
func (s *state) setMinFatalities(n int) {
	s.filter.MinFatalities = max(n, 0)
	s.request(true)
}

// setText keeps events whose location or notes contain text ("": any).
func (s *state) setText(text string) {
	s.filter.Text = text
	s.request(true)
}

// setTags keeps events carrying any of the user's tags names (nil: any).
func (s *state) setTags(names []string) {
	s.filter.Tags = slices.Clone(names)
	s.request(true)
}

// setGroups adds the members of the actor groups names to the actor
// filter (nil: none).
func (s *state) setGroups(names []string) {
	s.filter.Groups = slices.Clone(names)
	s.request(true)
}

// setPreciseOnly keeps only day-precise, town-level events when on.
func (s *state) setPreciseOnly(on bool) {
	s.filter.PreciseOnly = on
	s.request(true)
}

// setWindow sets the time window (zero times: none), inclusive by day.
func (s *state) setWindow(from, to time.Time) {
	s.filter.From, s.filter.To = from, to
	s.request(true)
}

// setFilter replaces the whole filter at once (a saved view being
// applied); the panels adopt it when its snapshot arrives.
func (s *state) setFilter(f data.Filter) {
	s.filter = cloneFilter(&f)
	s.request(true)
}

// clearFilter removes every part of the filter.
func (s *state) clearFilter() {
	s.filter = data.Filter{}
	s.request(true)
}

// setSort orders the table by spec.
func (s *state) setSort(spec sortSpec) {
	if spec == s.sort {
		return
	}
	s.sort = spec
	s.request(false)
}

// toggleSort sorts by col, reversing the direction when col is already the
// sort column.
func (s *state) toggleSort(col column) {
	spec := sortSpec{col: col}
	if s.sort.col == col {
		spec.desc = !s.sort.desc
	}
	s.setSort(spec)
}

// selectRow selects row (an index row) or clears the selection with -1.
func (s *state) selectRow(row int) {
	if row == s.selected {
		return
	}
	s.selected = row
	s.notify(changeSelection)
}

// hoverRow records the event under the pointer (-1 for none).
func (s *state) hoverRow(row int) {
	if row == s.hovered {
		return
	}
	s.hovered = row
	s.notify(changeHover)
}

// hoverSpan records the timeline bin under the pointer ((0, 0) for none).
func (s *state) hoverSpan(from, to int64) {
	if from == s.hoverFrom && to == s.hoverTo {
		return
	}
	s.hoverFrom, s.hoverTo = from, to
	s.notify(changeHoverSpan)
}

// request starts a worker computing a snapshot for the current filter and
// sort. With refilter false the current result is only re-sorted, unless a
// filter change is still in flight (its result would be lost otherwise).
func (s *state) request(refilter bool) {
	if s.closed.Load() {
		return // shut down: the store may be closed
	}
	s.gen++
	gen := s.gen
	if refilter {
		s.filterGen = gen
	}
	job := job{
		ix:        s.ix,
		sorter:    s.sorter,
		all:       s.all,
		filter:    cloneFilter(&s.filter),
		sort:      s.sort,
		filterGen: s.filterGen,
	}
	if s.snapFilter == s.filterGen && s.snap.result.ActorCounts != nil {
		prev := s.snap // a shallow copy: snapshots are never modified
		job.prev = &prev
	}
	if s.snap.untimed != nil {
		last := s.snap
		job.last = &last
	}
	s.spawn(func() func() {
		snap, err := job.run()
		return func() { s.deliver(gen, job.filterGen, snap, err) }
	})
}

// spawn runs work on a new goroutine and then the function it returns on
// the UI goroutine, unless the state has been shut down meanwhile.
func (s *state) spawn(work func() (apply func())) {
	s.jobs.Add(1)
	go func() {
		defer s.jobs.Done()
		apply := work()
		if s.closed.Load() {
			return
		}
		s.post(func() {
			if !s.closed.Load() {
				apply()
			}
		})
	}()
}

// deliver publishes a worker's snapshot unless it is stale.
func (s *state) deliver(gen, filterGen uint64, snap snapshot, err error) {
	if gen != s.gen {
		return // a newer request supersedes this one
	}
	if err != nil {
		if s.errListener != nil {
			s.errListener(err)
		}
		return
	}
	s.snap = snap
	s.snapFilter = filterGen
	s.notify(changeView)
	reclaimer.poke() // give memory back once the work settles
}

// shutdown stops publishing results and waits for workers to finish, so
// the store may be closed.
func (s *state) shutdown() {
	s.closed.Store(true)
	s.jobs.Wait()
}

// job is the work of one request, with copies of everything it reads.
type job struct {
	ix        *data.Index
	sorter    *sorter
	all       []uint32
	filter    data.Filter
	sort      sortSpec
	filterGen uint64
	prev      *snapshot // when set, only re-sort prev's result
	last      *snapshot // the snapshot on screen, for what a new one can reuse
}

func (j *job) run() (snapshot, error) {
	if j.prev != nil {
		snap := *j.prev
		snap.sort = j.sort
		snap.rows = j.sorter.sortRows(snap.result.Rows, j.sort)
		return snap, nil
	}
	res, err := j.ix.Filter(&j.filter)
	if err != nil {
		return snapshot{}, fmt.Errorf("filter events: %w", err)
	}
	counts := res.ActorCounts
	if len(j.filter.Actors) > 0 {
		noActors := j.filter
		noActors.Actors = nil
		wide, err := j.ix.Filter(&noActors)
		if err != nil {
			return snapshot{}, fmt.Errorf("count actor events: %w", err)
		}
		counts = wide.ActorCounts
	}
	snap := snapshot{result: res, actorCounts: counts, sort: j.sort,
		typeCounts: res.TypeCounts, subTypeCounts: res.SubTypeCounts, untimed: res.Rows}
	if len(j.filter.Types) > 0 {
		noTypes := j.filter
		noTypes.Types = nil
		wide, err := j.ix.Filter(&noTypes)
		if err != nil {
			return snapshot{}, fmt.Errorf("count type events: %w", err)
		}
		snap.typeCounts, snap.subTypeCounts = wide.TypeCounts, wide.SubTypeCounts
	}
	untimed := j.filter
	untimed.From, untimed.To = time.Time{}, time.Time{}
	if j.last != nil && sameFilter(&j.last.untimedFor, &untimed) {
		// Only the window moved (or was cleared): the same rows, and the
		// same slice, so the timeline need not rebuild.
		snap.untimed = j.last.untimed
	} else if !j.filter.From.IsZero() || !j.filter.To.IsZero() {
		wide, err := j.ix.Filter(&untimed)
		if err != nil {
			return snapshot{}, fmt.Errorf("filter for the timeline: %w", err)
		}
		snap.untimed = wide.Rows
	}
	snap.untimedFor = cloneFilter(&j.filter)
	snap.untimedFor.From, snap.untimedFor.To = time.Time{}, time.Time{}
	snap.rows = j.sorter.sortRows(res.Rows, j.sort)
	snap.actors = orderActors(j.ix.Strings, j.all, counts)
	return snap, nil
}

// orderActors returns ids sorted by count descending, then by name.
func orderActors(strs []string, ids []uint32, counts []int32) []uint32 {
	out := slices.Clone(ids)
	count := func(id uint32) int32 {
		if int(id) < len(counts) {
			return counts[id]
		}
		return 0
	}
	slices.SortFunc(out, func(a, b uint32) int {
		if ca, cb := count(a), count(b); ca != cb {
			return cmp(ca > cb)
		}
		if c := strings.Compare(strings.ToLower(strs[a]), strings.ToLower(strs[b])); c != 0 {
			return c
		}
		return cmp(a < b)
	})
	return out
}

// sameFilter reports whether a and b select the same events.
func sameFilter(a, b *data.Filter) bool {
	return a.From.Equal(b.From) && a.To.Equal(b.To) && slices.Equal(a.Actors, b.Actors) &&
		slices.Equal(a.Types, b.Types) && a.MinFatalities == b.MinFatalities && a.Text == b.Text &&
		a.PreciseOnly == b.PreciseOnly && ((a.BBox == nil) == (b.BBox == nil)) && (a.BBox == nil || *a.BBox == *b.BBox) &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Groups, b.Groups)
}

// cloneFilter copies f so that a worker's copy shares no slices with the
// UI's.
func cloneFilter(f *data.Filter) data.Filter {
	c := *f
	c.Actors = slices.Clone(f.Actors)
	c.Types = slices.Clone(f.Types)
	c.Tags = slices.Clone(f.Tags)
	c.Groups = slices.Clone(f.Groups)
	if f.BBox != nil {
		b := *f.BBox
		c.BBox = &b
	}
	return c
}
