package app

import (
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// Column widths. The Actors column takes the rest of the width, at least
// columnWidths[colActors].
var columnWidths = [numColumns]float32{
	colDate:       96,
	colLocation:   130,
	colType:       210,
	colActors:     160,
	colFatalities: 86,
}

// eventTable is the virtual table of the filtered events, one row per
// event in the state's snapshot order. Only the visible cells exist, so it
// stays fast at a million rows. A header tap sorts by that column.
type eventTable struct {
	widget.BaseWidget
	st      *state
	table   *widget.Table
	headers map[column]*widget.Button // the header cells as last bound
	arrows  [numColumns]string        // "▲", "▼" or "" as last shown
	pos     int                       // table row of the selection, -1 for none
	actorsW float32
	// marked are the index rows of a multi-row selection (Ctrl+click adds
	// or removes a row, Shift+click a range from anchor, a table row);
	// empty when only the selected event is selected.
	marked map[int32]bool
	anchor int
	// selecting is set while the table selects a row itself (following
	// the state), so OnSelected does not take it for a click.
	selecting bool
	// laidOut says the table has been laid out at a real size; until then
	// a selection waits (scrollPending), since the table would scroll by
	// a viewport of no height and show blank rows.
	laidOut, scrollPending bool
	shownRows              int // rows of the snapshot last shown
}

// keyModifiers returns the modifier keys held now (tests replace it: the
// test driver has none).
var keyModifiers = func() fyne.KeyModifier {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

func newEventTable(st *state) *eventTable {
	t := &eventTable{st: st, headers: map[column]*widget.Button{}, pos: -1, marked: map[int32]bool{}, anchor: -1}
	t.table = widget.NewTable(t.length, t.createCell, t.updateCell)
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		return b
	}
	t.table.UpdateHeader = t.updateHeader
	for c, w := range columnWidths {
		t.table.SetColumnWidth(c, w)
	}
	t.actorsW = columnWidths[colActors]
	t.table.OnSelected = func(id widget.TableCellID) {
		rows := t.st.snap.rows
		if id.Row < 0 || id.Row >= len(rows) {
			return
		}
		if !t.selecting {
			t.mark(id.Row, keyModifiers())
		}
		t.pos = id.Row
		t.st.selectRow(int(rows[id.Row]))
		t.table.Refresh() // redraw the row highlight
	}
	st.onChange(func(c change) {
		switch c {
		case changeView:
			t.resync()
		case changeSelection:
			t.follow()
		}
	})
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer shows the table, widening the Actors column to fill.
func (t *eventTable) CreateRenderer() fyne.WidgetRenderer {
	return &eventTableRenderer{t: t}
}

type eventTableRenderer struct{ t *eventTable }

// Layout sizes the table and gives the Actors column the spare width.
func (r *eventTableRenderer) Layout(s fyne.Size) {
	t := r.t
	pad := t.Theme().Size(theme.SizeNamePadding)
	fixed := pad * float32(numColumns+1)
	for c, w := range columnWidths {
		if column(c) != colActors {
			fixed += w
		}
	}
	// Leave room for the vertical scroll bar.
	w := max(columnWidths[colActors], s.Width-fixed-theme.ScrollBarSize()-2*pad)
	if w != t.actorsW {
		t.actorsW = w
		t.table.SetColumnWidth(int(colActors), w)
	}
	t.table.Resize(s)
	if s.Height >= 1 && s.Width >= 1 {
		t.laidOut = true
		if t.scrollPending && t.pos >= 0 && t.pos < len(t.st.snap.rows) {
			t.selectPos()
		}
	}
}

// MinSize is small: the table scrolls.
func (r *eventTableRenderer) MinSize() fyne.Size { return fyne.NewSize(400, 200) }

// Refresh redraws the visible cells.
func (r *eventTableRenderer) Refresh() { r.t.table.Refresh() }

// Objects returns the table.
func (r *eventTableRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.t.table}
}

// Destroy has nothing to release.
func (r *eventTableRenderer) Destroy() {}

func (t *eventTable) length() (int, int) { return len(t.st.snap.rows), int(numColumns) }

// createCell returns a cell template: a row highlight behind a label.
func (t *eventTable) createCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	bg.Hide()
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(bg, l)
}

func (t *eventTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	bg, l := c.Objects[0].(*canvas.Rectangle), c.Objects[1].(*widget.Label)
	rows := t.st.snap.rows
	if id.Row >= len(rows) {
		l.SetText("")
		bg.Hide()
		return
	}
	row := int(rows[id.Row])
	if row == t.st.selected || t.marked[int32(row)] {
		bg.FillColor = t.Theme().Color(theme.ColorNameSelection, fyne.CurrentApp().Settings().ThemeVariant())
		bg.Show()
		bg.Refresh()
	} else {
		bg.Hide()
	}
	l.Alignment = fyne.TextAlignLeading
	if column(id.Col) == colFatalities {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText(cellText(t.st.ix, row, column(id.Col)))
}

// cellText is the text of one cell of the event table.
func cellText(ix *data.Index, row int, col column) string {
	switch col {
	case colDate:
		return time.Unix(ix.Start[row], 0).UTC().Format(data.DateLayout)
	case colLocation:
		return ix.Strings[ix.Location[row]]
	case colType:
		return ix.Strings[ix.Type[row]]
	case colActors:
		a1, a2 := ix.Strings[ix.Actor1[row]], ix.Strings[ix.Actor2[row]]
		if a2 == "" {
			return a1
		}
		return a1 + " — " + a2
	case colFatalities:
		return strconv.Itoa(int(ix.Fatalities[row]))
	}
	return ""
}

func (t *eventTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	col := column(id.Col)
	if col < 0 || col >= numColumns {
		return
	}
	t.headers[col] = b
	b.SetText(columnTitles[col])
	b.OnTapped = func() { t.st.toggleSort(col) }
	var icon fyne.Resource
	t.arrows[col] = ""
	if s := t.st.snap.sort; s.col == col && t.st.snap.result.ActorCounts != nil {
		icon, t.arrows[col] = theme.MenuDropUpIcon(), "▲"
		if s.desc {
			icon, t.arrows[col] = theme.MenuDropDownIcon(), "▼"
		}
	}
	b.SetIcon(icon)
}

// resync redraws after a new snapshot and keeps the selected event
// selected (scrolled into view) if it is still shown, else clears it.
func (t *eventTable) resync() {
	t.keepMarked()
	sel := t.st.selected
	t.pos = -1
	if sel >= 0 {
		t.pos = slices.Index(t.st.snap.rows, int32(sel))
	}
	if t.pos < 0 {
		t.table.UnselectAll()
		t.st.selectRow(-1)
		if n := len(t.st.snap.rows); n < t.shownRows {
			// Fewer rows: the scroll offset may lie past the end, where
			// Fyne's scroll and the table would disagree (blank rows).
			t.table.ScrollToTop()
		}
	} else {
		t.selectPos()
	}
	t.shownRows = len(t.st.snap.rows)
	t.table.Refresh()
}

// selectPos selects (and scrolls to) table row t.pos, once the table has
// been laid out.
func (t *eventTable) selectPos() {
	if !t.laidOut {
		t.scrollPending = true
		return
	}
	t.scrollPending = false
	t.selecting = true
	id := widget.TableCellID{Row: t.pos, Col: 0}
	t.table.Select(id)
	// Fyne 2.7.1's scroll clamps its offset against the cells' size as
	// last laid out: right after the rows changed (a rebuilt window) that
	// is stale and the offset drops to 0 while the table keeps its own,
	// which shows blank rows. The first scroll lays the cells out anew;
	// a second one lands where it should.
	t.table.ScrollTo(id)
	t.selecting = false
}

// follow selects and scrolls to the selected event when it was selected
// elsewhere (on the map).
func (t *eventTable) follow() {
	sel := t.st.selected
	rows := t.st.snap.rows
	if t.pos >= 0 && t.pos < len(rows) && int(rows[t.pos]) == sel {
		return // the table made this selection
	}
	clear(t.marked) // a selection made elsewhere (map, timeline) is one event
	t.pos = -1
	if sel >= 0 {
		t.pos = slices.Index(rows, int32(sel))
	}
	if t.pos < 0 {
		t.table.UnselectAll()
	} else {
		t.selectPos()
	}
	t.table.Refresh()
}

// headerText returns the header of col as shown, with its sort arrow.
func (t *eventTable) headerText(col column) string {
	b := t.headers[col]
	if b == nil {
		return ""
	}
	if a := t.arrows[col]; a != "" && b.Icon != nil {
		return b.Text + " " + a
	}
	return b.Text
}

// mark updates the multi-row selection for a click on table row pos with
// the modifiers mods: Ctrl (Cmd) adds or removes the row, Shift marks the
// range from the last plain or Ctrl click, a plain click clears it.
func (t *eventTable) mark(pos int, mods fyne.KeyModifier) {
	rows := t.st.snap.rows
	switch {
	case mods&fyne.KeyModifierShift != 0 && t.anchor >= 0 && t.anchor < len(rows):
		clear(t.marked)
		lo, hi := min(t.anchor, pos), max(t.anchor, pos)
		for _, r := range rows[lo : hi+1] {
			t.marked[r] = true
		}
	case mods&fyne.KeyModifierShortcutDefault != 0:
		if len(t.marked) == 0 && t.st.selected >= 0 {
			t.marked[int32(t.st.selected)] = true // the selection so far joins
		}
		r := rows[pos]
		if t.marked[r] {
			delete(t.marked, r)
		} else {
			t.marked[r] = true
		}
		t.anchor = pos
	default:
		clear(t.marked)
		t.anchor = pos
	}
}

// selectedRows returns the selected events: the marked rows in index
// order, or the one selected event, or none.
func (t *eventTable) selectedRows() []int32 {
	if len(t.marked) > 0 {
		out := make([]int32, 0, len(t.marked))
		for r := range t.marked {
			out = append(out, r)
		}
		slices.Sort(out)
		return out
	}
	if r := t.st.selected; r >= 0 {
		return []int32{int32(r)}
	}
	return nil
}

// keepMarked drops marked rows the new snapshot no longer shows.
func (t *eventTable) keepMarked() {
	if len(t.marked) == 0 {
		return
	}
	shown := make(map[int32]bool, len(t.marked))
	for _, r := range t.st.snap.rows {
		if t.marked[r] {
			shown[r] = true
		}
	}
	t.marked = shown
	t.anchor = -1
}
