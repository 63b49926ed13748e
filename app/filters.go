package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// textDelay is how long the text search waits after the last keystroke
// before it filters.
const textDelay = 300 * time.Millisecond

// errFatalities is what the fatalities entry says about bad input.
var errFatalities = errors.New("enter a whole number, 0 or more")

// filterPanel holds the filters other than actors, time and area: a text
// search over location and notes, a minimum number of fatalities, "precise
// only", and the event type tree. It also owns the chip bar that shows
// every active part of the filter (its own, the actors, the time window
// and the area) with an × to remove each, and Clear all.
//
// The panel's widgets write the state's filter as they change, and adopt
// the filter when something else changes it (Clear all, a removed chip).
type filterPanel struct {
	st *state
	// content is the panel for the left column; chips is the bar of
	// active filters to place above the map.
	content fyne.CanvasObject
	chips   fyne.CanvasObject

	// onClearActors, onClearArea and onClearWindow reset the panel owning
	// that part of the filter (its widgets and the state) when its chip is
	// removed or Clear all is pressed. Unset, the chip sets the state's
	// part to none directly.
	onClearActors, onClearArea, onClearWindow func()
	// onClearGroups resets the actor panel's group toggles likewise.
	onClearGroups func()

	// textDelay is the text search's debounce (0: filter on every change).
	textDelay time.Duration

	text     *widget.Entry
	fatal    *widget.Entry
	fatalErr *widget.Label
	precise  *widget.Check
	types    *typeTree
	allTypes *widget.Button
	noTypes  *widget.Button
	clearAll *widget.Button
	bar      *chipBar
	top      *fyne.Container
	// tagsTitle and tagChecks are the tag filter: one check per tag in
	// use, named in tagNames (hidden when there are none).
	tagsTitle *widget.Label
	tagChecks *fyne.Container
	tagNames  []string

	textTimer    *time.Timer
	textGen      uint64 // bumped on each edit; stale timers do nothing
	appliedText  string // the text filter this panel last set or adopted
	appliedFatal int    // likewise for minimum fatalities
	syncing      bool   // set while the panel writes its own widgets
}

// newFilterPanel builds the filter panel and chip bar on st. Register it
// before st.start so it sees the first snapshot.
func newFilterPanel(st *state) *filterPanel {
	p := &filterPanel{st: st, textDelay: textDelay}
	p.text = widget.NewEntry()
	p.text.SetPlaceHolder("Search location and notes")
	p.text.OnChanged = func(string) { p.textEdited() }
	p.text.OnSubmitted = func(string) { p.applyText() }

	p.fatal = widget.NewEntry()
	p.fatal.SetPlaceHolder("0 (any)")
	p.fatal.Validator = func(s string) error {
		_, err := parseFatalities(s)
		return err
	}
	p.fatal.OnChanged = func(s string) { p.applyFatalities(s) }
	p.fatal.OnSubmitted = func(s string) { p.applyFatalities(s) }
	p.fatalErr = widget.NewLabel("Fatalities: " + errFatalities.Error())
	p.fatalErr.Importance = widget.DangerImportance
	p.fatalErr.Wrapping = fyne.TextWrapWord
	p.fatalErr.SizeName = theme.SizeNameCaptionText
	p.fatalErr.Hide()

	p.precise = widget.NewCheck("Precise only (exact day, town)", func(on bool) {
		if !p.syncing && on != st.filter.PreciseOnly {
			st.setPreciseOnly(on)
			p.refreshChips()
		}
	})

	p.types = newTypeTree(st)
	p.types.onChange = p.refreshChips
	p.allTypes = widget.NewButton("All", func() { p.types.setEvery(true) })
	p.noTypes = widget.NewButton("None", func() { p.types.setEvery(false) })

	p.clearAll = widget.NewButtonWithIcon("Clear all", theme.ContentClearIcon(), p.clearAllFilters)
	p.clearAll.Importance = widget.LowImportance
	p.clearAll.Disable()
	p.bar = newChipBar(p.removePart, p.clearAllFilters)
	p.chips = p.bar

	bold := fyne.TextStyle{Bold: true}
	title := widget.NewLabelWithStyle("Filters", fyne.TextAlignLeading, bold)
	fatalRow := container.NewBorder(nil, nil, widget.NewLabel("Fatalities ≥"), nil, p.fatal)
	typesTitle := widget.NewLabelWithStyle("Event types", fyne.TextAlignLeading, bold)
	p.tagsTitle = widget.NewLabelWithStyle("Tags (events with any checked tag)", fyne.TextAlignLeading, bold)
	p.tagChecks = container.NewVBox()
	p.buildTags()
	p.top = container.NewVBox(
		container.NewBorder(nil, nil, nil, p.clearAll, title),
		p.text, fatalRow, p.fatalErr, p.precise, p.tagsTitle, p.tagChecks, widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewHBox(p.allTypes, p.noTypes), typesTitle),
	)
	p.content = container.NewBorder(p.top, nil, nil, nil, p.types.tree)

	st.onChange(func(c change) {
		if c == changeView {
			p.syncFromFilter()
			p.types.redraw()
			p.refreshChips()
		}
	})
	p.refreshChips()
	return p
}

// textEdited (re)starts the debounce after a keystroke in the text search.
func (p *filterPanel) textEdited() {
	if p.syncing {
		return
	}
	p.stopTextTimer()
	if p.textDelay <= 0 {
		p.applyText()
		return
	}
	gen := p.textGen
	p.textTimer = time.AfterFunc(p.textDelay, func() {
		p.st.post(func() {
			if gen == p.textGen && !p.st.closed.Load() {
				p.applyText()
			}
		})
	})
}

// stopTextTimer cancels a pending text search.
func (p *filterPanel) stopTextTimer() {
	p.textGen++
	if p.textTimer != nil {
		p.textTimer.Stop()
		p.textTimer = nil
	}
}

// applyText filters by the text search now.
func (p *filterPanel) applyText() {
	p.stopTextTimer()
	text := strings.TrimSpace(p.text.Text)
	p.appliedText = text
	if text != p.st.filter.Text {
		p.st.setText(text)
		p.refreshChips()
	}
}

// parseFatalities reads the fatalities entry: empty is 0.
func parseFatalities(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, errFatalities
	}
	return n, nil
}

// applyFatalities filters by the fatalities entry's text s, or shows why
// it cannot.
func (p *filterPanel) applyFatalities(s string) {
	if p.syncing {
		return
	}
	n, err := parseFatalities(s)
	if err != nil {
		if !p.fatalErr.Visible() {
			p.fatalErr.Show()
			p.top.Refresh()
		}
		return
	}
	p.hideFatalErr()
	p.appliedFatal = n
	if n != p.st.filter.MinFatalities {
		p.st.setMinFatalities(n)
		p.refreshChips()
	}
}

func (p *filterPanel) hideFatalErr() {
	if p.fatalErr.Visible() {
		p.fatalErr.Hide()
		p.top.Refresh()
	}
}

// fatalError reports whether the fatalities entry shows an error.
func (p *filterPanel) fatalError() bool { return p.fatalErr.Visible() }

// setEntry writes an entry's text without it counting as an edit.
func (p *filterPanel) setEntry(e *widget.Entry, text string) {
	p.syncing = true
	e.SetText(text)
	p.syncing = false
}

// syncFromFilter adopts the parts of the state's filter this panel shows
// when something else changed them.
func (p *filterPanel) syncFromFilter() {
	f := &p.st.filter
	if f.Text != p.appliedText {
		p.stopTextTimer()
		p.setEntry(p.text, f.Text)
		p.appliedText = f.Text
	}
	if f.MinFatalities != p.appliedFatal {
		text := ""
		if f.MinFatalities > 0 {
			text = strconv.Itoa(f.MinFatalities)
		}
		p.setEntry(p.fatal, text)
		p.hideFatalErr()
		p.appliedFatal = f.MinFatalities
	}
	if p.precise.Checked != f.PreciseOnly {
		p.syncing = true
		p.precise.SetChecked(f.PreciseOnly)
		p.syncing = false
	}
	p.types.syncFromFilter()
	p.syncTags()
}

// buildTags makes one check per tag in use, with its number of events.
func (p *filterPanel) buildTags() {
	ix := p.st.ix
	names := ix.TagNames()
	p.tagNames = names
	p.tagChecks.RemoveAll()
	for _, t := range names {
		c := widget.NewCheck(fmt.Sprintf("%s (%s)", t, groupDigits(int64(len(ix.TagRows(t))))), nil)
		c.OnChanged = func(on bool) {
			if p.syncing {
				return
			}
			tags := slices.DeleteFunc(slices.Clone(p.st.filter.Tags), func(s string) bool { return s == t })
			if on {
				tags = append(tags, t)
			}
			p.st.setTags(tags)
			p.refreshChips()
		}
		p.tagChecks.Add(c)
	}
	p.tagsTitle.Hidden = len(names) == 0
	p.tagChecks.Hidden = len(names) == 0
	p.syncTags()
}

// syncTags checks the tags of the state's tag filter.
func (p *filterPanel) syncTags() {
	names := p.tagNames // syncTags runs on every snapshot: no new list each time
	p.syncing = true
	for i, o := range p.tagChecks.Objects {
		if c, ok := o.(*widget.Check); ok && i < len(names) {
			if on := slices.Contains(p.st.filter.Tags, names[i]); c.Checked != on {
				c.SetChecked(on)
			}
		}
	}
	p.syncing = false
}

// resetOwn clears this panel's widgets (not the filter).
func (p *filterPanel) resetOwn() {
	p.stopTextTimer()
	p.setEntry(p.text, "")
	p.appliedText = ""
	p.setEntry(p.fatal, "")
	p.hideFatalErr()
	p.appliedFatal = 0
	p.syncing = true
	p.precise.SetChecked(false)
	p.syncing = false
	p.types.reset()
}

// removePart removes one part of the filter: what a chip's × does.
func (p *filterPanel) removePart(kind chipKind) {
	st := p.st
	switch kind {
	case chipActors:
		if p.onClearActors != nil {
			p.onClearActors()
		} else {
			st.setActors(nil)
		}
	case chipArea:
		if p.onClearArea != nil {
			p.onClearArea()
		} else {
			st.setBBox(nil)
		}
	case chipWindow:
		if p.onClearWindow != nil {
			p.onClearWindow()
		} else {
			st.setWindow(time.Time{}, time.Time{})
		}
	case chipTypes:
		p.types.reset()
		st.setTypes(nil)
	case chipFatalities:
		p.setEntry(p.fatal, "")
		p.hideFatalErr()
		p.appliedFatal = 0
		st.setMinFatalities(0)
	case chipText:
		p.stopTextTimer()
		p.setEntry(p.text, "")
		p.appliedText = ""
		st.setText("")
	case chipPrecise:
		p.syncing = true
		p.precise.SetChecked(false)
		p.syncing = false
		st.setPreciseOnly(false)
	case chipTags:
		st.setTags(nil)
		p.syncTags()
	case chipGroups:
		if p.onClearGroups != nil {
			p.onClearGroups()
		} else {
			st.setGroups(nil)
		}
	}
	p.refreshChips()
}

// clearAllFilters removes every part of the filter and resets the panels
// that own a part: one click back to every event.
func (p *filterPanel) clearAllFilters() {
	for _, fn := range []func(){p.onClearActors, p.onClearArea, p.onClearWindow} {
		if fn != nil {
			fn()
		}
	}
	p.resetOwn()
	p.st.clearFilter()
	p.refreshChips()
}

// refreshChips shows the state's filter in the chip bar and enables Clear
// all when there is something to clear.
func (p *filterPanel) refreshChips() {
	p.bar.set(chipParts(&p.st.filter))
	if p.st.filter.IsZero() {
		p.clearAll.Disable()
	} else {
		p.clearAll.Enable()
	}
}
