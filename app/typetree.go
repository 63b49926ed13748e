package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// typeBranch is one event type and the sub-event types seen with it, as
// string IDs.
type typeBranch struct {
	id   uint32
	subs []uint32
}

// typePair is an (event type, sub-event type) pair of string IDs; sub is 0
// for a type that has no sub-event types.
type typePair struct{ typ, sub uint32 }

// typePairs reads the event types and the sub-event types that occur with
// each from the index columns, sorted by name (case-insensitive) at both
// levels. Rows without an event type are left out: a type filter cannot
// name them.
func typePairs(ix *data.Index) []typeBranch {
	slot := make([]int32, len(ix.Strings)) // type ID → 1 + index in out
	var out []typeBranch
	lastT, lastS := uint32(0), uint32(0)
	for i, t := range ix.Type {
		s := ix.SubType[i]
		if t == 0 || int(t) >= len(slot) || (t == lastT && s == lastS) {
			continue
		}
		lastT, lastS = t, s
		k := slot[t]
		if k == 0 {
			out = append(out, typeBranch{id: t})
			k = int32(len(out))
			slot[t] = k
		}
		b := &out[k-1]
		if s != 0 && int(s) < len(ix.Strings) && !slices.Contains(b.subs, s) {
			b.subs = append(b.subs, s)
		}
	}
	byName := func(a, b uint32) int {
		if c := strings.Compare(strings.ToLower(ix.Strings[a]), strings.ToLower(ix.Strings[b])); c != 0 {
			return c
		}
		return cmp(a < b)
	}
	for i := range out {
		slices.SortFunc(out[i].subs, byName)
	}
	slices.SortFunc(out, func(a, b typeBranch) int { return byName(a.id, b.id) })
	return out
}

// typeTree is the event type tree: each event type with its sub-event
// types as children, each node with a check box and its event count under
// the other parts of the filter.
//
// The checks stand for (type, sub-type) pairs. A fully checked type puts
// the type's name in the filter, a partly checked one the names of its
// checked sub-types (so a sub-type name shared by two types matches both).
// All pairs checked, or none, means no type filter, as for actors.
type typeTree struct {
	st       *state
	branches []typeBranch
	tree     *widget.Tree
	on       map[typePair]bool // the checked pairs
	total    int               // how many pairs there are
	rows     []*typeItem       // every node template the tree created
	applied  []string          // the type filter this tree last asked for
	onChange func()            // called after the checks change the filter
}

func newTypeTree(st *state) *typeTree {
	t := &typeTree{st: st, branches: typePairs(st.ix), on: map[typePair]bool{}}
	for _, b := range t.branches {
		t.total += max(len(b.subs), 1)
	}
	t.setAll(true)
	t.tree = widget.NewTree(t.childUIDs, t.isBranch,
		func(bool) fyne.CanvasObject {
			r := newTypeItem(t)
			t.rows = append(t.rows, r)
			return r
		},
		func(uid widget.TreeNodeID, _ bool, o fyne.CanvasObject) { o.(*typeItem).bind(uid) },
	)
	t.tree.OnSelected = func(uid widget.TreeNodeID) {
		// A tap on a node toggles its check, like a tap on its box.
		t.tree.Unselect(uid)
		t.toggle(uid)
	}
	return t
}

// Node IDs: "t3" is branch 3 (an event type), "s3.1" its sub-type 1.

func typeUID(i int) widget.TreeNodeID { return "t" + strconv.Itoa(i) }

func subUID(i, j int) widget.TreeNodeID { return "s" + strconv.Itoa(i) + "." + strconv.Itoa(j) }

// node parses uid into a branch index and a sub-type index (-1 for the
// type node itself); ok is false for the root and unknown IDs.
func (t *typeTree) node(uid widget.TreeNodeID) (i, j int, ok bool) {
	if uid == "" {
		return 0, 0, false
	}
	var err error
	switch uid[0] {
	case 't':
		i, err = strconv.Atoi(uid[1:])
		j = -1
	case 's':
		a, b, _ := strings.Cut(uid[1:], ".")
		if i, err = strconv.Atoi(a); err == nil {
			j, err = strconv.Atoi(b)
		}
	default:
		return 0, 0, false
	}
	if err != nil || i < 0 || i >= len(t.branches) || j < -1 || j >= len(t.branches[i].subs) {
		return 0, 0, false
	}
	return i, j, true
}

func (t *typeTree) childUIDs(uid widget.TreeNodeID) []widget.TreeNodeID {
	if uid == "" {
		out := make([]widget.TreeNodeID, len(t.branches))
		for i := range t.branches {
			out[i] = typeUID(i)
		}
		return out
	}
	i, j, ok := t.node(uid)
	if !ok || j >= 0 {
		return nil
	}
	out := make([]widget.TreeNodeID, len(t.branches[i].subs))
	for j := range t.branches[i].subs {
		out[j] = subUID(i, j)
	}
	return out
}

func (t *typeTree) isBranch(uid widget.TreeNodeID) bool {
	if uid == "" {
		return true
	}
	i, j, ok := t.node(uid)
	return ok && j < 0 && len(t.branches[i].subs) > 0
}

// pairs returns the pairs of branch i.
func (t *typeTree) pairs(i int) []typePair {
	b := t.branches[i]
	if len(b.subs) == 0 {
		return []typePair{{b.id, 0}}
	}
	out := make([]typePair, len(b.subs))
	for j, s := range b.subs {
		out[j] = typePair{b.id, s}
	}
	return out
}

// state returns whether all, and whether any, of branch i's pairs are
// checked.
func (t *typeTree) state(i int) (all, any bool) {
	all = true
	for _, p := range t.pairs(i) {
		if t.on[p] {
			any = true
		} else {
			all = false
		}
	}
	return all, any
}

// setAll checks or unchecks every pair without touching the filter.
func (t *typeTree) setAll(on bool) {
	clear(t.on)
	if !on {
		return
	}
	for i := range t.branches {
		for _, p := range t.pairs(i) {
			t.on[p] = true
		}
	}
}

// toggle flips the check of node uid and applies the result.
func (t *typeTree) toggle(uid widget.TreeNodeID) {
	i, j, ok := t.node(uid)
	if !ok {
		return
	}
	if j >= 0 {
		t.setNode(i, j, !t.on[typePair{t.branches[i].id, t.branches[i].subs[j]}])
		return
	}
	all, _ := t.state(i)
	t.setNode(i, -1, !all)
}

// setNode checks or unchecks a sub-type (j ≥ 0) or a whole type (j = -1)
// and applies the result.
func (t *typeTree) setNode(i, j int, on bool) {
	ps := t.pairs(i)
	if j >= 0 {
		ps = ps[j : j+1]
	}
	for _, p := range ps {
		if on {
			t.on[p] = true
		} else {
			delete(t.on, p)
		}
	}
	t.apply()
}

// setEvery checks or unchecks every node and applies the result.
func (t *typeTree) setEvery(on bool) {
	t.setAll(on)
	t.apply()
}

// names returns the type filter the checks stand for (nil: none).
func (t *typeTree) names() []string {
	if n := len(t.on); n == 0 || n >= t.total {
		return nil
	}
	var names []string
	add := func(id uint32) {
		if n := t.st.ix.Strings[id]; !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for i, b := range t.branches {
		switch all, any := t.state(i); {
		case all:
			add(b.id)
		case any:
			for _, s := range b.subs {
				if t.on[typePair{b.id, s}] {
					add(s)
				}
			}
		}
	}
	return names
}

// apply pushes the checks into the filter and redraws the nodes.
func (t *typeTree) apply() {
	t.applied = t.names()
	t.st.setTypes(t.applied)
	t.redraw()
	if t.onChange != nil {
		t.onChange()
	}
}

// redraw rebinds every node the tree has drawn (checks and counts).
func (t *typeTree) redraw() {
	for _, r := range t.rows {
		if r.uid != "" {
			r.bind(r.uid)
		}
	}
}

// reset checks every node (no type filter) without touching the filter.
func (t *typeTree) reset() {
	t.setAll(true)
	t.applied = nil
	t.redraw()
}

// syncFromFilter adopts the state's type filter when something else set
// it: a name checks the type, or the sub-type, of that name.
func (t *typeTree) syncFromFilter() {
	want := t.st.filter.Types
	if sameNames(want, t.applied) {
		return
	}
	if len(want) == 0 {
		t.setAll(true)
	} else {
		clear(t.on)
		for i, b := range t.branches {
			typeOn := slices.Contains(want, t.st.ix.Strings[b.id])
			for _, p := range t.pairs(i) {
				if typeOn || (p.sub != 0 && slices.Contains(want, t.st.ix.Strings[p.sub])) {
					t.on[p] = true
				}
			}
		}
	}
	t.applied = slices.Clone(want)
	t.redraw()
}

// count returns the event count shown on node (i, j).
func (t *typeTree) count(i, j int) int32 {
	counts, id := t.st.snap.typeCounts, t.branches[i].id
	if j >= 0 {
		counts, id = t.st.snap.subTypeCounts, t.branches[i].subs[j]
	}
	if int(id) < len(counts) {
		return counts[id]
	}
	return 0
}

// typeItem is one node of the type tree: check box, name and count.
type typeItem struct {
	widget.BaseWidget
	t     *typeTree
	uid   widget.TreeNodeID
	check *widget.Check
	name  *widget.Label
	count *widget.Label
}

func newTypeItem(t *typeTree) *typeItem {
	r := &typeItem{t: t}
	r.check = widget.NewCheck("", nil)
	r.name = widget.NewLabel("")
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.count = widget.NewLabel("")
	r.count.Alignment = fyne.TextAlignTrailing
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays the node out: check, name, count.
func (r *typeItem) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.check, r.count, r.name))
}

// bind shows node uid.
func (r *typeItem) bind(uid widget.TreeNodeID) {
	t := r.t
	i, j, ok := t.node(uid)
	if !ok {
		return
	}
	r.uid = uid
	b := t.branches[i]
	var all, any bool
	if j >= 0 {
		all = t.on[typePair{b.id, b.subs[j]}]
		any = all
		r.name.SetText(t.st.ix.Strings[b.subs[j]])
	} else {
		all, any = t.state(i)
		r.name.SetText(t.st.ix.Strings[b.id])
	}
	r.check.OnChanged = nil // setting the box must not toggle the filter
	r.check.SetChecked(all)
	r.check.Partial = any && !all
	r.check.Refresh()
	r.check.OnChanged = func(on bool) { t.setNode(i, j, on) }
	imp := widget.MediumImportance
	if !any {
		imp = widget.LowImportance
	}
	if r.name.Importance != imp {
		r.name.Importance = imp
		r.name.Refresh()
	}
	r.count.SetText(groupDigits(int64(t.count(i, j))))
}
