package app

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// actorPanel is the left panel: a search entry, All/None buttons, a line
// saying what the checks mean, and the list of actors grouped by actor type
// (State forces, Rebel group, …; actors without a type last, as Other).
// Each group has a header row (a check for the whole group, its name and
// the sum of its actors' counts, so an event between two actors of the
// group adds 2; a tap folds the group) and lists its actors most events
// first, each with a check box, colour swatch, event count and an "only"
// button that checks that actor alone.
//
// An event is shown when any of its actors is checked. All actors start
// checked; checking all of them, or none, means no actor filter.
type actorPanel struct {
	st      *state
	search  *widget.Entry
	all     *widget.Button
	none    *widget.Button
	summary *widget.Label
	list    *widget.List
	content fyne.CanvasObject

	lower   map[uint32]string // case-folded actor names, for the search
	checked map[uint32]bool
	// shown lists the actors matching the search in snapshot order (most
	// events first): what All and None act on.
	shown []uint32
	// groups are the actor types in display order; groupOf maps an actor
	// to its index there.
	groups    []actorGroup
	groupOf   map[uint32]int
	collapsed map[int]bool // groups whose actors are folded away
	items     []actorEntry // the list's rows: group headers and actors
	rows      []*actorItem // every row template the list created
	members   [][]uint32   // per group, its shown actors (reused)
	totals    []int64      // per group, the sum of its shown actors' counts
	lastNames []string     // the actor filter this panel last asked for

	// groupChecks toggle the user's actor groups (Filter.Groups): the
	// events of a checked group's actors are shown (besides those of the
	// checked actors when only some are checked).
	groupChecks *fyne.Container
	groupNames  []string // the group of each check, in order
	groupBoxes  []*widget.Check
	syncing     bool
	// onMenu shows an actor's menu (rename, merge, colour, type, group)
	// at a window position; nil: no menu.
	onMenu func(id uint32, at fyne.Position)
}

// actorGroup is one actor type and the actors of that type.
type actorGroup struct {
	name string // "State forces", …, or "Other" for actors without a type
}

// actorEntry is one row of the list: an actor, or (id 0) the header of
// group.
type actorEntry struct {
	id    uint32
	group int
}

// otherGroup names the group of actors whose type is unknown.
const otherGroup = "Other"

// actorTypeOrder is ACLED's order of actor types (that of the old numeric
// inter codes); other types follow by name, then Other.
var actorTypeOrder = []string{
	"State forces", "Rebel group", "Political militia", "Identity militia",
	"Rioters", "Protesters", "Civilians", "External/Other forces",
}

func newActorPanel(st *state) *actorPanel {
	p := &actorPanel{st: st, lower: make(map[uint32]string, len(st.all)),
		checked: make(map[uint32]bool, len(st.all)), collapsed: map[int]bool{}}
	for _, id := range st.all {
		p.lower[id] = strings.ToLower(st.ix.Strings[id])
		p.checked[id] = true
	}
	p.groups, p.groupOf = groupActors(st.all, st.ix.ActorInfo)
	p.members = make([][]uint32, len(p.groups))
	p.totals = make([]int64, len(p.groups))
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder("Search actors (Ctrl+F)")
	p.search.OnChanged = func(string) { p.refilter() }
	p.all = widget.NewButton("All", func() { p.setShown(true) })
	p.none = widget.NewButton("None", func() { p.setShown(false) })
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.summary.SizeName = theme.SizeNameCaptionText
	p.list = widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject {
			r := newActorItem(p)
			p.rows = append(p.rows, r)
			return r
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.items) {
				o.(*actorItem).bind(p.items[i])
			}
		},
	)
	p.list.OnSelected = func(i widget.ListItemID) {
		// A tap on an actor row toggles its actor, like a tap on its box;
		// a tap on a group header folds or unfolds the group.
		p.list.Unselect(i)
		if i >= len(p.items) {
			return
		}
		if e := p.items[i]; e.id == 0 {
			p.toggleGroup(e.group)
		} else {
			p.setChecked(e.id, !p.checked[e.id])
		}
	}
	title := widget.NewLabelWithStyle("Actors", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.groupChecks = container.NewVBox()
	p.buildGroups()
	top := container.NewVBox(title, p.search, container.NewGridWithColumns(2, p.all, p.none), p.groupChecks, p.summary)
	p.content = container.NewBorder(top, nil, nil, nil, p.list)
	st.onChange(func(c change) {
		if c == changeView {
			p.syncFromFilter()
			p.refilter()
		}
	})
	p.updateSummary()
	p.refilter()
	return p
}

// groupActors sorts actors into groups by type: the ACLED types in their
// usual order, then other named types by name, then Other.
func groupActors(ids []uint32, info map[uint32]data.Actor) ([]actorGroup, map[uint32]int) {
	typeOf := func(id uint32) string {
		if t := strings.TrimSpace(info[id].Type); t != "" {
			return t
		}
		return otherGroup
	}
	seen := map[string]bool{}
	var extra []string
	for _, id := range ids {
		if t := typeOf(id); !seen[t] {
			seen[t] = true
			if t != otherGroup && !slices.Contains(actorTypeOrder, t) {
				extra = append(extra, t)
			}
		}
	}
	slices.SortFunc(extra, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	var names []string
	for _, t := range actorTypeOrder {
		if seen[t] {
			names = append(names, t)
		}
	}
	names = append(names, extra...)
	if seen[otherGroup] {
		names = append(names, otherGroup)
	}
	groups := make([]actorGroup, len(names))
	index := make(map[string]int, len(names))
	for i, n := range names {
		groups[i] = actorGroup{name: n}
		index[n] = i
	}
	groupOf := make(map[uint32]int, len(ids))
	for _, id := range ids {
		groupOf[id] = index[typeOf(id)]
	}
	return groups, groupOf
}

// refilter rebuilds the listed actors from the snapshot and the search:
// per group a header and the group's matching actors, most events first.
func (p *actorPanel) refilter() {
	q := strings.ToLower(strings.TrimSpace(p.search.Text))
	order := p.st.snap.actors
	if order == nil {
		order = p.st.all // before the first snapshot
	}
	p.shown = p.shown[:0]
	for g := range p.members {
		p.members[g] = p.members[g][:0]
		p.totals[g] = 0
	}
	for _, id := range order {
		if q == "" || strings.Contains(p.lower[id], q) {
			p.shown = append(p.shown, id)
			g := p.groupOf[id]
			p.members[g] = append(p.members[g], id)
			p.totals[g] += int64(p.count(id))
		}
	}
	p.items = p.items[:0]
	for g, ids := range p.members {
		if len(ids) == 0 {
			continue
		}
		p.items = append(p.items, actorEntry{group: g})
		if p.collapsed[g] {
			continue
		}
		for _, id := range ids {
			p.items = append(p.items, actorEntry{id: id, group: g})
		}
	}
	p.list.Refresh()
}

// toggleGroup folds or unfolds group g.
func (p *actorPanel) toggleGroup(g int) {
	p.collapsed[g] = !p.collapsed[g]
	p.refilter()
}

// count returns actor id's event count in the current snapshot.
func (p *actorPanel) count(id uint32) int32 {
	if c := p.st.snap.actorCounts; int(id) < len(c) {
		return c[id]
	}
	return 0
}

// setChecked checks or unchecks one actor and refilters.
func (p *actorPanel) setChecked(id uint32, on bool) {
	if p.checked[id] == on {
		return
	}
	if on {
		p.checked[id] = true
	} else {
		delete(p.checked, id)
	}
	p.changed()
}

// only checks actor id and unchecks every other actor.
func (p *actorPanel) only(id uint32) {
	clear(p.checked)
	p.checked[id] = true
	p.changed()
}

// setShown checks or unchecks every listed actor (all of them when the
// search is empty).
func (p *actorPanel) setShown(on bool) { p.setMany(p.shown, on) }

// setGroup checks or unchecks the listed actors of group g.
func (p *actorPanel) setGroup(g int, on bool) { p.setMany(p.members[g], on) }

// checkAll checks every actor (no actor filter) and clears the search:
// what removing the actor chip or clearing all filters does.
func (p *actorPanel) checkAll() {
	for _, id := range p.st.all {
		p.checked[id] = true
	}
	p.search.SetText("") // refilters
	p.changed()
}

func (p *actorPanel) setMany(ids []uint32, on bool) {
	for _, id := range ids {
		if on {
			p.checked[id] = true
		} else {
			delete(p.checked, id)
		}
	}
	p.changed()
}

// names returns the actor filter the checks stand for: nil when all or
// none are checked, else the checked names in ID order.
func (p *actorPanel) names() []string {
	n := len(p.checked)
	if n == 0 || n >= len(p.st.all) {
		return nil
	}
	names := make([]string, 0, n)
	for _, id := range p.st.all {
		if p.checked[id] {
			names = append(names, p.st.ix.Strings[id])
		}
	}
	return names
}

// changed pushes the checks into the filter and redraws the rows.
func (p *actorPanel) changed() {
	p.updateSummary()
	p.rebind()
	p.lastNames = p.names()
	p.st.setActors(p.lastNames)
}

// rebind redraws every row the list has made with what it shows.
func (p *actorPanel) rebind() {
	for _, r := range p.rows {
		r.bind(r.entry)
	}
}

// syncFromFilter adopts the state's actor filter when something else set
// it (Clear all, a removed chip): no actor filter checks every actor.
func (p *actorPanel) syncFromFilter() {
	p.syncGroups()
	want := p.st.filter.Actors
	if sameNames(want, p.lastNames) {
		return
	}
	clear(p.checked)
	if len(want) == 0 {
		for _, id := range p.st.all {
			p.checked[id] = true
		}
	} else {
		for _, n := range want {
			if id, ok := p.st.ix.StringID(n); ok {
				if _, known := p.lower[id]; known {
					p.checked[id] = true
				}
			}
		}
	}
	p.lastNames = p.names()
	p.updateSummary()
	p.rebind()
}

// sameNames reports whether a and b hold the same names, in any order.
func sameNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	if slices.Equal(a, b) {
		return true
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// updateSummary says what the checks filter; it runs on every snapshot,
// so the label is only set when its text changes.
func (p *actorPanel) updateSummary() {
	n, total := len(p.checked), len(p.st.all)
	var text string
	g := p.st.filter.Groups
	switch {
	case len(g) > 0 && (n == 0 || n >= total):
		text = fmt.Sprintf("Showing the events of the group %s only.", strings.Join(g, ", "))
	case len(g) > 0:
		text = fmt.Sprintf("%d of %d actors checked, and the group %s: showing events involving any of them.", n, total, strings.Join(g, ", "))
	case total == 0:
		text = "No actors in this store."
	case n == total:
		text = fmt.Sprintf("All %d actors checked: no actor filter.", total)
	case n == 0:
		text = "No actor checked: no actor filter, every event shown."
	default:
		text = fmt.Sprintf("%d of %d actors checked: showing events involving any of them.", n, total)
	}
	if p.onMenu != nil {
		text += " Right-click an actor (or ⋯) to rename, merge, colour or group it."
	}
	if text != p.summary.Text {
		p.summary.SetText(text)
	}
}

// groupState returns whether every, and whether any, listed actor of
// group g is checked.
func (p *actorPanel) groupState(g int) (all, any bool) {
	all = true
	for _, id := range p.members[g] {
		if p.checked[id] {
			any = true
		} else {
			all = false
		}
	}
	return all && any, any
}

// actorItem is one row of the actor list: an actor (check, swatch, name,
// count, "only" button) or a group header (check, fold arrow, bold name,
// group total).
type actorItem struct {
	widget.BaseWidget
	p      *actorPanel
	entry  actorEntry
	id     uint32 // the actor shown, 0 on a header row
	check  *widget.Check
	swatch *canvas.Rectangle
	name   *widget.Label
	count  *widget.Label
	onlyB  *widget.Button
	menuB  *widget.Button
	actor  *fyne.Container

	// The header's widgets.
	groupCheck *widget.Check
	fold       *widget.Icon
	groupName  *widget.Label
	groupCount *widget.Label
	header     *fyne.Container
}

func newActorItem(p *actorPanel) *actorItem {
	r := &actorItem{p: p}
	r.check = widget.NewCheck("", nil)
	r.swatch = canvas.NewRectangle(color.Gray{Y: 128})
	r.swatch.SetMinSize(fyne.NewSize(14, 14))
	r.swatch.CornerRadius = 3
	r.name = widget.NewLabel("")
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.count = widget.NewLabel("")
	r.count.Alignment = fyne.TextAlignTrailing
	r.onlyB = widget.NewButton("only", func() {
		if r.id != 0 {
			r.p.only(r.id)
		}
	})
	r.onlyB.Importance = widget.LowImportance
	r.menuB = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), func() {
		if r.id != 0 && r.p.onMenu != nil {
			c := fyne.CurrentApp().Driver().CanvasForObject(r.menuB)
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(r.menuB)
			if c != nil {
				pos = pos.AddXY(0, r.menuB.Size().Height)
			}
			r.p.onMenu(r.id, pos)
		}
	})
	r.menuB.Importance = widget.LowImportance
	if p.onMenu == nil {
		r.menuB.Hide()
	}
	left := container.NewHBox(r.check, container.NewCenter(r.swatch))
	r.actor = container.NewBorder(nil, nil, left, container.NewHBox(r.count, r.onlyB, r.menuB), r.name)

	r.groupCheck = widget.NewCheck("", nil)
	r.fold = widget.NewIcon(theme.MenuDropDownIcon())
	r.groupName = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.groupName.Truncation = fyne.TextTruncateEllipsis
	r.groupCount = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	r.header = container.NewBorder(nil, nil, container.NewHBox(r.groupCheck, r.fold), r.groupCount, r.groupName)
	r.header.Hide()
	r.ExtendBaseWidget(r)
	return r
}

// TappedSecondary shows the actor's menu (a right-click on its row).
func (r *actorItem) TappedSecondary(ev *fyne.PointEvent) {
	if r.id != 0 && r.p.onMenu != nil {
		r.p.onMenu(r.id, ev.AbsolutePosition)
	}
}

// CreateRenderer stacks the actor layout and the header layout; bind shows
// one of them.
func (r *actorItem) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.actor, r.header))
}

// bind shows entry e in the row.
func (r *actorItem) bind(e actorEntry) {
	r.entry = e
	if e.id == 0 {
		r.id = 0
		if e.group < len(r.p.groups) && len(r.p.members) > e.group {
			r.bindHeader(e.group)
		}
		return
	}
	r.header.Hide()
	r.actor.Show()
	r.bindActor(e.id)
}

// bindHeader shows the header of group g.
func (r *actorItem) bindHeader(g int) {
	p := r.p
	r.actor.Hide()
	r.header.Show()
	all, any := p.groupState(g)
	r.groupCheck.OnChanged = nil
	r.groupCheck.SetChecked(all)
	r.groupCheck.Partial = any && !all
	r.groupCheck.Refresh()
	r.groupCheck.OnChanged = func(on bool) { p.setGroup(g, on) }
	if p.collapsed[g] {
		r.fold.SetResource(theme.MenuExpandIcon())
	} else {
		r.fold.SetResource(theme.MenuDropDownIcon())
	}
	r.groupName.SetText(p.groups[g].name)
	r.groupCount.SetText(groupDigits(p.totals[g]))
}

// bindActor shows actor id in the row.
func (r *actorItem) bindActor(id uint32) {
	r.id = id
	p := r.p
	r.check.OnChanged = nil // setting the box must not toggle the filter
	r.check.SetChecked(p.checked[id])
	r.check.OnChanged = func(on bool) { p.setChecked(id, on) }
	c := p.st.ix.ActorColor(id)
	r.swatch.FillColor = color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
	r.swatch.Refresh()
	r.name.SetText(p.st.ix.Strings[id])
	r.name.Importance = widget.MediumImportance
	if !p.checked[id] {
		r.name.Importance = widget.LowImportance
	}
	r.name.Refresh()
	r.count.SetText(groupDigits(int64(p.count(id))))
	if p.onMenu != nil {
		r.menuB.Show()
	} else {
		r.menuB.Hide()
	}
}

// buildGroups makes one check per actor group the user defined.
func (p *actorPanel) buildGroups() {
	ix := p.st.ix
	p.groupChecks.RemoveAll()
	names := ix.GroupNames()
	p.groupNames, p.groupBoxes = names, nil
	if len(names) > 0 {
		p.groupChecks.Add(widget.NewLabelWithStyle("Actor groups", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, g := range names {
		c := widget.NewCheck(fmt.Sprintf("%s (%d actors)", g, len(ix.GroupMembers(g))), nil)
		c.OnChanged = func(on bool) {
			if p.syncing {
				return
			}
			gs := slices.DeleteFunc(slices.Clone(p.st.filter.Groups), func(s string) bool { return s == g })
			if on {
				gs = append(gs, g)
			}
			p.st.setGroups(gs)
			p.updateSummary()
		}
		p.groupBoxes = append(p.groupBoxes, c)
		p.groupChecks.Add(c)
	}
	p.groupChecks.Hidden = len(names) == 0
}

// syncGroups checks the groups of the state's filter.
func (p *actorPanel) syncGroups() {
	p.syncing = true
	for i, c := range p.groupBoxes {
		if on := slices.Contains(p.st.filter.Groups, p.groupNames[i]); on != c.Checked {
			c.SetChecked(on)
		}
	}
	p.syncing = false
	p.updateSummary()
}

// clearGroups turns every group toggle off (the groups chip's ×).
func (p *actorPanel) clearGroups() {
	p.st.setGroups(nil)
	p.syncGroups()
}
