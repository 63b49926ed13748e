//go:build crash

package app

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"frontier/data"
)

// crashLinePrefix starts every line TestCrashAnnotHelper prints for the
// harness; other output (test failures) is for people.
const crashLinePrefix = "CRASHANNOT "

// crashLine is one line of TestCrashAnnotHelper's report, as JSON after
// crashLinePrefix. Phase "start" gives the annotations the session
// opened with; "intent" an edit about to be made and the stored state it
// must give (a new annotation with ID 0 and no Created time, as its ID is
// not known yet); "done" the same edit once the UI-side call returned,
// with the stored state as it must now be on disk; "end" the end of the
// run. States are sorted by ID, without Modified times.
type crashLine struct {
	Seq   int               `json:"seq"`
	Phase string            `json:"phase"`
	Op    string            `json:"op,omitempty"`
	State []data.Annotation `json:"state"`
}

// crashMaxEdits bounds one helper run: fewer than the history's undo
// limit, so the helper's own undo model never needs trimming.
const crashMaxEdits = 150

// TestCrashAnnotHelper is not a test: the crash harness
// (internal/crashtest) runs it in a child process with
// $FRONTIER_CRASH_ANNOT_DB set, and SIGKILLs it after a line it printed.
// It opens a session on that store as the app does and makes a random
// stream of annotation edits through the UI-side API (drawings of every
// kind, style and geometry edits, deletes, undo, redo), printing an
// "intent" line before each call and a "done" line after it returns. It
// keeps its own model of what must be stored, from what it asked for, and
// fails if the UI's annotations ever differ from it.
func TestCrashAnnotHelper(t *testing.T) {
	db := os.Getenv("FRONTIER_CRASH_ANNOT_DB")
	if db == "" {
		t.Skip("child process of the crash harness only")
	}
	seed, err := strconv.ParseUint(os.Getenv("FRONTIER_CRASH_ANNOT_SEED"), 10, 64)
	if err != nil {
		t.Fatalf("FRONTIER_CRASH_ANNOT_SEED: %v", err)
	}
	as := openAnnotSession(t, test.NewTempApp(t), db)
	c := &crashEditor{t: t, u: as.s.ui, rng: rand.New(rand.NewPCG(seed, 0xa11)), model: map[uint64]data.Annotation{}}
	for _, an := range c.u.ann.doc.items {
		c.model[an.ID] = withoutModified(an)
	}
	c.emit(0, "start", "", c.model, nil)
	for seq := 1; seq <= crashMaxEdits; seq++ {
		c.step(seq)
	}
	c.emit(crashMaxEdits, "end", "", c.model, nil)
}

// crashEditor makes the helper's edits and models their effect.
type crashEditor struct {
	t     *testing.T
	u     *mainUI
	rng   *rand.Rand
	model map[uint64]data.Annotation
	// undos and redos mirror the history: the model before and after each
	// change.
	undos, redos []crashChange
	last         string // the last edit made
}

// crashChange is one change of the model.
type crashChange struct{ before, after map[uint64]data.Annotation }

func withoutModified(an data.Annotation) data.Annotation {
	an = an.Clone()
	an.Modified = time.Time{}
	return an
}

// emit prints one report line; extra is a new annotation not in state.
func (c *crashEditor) emit(seq int, phase, op string, state map[uint64]data.Annotation, extra *data.Annotation) {
	c.last = fmt.Sprintf("edit %d (%s)", seq, op)
	l := crashLine{Seq: seq, Phase: phase, Op: op, State: []data.Annotation{}}
	for _, id := range slices.Sorted(maps.Keys(state)) {
		l.State = append(l.State, state[id])
	}
	if extra != nil {
		l.State = append([]data.Annotation{*extra}, l.State...)
	}
	b, err := json.Marshal(l)
	if err != nil {
		c.t.Fatal(err)
	}
	// One write, straight to the pipe: os.Stdout is not buffered.
	if _, err := os.Stdout.Write(append([]byte(crashLinePrefix), append(b, '\n')...)); err != nil {
		c.t.Fatal(err)
	}
}

// step makes edit seq: it picks an edit that applies to the current
// annotations, announces it with the state it must store, makes it, checks
// that the UI shows that state, and reports it done.
func (c *crashEditor) step(seq int) {
	ids := slices.Sorted(maps.Keys(c.model))
	p := c.rng.IntN(100)
	switch {
	case p < 20 && len(ids) > 0:
		c.styleEdit(seq, ids[c.rng.IntN(len(ids))])
	case p < 35 && len(ids) > 0:
		c.geometryEdit(seq, ids[c.rng.IntN(len(ids))])
	case p < 47 && len(ids) > 0:
		c.remove(seq, ids[c.rng.IntN(len(ids))])
	case p < 59 && len(c.undos) > 0:
		c.undo(seq)
	case p < 67 && len(c.redos) > 0:
		c.redo(seq)
	default:
		c.draw(seq)
	}
	c.settle()
}

// settle runs what the UI posted and checks that the UI's annotations
// and undo state equal the model.
func (c *crashEditor) settle() {
	settle(c.u)
	if err := c.u.ann.lastErr; err != nil {
		c.t.Fatalf("the UI reported an error: %v", err)
	}
	got := map[uint64]data.Annotation{}
	for _, an := range c.u.ann.doc.items {
		got[an.ID] = withoutModified(an)
	}
	for _, id := range slices.Sorted(maps.Keys(maps.Collect(func(yield func(uint64, bool) bool) {
		for id := range got {
			yield(id, true)
		}
		for id := range c.model {
			yield(id, true)
		}
	}))) {
		if g, m := got[id], c.model[id]; !reflect.DeepEqual(g, m) {
			c.t.Fatalf("after %s the UI shows annotation %d with label %q notes %q style %+v, modelled label %q notes %q style %+v", c.last, id, g.Label, g.Notes, g.Style, m.Label, m.Notes, m.Style)
		}
	}
	if hist := c.u.ann.doc.hist; (hist.UndoLabel() != "") != (len(c.undos) > 0) || (hist.RedoLabel() != "") != (len(c.redos) > 0) {
		c.t.Fatalf("undo %q redo %q, modelled %d undos %d redos", hist.UndoLabel(), hist.RedoLabel(), len(c.undos), len(c.redos))
	}
}

// did records a change from the model's current state to after, reports
// it done, and clears the redo list (as a new change does).
func (c *crashEditor) did(seq int, op string, after map[uint64]data.Annotation) {
	if err := c.u.ann.lastErr; err != nil {
		c.t.Fatalf("%s: the UI reported an error: %v", op, err)
	}
	c.undos = append(c.undos, crashChange{before: c.model, after: after})
	c.redos = nil
	c.model = after
	c.emit(seq, "done", op, c.model, nil)
}

// crashKinds are the kinds the helper draws: every drawing tool's.
var crashKinds = []data.AnnotationKind{data.KindMarker, data.KindText, data.KindPolyline, data.KindArrow,
	data.KindPolygon, data.KindRectangle, data.KindCircle, data.KindFreehand, data.KindRangeBearing}

// draw finishes a new drawing of a random kind on the map's callbacks.
func (c *crashEditor) draw(seq int) {
	k := crashKinds[c.rng.IntN(len(crashKinds))]
	an := c.u.ann.events.Template(k)
	n := map[data.AnnotationKind]int{data.KindMarker: 1, data.KindText: 1, data.KindCircle: 1,
		data.KindRectangle: 2, data.KindRangeBearing: 2, data.KindPolygon: 3 + c.rng.IntN(5),
		data.KindFreehand: 2 + c.rng.IntN(30)}[k]
	if n == 0 {
		n = 2 + c.rng.IntN(5)
	}
	base := orb.Point{60 + 15*c.rng.Float64(), 25 + 12*c.rng.Float64()}
	for range n {
		an.Points = append(an.Points, orb.Point{base[0] + c.rng.Float64() - 0.5, base[1] + c.rng.Float64() - 0.5})
	}
	if k == data.KindCircle {
		an.Radius = 100 + 50000*c.rng.Float64()
	}
	if k == data.KindText || c.rng.IntN(3) == 0 {
		an.Label = fmt.Sprintf("%s «%d» \"q\"", k, seq)
	}
	want := withoutModified(an)
	want.ID, want.Layer, want.Created = 0, c.u.ann.doc.active, time.Time{}
	op := "draw " + k.String()
	c.emit(seq, "intent", op, c.model, &want)

	c.u.ann.events.Finished(an)

	got, ok := c.u.ann.selected()
	if !ok || c.model[got.ID].ID != 0 || got.Created.IsZero() {
		c.t.Fatalf("%s: the new drawing is not selected as a new stored annotation (%+v)", op, got)
	}
	want.ID, want.Created = got.ID, got.Created
	after := maps.Clone(c.model)
	after[got.ID] = want
	c.did(seq, fmt.Sprintf("%s → %d", op, got.ID), after)
}

// styleEdit changes one property of annotation id as the properties panel
// does.
func (c *crashEditor) styleEdit(seq int, id uint64) {
	r := c.rng
	var label string
	var edit func(*data.Annotation)
	switch r.IntN(7) {
	case 0:
		label, edit = "Change stroke colour", func(an *data.Annotation) { an.Style.Stroke = fmt.Sprintf("#%06x", r.IntN(1<<24)) }
	case 1:
		label, edit = "Change stroke width", func(an *data.Annotation) { an.Style.StrokeWidth = 0.5 * float64(1+r.IntN(24)) }
	case 2:
		label, edit = "Change dash", func(an *data.Annotation) { an.Style.Dash = data.Dash((int(an.Style.Dash) + 1 + r.IntN(2)) % 3) }
	case 3:
		label, edit = "Change fill opacity", func(an *data.Annotation) { an.Style.FillOpacity = 0.05 * float64(r.IntN(21)) }
	case 4:
		label, edit = "Change label", func(an *data.Annotation) { an.Label = fmt.Sprintf("label %d ✓", r.IntN(1e6)) }
	case 5:
		label, edit = "Change notes", func(an *data.Annotation) { an.Notes = fmt.Sprintf("notes %d\nsecond line", r.IntN(1e6)) }
	default:
		label, edit = "Change validity", func(an *data.Annotation) {
			an.ValidFrom, an.ValidTo = time.Time{}, time.Time{}
			if r.IntN(4) > 0 {
				from := time.Date(2018+r.IntN(8), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
				an.ValidFrom, an.ValidTo = from, from.AddDate(0, 0, r.IntN(400))
			}
		}
	}
	want := c.model[id].Clone()
	edit(&want)
	if reflect.DeepEqual(want, c.model[id]) {
		c.draw(seq) // an edit that changes nothing stores nothing
		return
	}
	after := maps.Clone(c.model)
	after[id] = want
	op := fmt.Sprintf("%s of %d", label, id)
	c.emit(seq, "intent", op, after, nil)

	c.u.ann.selectAnnotation(id)
	if !c.u.ann.editSelected(label, func(an *data.Annotation) {
		// The same edit the model got, whatever the random source says now.
		an.Style, an.Label, an.Notes, an.ValidFrom, an.ValidTo = want.Style, want.Label, want.Notes, want.ValidFrom, want.ValidTo
	}) {
		c.t.Fatalf("%s: not stored (%v)", op, c.u.ann.lastErr)
	}
	c.did(seq, op, after)
}

// geometryEdit moves annotation id's points (and resizes a circle) as a
// drag on the map does.
func (c *crashEditor) geometryEdit(seq int, id uint64) {
	cur := c.model[id]
	want := cur.Clone()
	dx, dy := c.rng.Float64()-0.5, c.rng.Float64()-0.5
	for i, p := range want.Points {
		if c.rng.IntN(2) == 0 || len(want.Points) == 1 {
			want.Points[i] = orb.Point{clamp(p[0]+dx, -180, 180), clamp(p[1]+dy, -85, 85)}
		}
	}
	if want.Kind == data.KindCircle {
		want.Radius = 100 + 50000*c.rng.Float64()
	}
	if reflect.DeepEqual(want, cur) {
		c.draw(seq)
		return
	}
	after := maps.Clone(c.model)
	after[id] = want
	op := fmt.Sprintf("Edit %s %d", cur.Kind, id)
	c.emit(seq, "intent", op, after, nil)

	c.u.ann.events.Edited(cur, want.Clone())

	c.did(seq, op, after)
}

// remove deletes annotation id as the map's Delete key does.
func (c *crashEditor) remove(seq int, id uint64) {
	after := maps.Clone(c.model)
	delete(after, id)
	op := fmt.Sprintf("Delete %s %d", c.model[id].Kind, id)
	c.emit(seq, "intent", op, after, nil)

	c.u.ann.deleteAnnotation(id)

	c.did(seq, op, after)
}

// undo reverts the last change (Edit → Undo).
func (c *crashEditor) undo(seq int) {
	ch := c.undos[len(c.undos)-1]
	op := "Undo " + c.u.ann.doc.hist.UndoLabel()
	c.emit(seq, "intent", op, ch.before, nil)

	if !c.u.ann.undo() {
		c.t.Fatalf("%s: failed (%v)", op, c.u.ann.lastErr)
	}

	c.undos = c.undos[:len(c.undos)-1]
	c.redos = append(c.redos, ch)
	c.model = ch.before
	c.emit(seq, "done", op, c.model, nil)
}

// redo reapplies the last undone change (Edit → Redo).
func (c *crashEditor) redo(seq int) {
	ch := c.redos[len(c.redos)-1]
	op := "Redo " + c.u.ann.doc.hist.RedoLabel()
	c.emit(seq, "intent", op, ch.after, nil)

	if !c.u.ann.redo() {
		c.t.Fatalf("%s: failed (%v)", op, c.u.ann.lastErr)
	}

	c.redos = c.redos[:len(c.redos)-1]
	c.undos = append(c.undos, ch)
	c.model = ch.after
	c.emit(seq, "done", op, c.model, nil)
}
