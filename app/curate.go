package app

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"frontier/data"
	"frontier/mapview"
)

// histKind says which history an Edit → Undo step belongs to.
type histKind uint8

// The two histories Edit → Undo walks, in one shared order.
const (
	histAnnotations histKind = iota + 1
	histEvents
)

// curateDoc is a session's curation of its events: the undo history of
// event, tag and actor changes, and the order in which those and the
// annotation changes were made, so that Edit → Undo always undoes the most
// recent change of either kind. It belongs to the session, so a window
// rebuilt on a new index keeps it.
//
// Event changes run on a worker (a tag of a whole filter may write many
// records); busy keeps a second one from starting meanwhile. Every change
// is one committed bbolt transaction before the window shows it.
type curateDoc struct {
	store *data.Store
	hist  *data.EventHistory

	mu                   sync.Mutex
	busy                 bool
	undoOrder, redoOrder []histKind
	// evUndo and evRedo are the event history's Undo and Redo labels as
	// the last worker left them: hist belongs to the worker while busy,
	// so the menus read these instead.
	evUndo, evRedo string
}

// syncLabels copies the event history's labels for the menus; only the
// goroutine that owns hist (the worker holding the claim) calls it.
func (d *curateDoc) syncLabels() {
	u, r := d.hist.UndoLabel(), d.hist.RedoLabel()
	d.mu.Lock()
	d.evUndo, d.evRedo = u, r
	d.mu.Unlock()
}

// errBusy is reported when an event change is asked for while another
// one is still being written.
var errBusy = errors.New("another change is still being saved; try again in a moment")

// curation returns the session's curation, made on first use (nil with no
// store).
func (s *session) curation() *curateDoc {
	if s == nil || s.store == nil {
		return nil
	}
	if s.curate == nil {
		s.curate = &curateDoc{store: s.store, hist: data.NewEventHistory(s.store)}
	}
	return s.curate
}

// note records that a change of kind k was made: it is the next to undo,
// and nothing is left to redo.
func (d *curateDoc) note(k histKind) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.undoOrder = append(d.undoOrder, k)
	if len(d.undoOrder) > 1000 {
		d.undoOrder = slices.Clone(d.undoOrder[len(d.undoOrder)-1000:])
	}
	d.redoOrder = d.redoOrder[:0]
}

// claim marks the document busy; it reports false when it already was.
func (d *curateDoc) claim() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.busy {
		return false
	}
	d.busy = true
	return true
}

func (d *curateDoc) release() {
	d.mu.Lock()
	d.busy = false
	d.mu.Unlock()
}

// noteAnnotationChange is told by the annotations after each change they
// store, for the shared undo order.
func (u *mainUI) noteAnnotationChange() {
	if d := u.sess.curation(); d != nil {
		d.note(histAnnotations)
	}
}

// uiKeep is what a window rebuilt on a new index carries over from the
// old one: the filter, the table order, the map view, the selected event
// (by store ID) and the left-hand tab.
type uiKeep struct {
	filter data.Filter
	sort   sortSpec
	view   mapview.Viewport
	halos  bool
	tab    int
	selID  uint64
}

// keepState captures what a reload keeps.
func (u *mainUI) keepState() uiKeep {
	k := uiKeep{filter: cloneFilter(&u.st.filter), sort: u.st.sort, view: u.mapP.m.View(), halos: u.mapP.halos}
	if u.leftTabs != nil {
		k.tab = u.leftTabs.SelectedIndex()
	}
	if r := u.st.selected; r >= 0 && r < u.st.ix.Len() {
		k.selID = u.st.ix.ID[r]
	}
	return k
}

// restoreState applies k to a freshly built window: actor names in the
// filter become their canonical actors (a merge may have folded them),
// and the event selID is selected once the first result is in.
func (u *mainUI) restoreState(k uiKeep, selID uint64) {
	f := k.filter
	if len(f.Actors) > 0 {
		var names []string
		for _, n := range f.Actors {
			if c := u.st.ix.Canonical(n); !slices.Contains(names, c) {
				names = append(names, c)
			}
		}
		f.Actors = names
	}
	f.Groups = slices.DeleteFunc(f.Groups, func(g string) bool { _, ok := u.st.ix.Groups[g]; return !ok })
	u.st.filter = f
	u.st.sort = k.sort
	u.st.request(true)
	u.mapP.m.SetView(k.view)
	u.st.view = u.mapP.m.View()
	if k.halos {
		u.mapP.setHalos(true)
	}
	if u.leftTabs != nil && k.tab > 0 && k.tab < len(u.leftTabs.Items) {
		u.leftTabs.SelectIndex(k.tab)
	}
	u.filters.refreshChips()
	u.selectAfterReload = selID
}

// selectPending selects the event a reload asked for once the new
// window's first result has arrived.
func (u *mainUI) selectPending() {
	id := u.selectAfterReload
	if id == 0 {
		return
	}
	u.selectAfterReload = 0
	row := u.st.ix.RowOf(id)
	switch {
	case row < 0:
	case inRows(u.st.snap.result.Rows, row):
		u.st.selectRow(row)
	default:
		u.setStatusNote(u.statusNote + "; the changed event is hidden by the filter")
		u.updateStatus()
	}
}

// inRows reports whether row is one of rows (ascending, as a filter
// result is).
func inRows(rows []int32, row int) bool {
	_, ok := slices.BinarySearch(rows, int32(row))
	return ok
}

// reopen shows ix in a new window content that keeps what the old one
// showed (k), with event selID selected (0: the one selected before, if
// it still exists), then calls after with the new window.
func (s *session) reopen(ix *data.Index, k uiKeep, selID uint64, after func(*mainUI)) {
	if selID == 0 {
		selID = k.selID
	}
	s.open(ix)
	s.ui.restoreState(k, selID)
	if after != nil {
		after(s.ui)
	}
}

// curateResult is what a curation worker hands back to the UI.
type curateResult struct {
	stored data.EventChange
	ix     *data.Index
	err    error // the change failed: nothing was stored
	// reloadErr: the change is stored but the index could not be loaded.
	reloadErr error
	// verb says what was done: "" for a change, "Undid" or "Redid".
	verb string
}

// runCuration builds a change on a worker (build may read the store and
// the index), applies it through the event history — one committed
// transaction — reloads the index and shows it in a rebuilt window that
// keeps the filter, view and selection, selecting the event sel picks (0:
// keep the selection). done, when set, is called on the UI goroutine with
// the new window (nil when nothing changed) and the error, if any; errors
// are shown in a dialog unless done returns true (it showed them itself).
func (u *mainUI) runCuration(build func(*data.Store, *data.Index) (data.EventChange, error),
	sel func(stored data.EventChange) uint64, done func(nu *mainUI, stored data.EventChange, err error) bool) {
	u.runChange(build, false, sel, done)
}

// runApplied is runCuration for a change that build applies itself (as
// Store.TakeIncoming does): it is recorded in the history for undo.
func (u *mainUI) runApplied(build func(*data.Store, *data.Index) (data.EventChange, error),
	sel func(stored data.EventChange) uint64, done func(nu *mainUI, stored data.EventChange, err error) bool) {
	u.runChange(build, true, sel, done)
}

func (u *mainUI) runChange(build func(*data.Store, *data.Index) (data.EventChange, error), applied bool,
	sel func(stored data.EventChange) uint64, done func(nu *mainUI, stored data.EventChange, err error) bool) {
	if err := u.readOnlyErr(""); err != nil {
		u.curateFailed(err, done)
		return
	}
	d := u.sess.curation()
	if d == nil {
		u.curateFailed(fmt.Errorf("no writable store is open"), done)
		return
	}
	if !d.claim() {
		u.curateFailed(errBusy, done)
		return
	}
	ix := u.st.ix
	u.status.SetText("Saving…")
	u.st.spawn(func() func() {
		defer d.release()
		var r curateResult
		c, err := build(d.store, ix)
		if err == nil && c.IsEmpty() {
			return func() { u.updateStatus(); u.curateEmpty(done) }
		}
		switch {
		case err == nil && applied:
			r.stored = c
			d.hist.Record(c)
			d.note(histEvents)
			d.syncLabels()
		case err == nil:
			r.stored, err = d.hist.Do(c)
			if err == nil {
				d.note(histEvents)
				d.syncLabels()
			}
		}
		r.err = err
		if err == nil {
			r.ix, r.reloadErr = data.LoadIndex(d.store)
		}
		return func() { u.showCuration(r, sel, done) }
	})
}

// curateFailed reports err without having changed anything.
func (u *mainUI) curateFailed(err error, done func(*mainUI, data.EventChange, error) bool) {
	if done == nil || !done(nil, data.EventChange{}, err) {
		u.fail(err)
	}
}

// curateEmpty tells done that there was nothing to change.
func (u *mainUI) curateEmpty(done func(*mainUI, data.EventChange, error) bool) {
	if done != nil {
		done(nil, data.EventChange{}, nil)
	}
}

// showCuration shows a worker's result: the rebuilt window, or the error.
func (u *mainUI) showCuration(r curateResult, sel func(data.EventChange) uint64, done func(*mainUI, data.EventChange, error) bool) {
	if r.err != nil {
		u.updateStatus()
		u.curateFailed(r.err, done)
		return
	}
	if r.reloadErr != nil {
		u.fail(fmt.Errorf("%s: saved, but the window could not show it: %w", r.stored.Label, r.reloadErr))
		return
	}
	var id uint64
	if sel != nil {
		id = sel(r.stored)
	}
	u.sess.reopen(r.ix, u.keepState(), id, func(nu *mainUI) {
		nu.lastCuration = r.stored.Label
		switch r.verb {
		case "":
			nu.setStatusNote(r.stored.Label + " (Edit → Undo reverts it)")
		default:
			nu.setStatusNote(r.verb + " " + r.stored.Label)
		}
		if done != nil {
			done(nu, r.stored, nil)
		}
	})
}

// setStatusNote adds note to the status line until the filter changes.
func (u *mainUI) setStatusNote(note string) {
	u.statusNote = note
	u.noteFilter = u.st.filterGen
}

// fail shows err in a dialog and remembers it (tests read it).
func (u *mainUI) fail(err error) {
	err = u.explainReadOnly(err)
	u.lastError = err
	showFailure(err, u.win)
}

// firstAfterID picks the first event of a change's After that exists.
func firstAfterID(c data.EventChange) uint64 {
	if len(c.After) > 0 {
		return c.After[0].ID
	}
	return 0
}

// undoKind returns the kind of change Edit → Undo would revert, and its
// label ("" when there is none). Entries of a history that has nothing
// left (its depth limit dropped them) are skipped.
func (u *mainUI) undoKind() (histKind, string) {
	return u.nextKind(true)
}

// redoKind is undoKind for Edit → Redo.
func (u *mainUI) redoKind() (histKind, string) {
	return u.nextKind(false)
}

func (u *mainUI) nextKind(undo bool) (histKind, string) {
	var evUndo, evRedo string // read under the curation's lock below
	label := func(k histKind) string {
		switch k {
		case histAnnotations:
			if doc := u.ann.doc; doc != nil {
				if undo {
					return doc.hist.UndoLabel()
				}
				return doc.hist.RedoLabel()
			}
		case histEvents:
			if undo {
				return evUndo
			}
			return evRedo
		}
		return ""
	}
	d := u.sess.curation()
	if d != nil {
		d.mu.Lock()
		evUndo, evRedo = d.evUndo, d.evRedo
		order := d.undoOrder
		if !undo {
			order = d.redoOrder
		}
		for i := len(order) - 1; i >= 0; i-- {
			if l := label(order[i]); l != "" {
				d.mu.Unlock()
				return order[i], l
			}
		}
		d.mu.Unlock()
	}
	if !undo {
		// A redo only follows an undo in the order: a change made since
		// (of either kind) ends what can be redone.
		return 0, ""
	}
	// Changes made while no order was kept (a window without a store):
	// the annotations first.
	for _, k := range []histKind{histAnnotations, histEvents} {
		if l := label(k); l != "" {
			return k, l
		}
	}
	return 0, ""
}

// popKind takes kind k off the top of the undo (or redo) order and puts
// it on the other, dropping entries above it that no longer apply.
func (d *curateDoc) popKind(k histKind, undo bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	from, to := &d.undoOrder, &d.redoOrder
	if !undo {
		from, to = to, from
	}
	for i := len(*from) - 1; i >= 0; i-- {
		if (*from)[i] == k {
			*from = append((*from)[:i], (*from)[i+1:]...)
			break
		}
	}
	*to = append(*to, k)
}

// undoAny is Edit → Undo without a text field to undo in: it reverts the
// most recent change, annotation or event.
func (u *mainUI) undoAny() { u.historyStep(true) }

// redoAny is Edit → Redo likewise.
func (u *mainUI) redoAny() { u.historyStep(false) }

func (u *mainUI) historyStep(undo bool) {
	// A property edit still being typed is a change of its own: commit it
	// before choosing what to undo.
	u.ann.props.flush()
	k, label := u.nextKind(undo)
	if k != 0 && u.refuseWrite(label) {
		return
	}
	d := u.sess.curation()
	switch k {
	case histAnnotations:
		ok := u.ann.redo
		if undo {
			ok = u.ann.undo
		}
		// The order moves only when the change was undone: after a failed
		// undo the annotation history is as it was.
		if ok() && d != nil {
			d.popKind(k, undo)
		}
	case histEvents:
		u.eventHistoryStep(d, undo)
	}
}

// eventHistoryStep undoes or redoes the last event change on a worker,
// then shows the store in a rebuilt window with the restored event
// selected.
func (u *mainUI) eventHistoryStep(d *curateDoc, undo bool) {
	if !d.claim() {
		u.fail(errBusy)
		return
	}
	u.status.SetText("Saving…")
	u.st.spawn(func() func() {
		defer d.release()
		r := curateResult{verb: "Redid"}
		var restored []data.Event
		if undo {
			r.verb = "Undid"
			r.stored, r.err = d.hist.Undo()
			restored = r.stored.Before
		} else {
			r.stored, r.err = d.hist.Redo()
			restored = r.stored.After
		}
		if r.err == nil {
			d.popKind(histEvents, undo)
			d.syncLabels()
			r.ix, r.reloadErr = data.LoadIndex(d.store)
		}
		return func() {
			u.showCuration(r, func(data.EventChange) uint64 {
				for _, e := range restored {
					if e.ID != 0 && r.ix.RowOf(e.ID) >= 0 {
						return e.ID
					}
				}
				return 0
			}, nil)
		}
	})
}
