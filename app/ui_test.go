package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
	"frontier/mapview"
)

// uiQueue holds the functions workers post to the UI goroutine until the
// test runs them on its own goroutine, as the real driver would on its.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) post(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
}

func (q *uiQueue) take() []func() {
	q.mu.Lock()
	defer q.mu.Unlock()
	fns := q.fns
	q.fns = nil
	return fns
}

var queues = map[*mainUI]*uiQueue{}

// settle waits for the workers and runs what they posted, until quiet.
func settle(u *mainUI) {
	q := queues[u]
	for {
		u.st.jobs.Wait()
		u.mapP.m.Flush()
		fns := q.take()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// newTestUI builds the main window on a real temporary store holding the
// 4 good events of acled_current.csv and the 2 of acled_2019.csv.
func newTestUI(t *testing.T) (*mainUI, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	store, err := data.Open(filepath.Join(t.TempDir(), "ui.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	for _, f := range []string{"acled_current.csv", "acled_2019.csv"} {
		if _, err := store.ImportFile(context.Background(), filepath.Join("..", "data", "testdata", f), nil); err != nil {
			t.Fatalf("import %s: %v", f, err)
		}
	}
	ix, err := data.LoadIndex(store)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 6 {
		t.Fatalf("test store has %d events, want 6", ix.Len())
	}
	q := &uiQueue{}
	postToUI = q.post
	t.Cleanup(func() { postToUI = fyne.Do })
	w := test.NewTempWindow(t, nil)
	u := newMainUI(a, w, ix)
	queues[u] = q
	t.Cleanup(func() { delete(queues, u) })
	// The session lets imports reload the window; a reloaded UI shares
	// the queue and is stopped before the store closes.
	u.sess = &session{a: a, w: w, store: store, ui: u, loaded: func(nu *mainUI) {
		queues[nu] = q
		t.Cleanup(func() { delete(queues, nu) })
	}}
	t.Cleanup(func() {
		if u.sess.ui != u {
			u.sess.close()
		}
	})
	t.Cleanup(u.st.shutdown) // runs before the store closes
	t.Cleanup(u.mapP.m.Destroy)
	t.Cleanup(u.timeP.t.Destroy)
	w.Resize(fyne.NewSize(1400, 900))
	settle(u)
	return u, w
}

// tableColumn returns the text of column col for every table row.
func tableColumn(u *mainUI, col column) []string {
	rows, _ := u.table.table.Length()
	out := make([]string, rows)
	for i := range rows {
		// Ask the table's own cell callback, as it fills a visible cell.
		cell := u.table.createCell()
		u.table.updateCell(widget.TableCellID{Row: i, Col: int(col)}, cell)
		out[i] = cell.(*fyne.Container).Objects[1].(*widget.Label).Text
	}
	return out
}

// actorRow is what one rendered row of the actor list shows.
type actorRow struct {
	count   string
	checked bool
	dimmed  bool
}

// renderedActors reads the actor rows the list has drawn, by name.
func renderedActors(u *mainUI) map[string]actorRow {
	out := map[string]actorRow{}
	for _, r := range u.actors.rows {
		if r.id == 0 || !r.Visible() {
			continue
		}
		out[r.name.Text] = actorRow{r.count.Text, r.check.Checked, r.name.Importance == widget.LowImportance}
	}
	return out
}

// actorCheck returns the drawn check box of the named actor.
func actorCheck(t *testing.T, u *mainUI, name string) *widget.Check {
	t.Helper()
	for _, r := range u.actors.rows {
		if r.id != 0 && r.name.Text == name {
			return r.check
		}
	}
	t.Fatalf("actor %q not drawn in the list", name)
	return nil
}

func shownActorNames(u *mainUI) []string {
	var out []string
	for _, id := range u.actors.shown {
		out = append(out, u.st.ix.Strings[id])
	}
	return out
}

func TestActorListShowsActorsWithCounts(t *testing.T) {
	u, _ := newTestUI(t)
	want := map[string]string{
		"TTP: Tehrik-i-Taliban Pakistan":         "2",
		"Civilians (Pakistan)":                   "1",
		"Military Forces of Pakistan (2022-)":    "1",
		"Police Forces of Pakistan (2022-)":      "1",
		"Frontier Corps":                         "1",
		"Military Forces of Afghanistan (2021-)": "1",
		"Protesters (Afghanistan)":               "1",
		"Unidentified Armed Group (Pakistan)":    "1",
		"Police Forces of Pakistan (2018-2022)":  "1",
		"ISKP: Islamic State Khorasan Province":  "1",
		"Civilians (Afghanistan)":                "1",
		"Hazara Ethnic Group (Afghanistan)":      "1",
	}
	got := renderedActors(u)
	if len(got) != len(want) {
		t.Errorf("list draws %d actors, want %d: %v", len(got), len(want), got)
	}
	for name, count := range want {
		r, ok := got[name]
		switch {
		case !ok:
			t.Errorf("actor %q missing from the list", name)
		case r.count != count:
			t.Errorf("actor %q shows count %s, want %s", name, r.count, count)
		case !r.checked:
			t.Errorf("actor %q starts unchecked, want every actor checked", name)
		}
	}
	names := shownActorNames(u)
	if len(names) == 0 || names[0] != "TTP: Tehrik-i-Taliban Pakistan" {
		t.Errorf("list order %q: want the actor with most events first", names)
	}
	// Equal counts are ordered by name.
	rest := names[1:]
	if !slices.IsSortedFunc(rest, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
		t.Errorf("actors with equal counts are not in name order: %q", rest)
	}
	if s := u.actors.summary.Text; !strings.Contains(s, "All 12 actors checked") {
		t.Errorf("summary %q does not say all actors are checked", s)
	}
	if s := u.status.Text; !strings.HasPrefix(s, "Showing 6 of 6 events") {
		t.Errorf("status %q, want Showing 6 of 6 events", s)
	}
}

func TestUncheckingActorFiltersTable(t *testing.T) {
	u, _ := newTestUI(t)
	if n, _ := u.table.table.Length(); n != 6 {
		t.Fatalf("table starts with %d rows, want 6", n)
	}
	// Protesters (Afghanistan) is the only actor of the Spin Boldak protest.
	test.Tap(actorCheck(t, u, "Protesters (Afghanistan)"))
	settle(u)
	if n, _ := u.table.table.Length(); n != 5 {
		t.Errorf("after unchecking an actor the table has %d rows, want 5", n)
	}
	if locs := tableColumn(u, colLocation); slices.Contains(locs, "Spin Boldak") {
		t.Errorf("table still lists the unchecked actor's event: %q", locs)
	}
	if s := u.status.Text; !strings.HasPrefix(s, "Showing 5 of 6 events") {
		t.Errorf("status %q, want Showing 5 of 6 events", s)
	}
	r := renderedActors(u)["Protesters (Afghanistan)"]
	if r.checked || !r.dimmed || r.count != "1" {
		t.Errorf("unchecked actor row = %+v, want unchecked, dimmed, still counting its 1 event", r)
	}
	if s := u.actors.summary.Text; !strings.Contains(s, "11 of 12 actors checked") {
		t.Errorf("summary %q", s)
	}

	// None checked means no actor filter; then checking one shows its events.
	test.Tap(u.actors.none)
	settle(u)
	if n, _ := u.table.table.Length(); n != 6 {
		t.Errorf("with no actor checked the table has %d rows, want all 6", n)
	}
	test.Tap(actorCheck(t, u, "TTP: Tehrik-i-Taliban Pakistan"))
	settle(u)
	if locs := tableColumn(u, colLocation); !slices.Equal(locs, []string{"Khar", "Mir Ali"}) {
		t.Errorf("with only TTP checked the table lists %q, want Khar and Mir Ali", locs)
	}
	if s := u.status.Text; !strings.HasPrefix(s, "Showing 2 of 6 events · 17 fatalities") {
		t.Errorf("status %q, want Showing 2 of 6 events · 17 fatalities", s)
	}
}

func TestSearchThenNoneUnchecksMatchingActors(t *testing.T) {
	u, w := newTestUI(t)
	w.Canvas().Focus(u.actors.search)
	test.Type(u.actors.search, "pakistan")
	if got := len(u.actors.shown); got != 6 {
		t.Fatalf("search lists %d actors (%q), want the 6 with Pakistan in the name", got, shownActorNames(u))
	}
	test.Tap(u.actors.none)
	settle(u)
	// Left checked: Frontier Corps and the Afghan actors.
	want := []string{"Mir Ali", "Torkham", "Spin Boldak", "Kabul"}
	got := tableColumn(u, colLocation)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("table lists %q, want %q", got, want)
	}
}

func TestHeaderTapSortsTable(t *testing.T) {
	u, _ := newTestUI(t)
	if first := tableColumn(u, colDate)[0]; first != "2021-12-31" {
		t.Fatalf("first row dated %s, want the oldest event (2021-12-31)", first)
	}
	if h := u.table.headerText(colDate); h != "Date ▲" {
		t.Errorf("date header %q, want an up arrow", h)
	}

	test.Tap(u.table.headers[colFatalities])
	settle(u)
	fat := tableColumn(u, colFatalities)
	if !slices.Equal(fat, []string{"0", "0", "2", "3", "5", "12"}) {
		t.Errorf("ascending fatalities %q", fat)
	}
	if h := u.table.headerText(colFatalities); h != "Fatalities ▲" {
		t.Errorf("fatalities header %q, want an up arrow", h)
	}
	if h := u.table.headerText(colDate); h != "Date" {
		t.Errorf("date header %q, want no arrow once another column sorts", h)
	}

	test.Tap(u.table.headers[colFatalities])
	settle(u)
	if first := tableColumn(u, colLocation)[0]; first != "Khar" {
		t.Errorf("first row %q after sorting by fatalities descending, want Khar (12)", first)
	}
	if h := u.table.headerText(colFatalities); h != "Fatalities ▼" {
		t.Errorf("fatalities header %q, want a down arrow", h)
	}

	test.Tap(u.table.headers[colLocation])
	settle(u)
	locs := tableColumn(u, colLocation)
	if !slices.Equal(locs, []string{"Kabul", "Khar", "Mir Ali", "Quetta", "Spin Boldak", "Torkham"}) {
		t.Errorf("by location %q", locs)
	}
}

func TestSelectingRowFillsDetails(t *testing.T) {
	u, w := newTestUI(t)
	test.Tap(u.table.headers[colFatalities])
	test.Tap(u.table.headers[colFatalities]) // descending: Khar (12) first
	settle(u)

	// Tap the middle of the first data row, below the header.
	h := u.table.headers[colDate]
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(h)
	rowH := u.table.createCell().MinSize().Height
	test.TapCanvas(w.Canvas(), pos.Add(fyne.NewPos(20, h.Size().Height+rowH/2+4)))
	settle(u)

	if got := u.st.selected; got < 0 || u.st.ix.Strings[u.st.ix.Location[got]] != "Khar" {
		t.Fatalf("selected row %d, want the Khar event", got)
	}
	text := u.details.text()
	for _, want := range []string{
		"Source ID: PAK1001",
		"Notes: On 21 March 2024, a suicide bomber",
		"TTP denied involvement.",
		"Fatalities: 12",
		"Actor 1: TTP: Tehrik-i-Taliban Pakistan",
		"Source: Dawn; Express Tribune",
		"Date: 2024-03-21",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("details lack %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Admin 3: \n") || strings.Contains(text, "Tags:") {
		t.Errorf("details show empty fields:\n%s", text)
	}
	if u.details.hint.Visible() {
		t.Error("hint still shown with an event selected")
	}

	// Filtering the selected event out clears the pane.
	test.Tap(u.actors.none)
	test.Tap(actorCheck(t, u, "Protesters (Afghanistan)"))
	settle(u)
	if u.st.selected != -1 || u.details.text() != "" || !u.details.hint.Visible() {
		t.Errorf("selection %d and details %q after the event was filtered out", u.st.selected, u.details.text())
	}
}

func TestShortcutsAndMenu(t *testing.T) {
	u, w := newTestUI(t)
	sc := w.Canvas().(fyne.Shortcutable)
	sc.TypedShortcut(shortcutFind)
	if w.Canvas().Focused() != u.actors.search {
		t.Error("Ctrl+F did not focus the actor search")
	}
	quit := false
	u.quitFn = func() { quit = true }
	sc.TypedShortcut(shortcutQuit)
	if !quit {
		t.Error("Ctrl+Q did not quit")
	}

	menu := w.MainMenu()
	if menu == nil || len(menu.Items) < 2 || menu.Items[0].Label != "File" {
		t.Fatalf("main menu %+v", menu)
	}
	file := menu.Items[0].Items
	if imp := file[0]; imp.Label != "Import…" || imp.Shortcut != shortcutImport {
		t.Errorf("File menu's first item %q is not Import… with Ctrl+O", imp.Label)
	}
	if q := file[len(file)-1]; !q.IsQuit || q.Shortcut != shortcutQuit {
		t.Errorf("File menu's last item %q is not Quit with Ctrl+Q", q.Label)
	}
	help := menu.Items[len(menu.Items)-1]
	if help.Label != "Help" {
		t.Fatalf("last menu %q, want Help", help.Label)
	}
	help.Items[0].Action()
	if u.about == nil {
		t.Fatal("About did not open a dialog")
	}
	var texts []string
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Version 0.1.0 (build 1)", Attribution, "offline map-and-timeline explorer"} {
		if !strings.Contains(all, want) {
			t.Errorf("About box lacks %q; it shows:\n%s", want, all)
		}
	}
}

func TestStatusTextGroupsDigits(t *testing.T) {
	if got := statusText(1234, 1000000, 56789); got != "Showing 1,234 of 1,000,000 events · 56,789 fatalities" {
		t.Errorf("statusText = %q", got)
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", -12345: "-12,345"} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}

// Keys typed while a dialog is open (between its fields) are not the
// window's commands: no tool letters, no Delete.
func TestKeysUnderADialogAreNotCommands(t *testing.T) {
	_, u := newAnnotTestUI(t)
	c := u.win.Canvas()
	d := dialog.NewInformation("Note", "A dialog", u.win)
	d.Show()
	for _, r := range "polygon" {
		c.(interface{ OnTypedRune() func(rune) }).OnTypedRune()(r)
	}
	if tool := u.mapP.m.Tool(); tool != mapview.ToolNavigate {
		t.Errorf("typing under a dialog chose tool %v", tool)
	}
	d.Hide()
	c.(interface{ OnTypedRune() func(rune) }).OnTypedRune()('p')
	if tool := u.mapP.m.Tool(); tool != mapview.ToolPolygon {
		t.Errorf("p without a dialog chose %v, want the polygon tool", tool)
	}
}
