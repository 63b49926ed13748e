package app

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frontier/data"
	"frontier/mapview"
)

// deckOf stores views at the given places and windows (empty: none) and
// returns them as stored.
func deckOf(t *testing.T, u *mainUI, specs ...struct {
	title    string
	vp       mapview.Viewport
	from, to string
}) []data.View {
	t.Helper()
	st := u.brief.store()
	for _, s := range specs {
		lon, lat := data.InverseMercator(s.vp.CenterX, s.vp.CenterY)
		v := data.View{Title: s.title, Notes: "Notes of " + s.title, CenterLon: lon, CenterLat: lat, Zoom: s.vp.Zoom}
		if s.from != "" {
			v.Filter.From, v.Filter.To = day(s.from), day(s.to)
		}
		if err := st.PutView(&v); err != nil {
			t.Fatal(err)
		}
	}
	u.brief.panel.reload()
	vs, err := st.Views()
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

type viewSpec = struct {
	title    string
	vp       mapview.Viewport
	from, to string
}

func threeViews(t *testing.T, u *mainUI) []data.View {
	return deckOf(t, u,
		viewSpec{"Khar", mapview.Viewport{CenterX: 0.6987, CenterY: 0.4013, Zoom: 10}, "2024-03-21", "2024-03-21"},
		viewSpec{"Border", mapview.Viewport{CenterX: 0.6950, CenterY: 0.4050, Zoom: 8}, "2024-03-20", "2024-03-24"},
		viewSpec{"Region", mapview.Viewport{CenterX: 0.6800, CenterY: 0.4100, Zoom: 5}, "", ""})
}

// atView checks that the presenter shows view i, landed.
func atView(t *testing.T, u *mainUI, deck []data.View, i int, what string) {
	t.Helper()
	p := u.brief.pres
	if p.i != i {
		t.Fatalf("%s: presenting view %d, want %d", what, p.i, i)
	}
	want := viewportOf(&deck[i])
	want.Zoom += u.brief.stage.zoomOffset()
	got := u.mapP.m.View()
	if math.Abs(got.CenterX-want.CenterX) > 1e-12 || math.Abs(got.CenterY-want.CenterY) > 1e-12 || math.Abs(got.Zoom-want.Zoom) > 1e-9 {
		t.Errorf("%s: map at %+v, want %+v", what, got, want)
	}
	if !sameFilter(&u.st.filter, &deck[i].Filter) {
		t.Errorf("%s: filter %+v, want %+v", what, u.st.filter, deck[i].Filter)
	}
	if p.title.Text != deck[i].Title {
		t.Errorf("%s: title %q, want %q", what, p.title.Text, deck[i].Title)
	}
}

func TestPresenterKeysMoveThroughTheDeckAndEscRestores(t *testing.T) {
	_, u := newAnnotTestUI(t)
	c := useFakeFlights(u)
	deck := threeViews(t, u)
	w := u.win
	u.mapP.m.SetView(mapview.Viewport{CenterX: 0.3, CenterY: 0.3, Zoom: 3})
	u.st.setText("a")
	settle(u)
	u.st.selectRow(int(u.st.snap.result.Rows[0]))
	settle(u)
	before := struct {
		content fyne.CanvasObject
		menu    *fyne.MainMenu
		view    mapview.Viewport
		filter  data.Filter
		sel     int
		size    fyne.Size
	}{w.Content(), w.MainMenu(), u.mapP.m.View(), cloneFilter(&u.st.filter), u.st.selected, w.Canvas().Size()}

	u.brief.present(0)
	land(u, c)
	p := u.brief.pres
	if !p.active || !w.FullScreen() || w.MainMenu() != nil || w.Content() == before.content {
		t.Fatal("presenter mode is not a full-screen stage without the menu")
	}
	if w.Canvas().Focused() != u.brief.stage.surface {
		t.Error("the stage does not have the keyboard")
	}
	if u.mapP.m.ButtonsVisible() {
		t.Error("the map's zoom buttons show on the stage")
	}
	// A tap on the map selects there, and the stage keeps the keyboard
	// (the map would take it, and pan with the arrows).
	test.Tap(u.brief.stage.surface)
	if w.Canvas().Focused() != u.brief.stage.surface {
		t.Error("after a tap on the map the stage lost the keyboard")
	}
	// No import can rebuild the window under the stage.
	w.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutImport)
	if n := len(w.Canvas().Overlays().List()); n != 0 {
		t.Errorf("Ctrl+O opened %d dialogs over the stage", n)
	}
	if p.counter.Text != "1 / 3" {
		t.Errorf("counter %q", p.counter.Text)
	}
	atView(t, u, deck, 0, "start")
	if off := u.brief.stage.zoomOffset(); off <= 0 {
		t.Errorf("zoom offset %g: the stage is larger than the map was", off)
	}

	// Keys as the focused stage gets them, and as the canvas does when
	// nothing has the keyboard (after a button was clicked).
	focused := func(k fyne.KeyName) { w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: k}); land(u, c) }
	canvas := func(k fyne.KeyName) { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}); land(u, c) }
	steps := []struct {
		send func(fyne.KeyName)
		key  fyne.KeyName
		want int
	}{
		{focused, fyne.KeyRight, 1}, {focused, fyne.KeyRight, 2}, {focused, fyne.KeyRight, 2},
		{focused, fyne.KeyLeft, 1}, {canvas, fyne.KeyPageDown, 2}, {canvas, fyne.KeyPageUp, 1},
		{focused, fyne.KeySpace, 2}, {focused, fyne.KeyHome, 0}, {canvas, fyne.KeyEnd, 2},
		{focused, fyne.KeyLeft, 1}, {focused, fyne.KeyPageUp, 0}, {focused, fyne.KeyPageUp, 0},
	}
	for _, s := range steps {
		s.send(s.key)
		atView(t, u, deck, s.want, string(s.key))
	}

	// The nav buttons work too, and give the keyboard back.
	test.Tap(p.next)
	land(u, c)
	atView(t, u, deck, 1, "next button")
	if w.Canvas().Focused() != u.brief.stage.surface {
		t.Error("after a button the stage lost the keyboard")
	}

	// Esc, mid-flight: everything comes back as it was.
	focused(fyne.KeyEnd)
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	c.advance(flyDuration / 3)
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	land(u, c)
	if p.active || w.FullScreen() || w.Content() != before.content || w.MainMenu() != before.menu {
		t.Fatal("Esc did not restore the window")
	}
	if w.Canvas().Size() != before.size {
		t.Errorf("window %v, was %v", w.Canvas().Size(), before.size)
	}
	if got := u.mapP.m.View(); got.CenterX != before.view.CenterX || got.CenterY != before.view.CenterY || got.Zoom != before.view.Zoom {
		t.Errorf("map at %+v, was %+v", got, before.view)
	}
	if !sameFilter(&u.st.filter, &before.filter) || u.st.selected != before.sel {
		t.Errorf("state not restored: filter %+v selected %d", u.st.filter, u.st.selected)
	}
	if len(u.mapP.holder.Objects) != 1 || u.mapP.holder.Objects[0] != u.mapP.m {
		t.Error("the map is not back in the window")
	}
	if !u.mapP.m.ButtonsVisible() {
		t.Error("the map's zoom buttons did not come back")
	}
	// F5 (nothing focused) presents again, from the first view.
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	land(u, c)
	if !p.active || p.i != 0 {
		t.Error("F5 does not present from the first view")
	}
	p.exit()
}

func TestPresentEmptyDeckSaysSo(t *testing.T) {
	_, u := newAnnotTestUI(t)
	u.brief.present(0)
	if u.brief.pres.active || u.win.FullScreen() {
		t.Error("an empty deck was presented")
	}
}

func TestSpeakerNotesWindowFollowsThePresenter(t *testing.T) {
	_, u := newAnnotTestUI(t)
	c := useFakeFlights(u)
	deck := threeViews(t, u)
	u.brief.toggleNotesWindow()
	n := u.brief.notes
	if !n.isOpen() || !u.brief.notesItem.Checked {
		t.Fatal("the notes window did not open")
	}
	if n.pos.Text != "No view" {
		t.Errorf("with no view selected the notes window says %q", n.pos.Text)
	}
	u.brief.present(1)
	land(u, c)
	if n.title.Text != deck[1].Title || n.notes.Text != deck[1].Notes || n.later.Text != "Next: "+deck[2].Title {
		t.Errorf("notes window shows %q / %q / %q", n.title.Text, n.notes.Text, n.later.Text)
	}
	// Keys typed in the notes window drive the presenter.
	n.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyRight})
	land(u, c)
	if u.brief.pres.i != 2 || n.later.Text != "Last view of the deck." {
		t.Errorf("after → in the notes window: view %d, %q", u.brief.pres.i, n.later.Text)
	}
	u.brief.pres.exit()
	u.brief.toggleNotesWindow()
	if n.isOpen() || u.brief.notesItem.Checked {
		t.Error("the notes window did not close")
	}
}

func TestLegendListsTheCommonestActors(t *testing.T) {
	u, _ := newTestUI(t)
	es := legendEntries(u.st, u.mapP.colors, 2, nil)
	if len(es) != 2 || es[0].n < es[1].n {
		t.Fatalf("legend %+v", es)
	}
	// Only what is on screen counts.
	ix := u.st.ix
	khar := -1
	for r := range ix.Len() {
		if ix.Strings[ix.Location[r]] == "Khar" {
			khar = r
		}
	}
	x, y := ix.X[khar], ix.Y[khar]
	es = legendEntries(u.st, u.mapP.colors, 6, &mapview.Extent{MinX: x - 1e-6, MinY: y - 1e-6, MaxX: x + 1e-6, MaxY: y + 1e-6})
	if len(es) != 1 || es[0].name != ix.Strings[ix.Actor1[khar]] {
		t.Errorf("legend of the Khar area %+v", es)
	}
	u.st.setActors([]string{"TTP: Tehrik-i-Taliban Pakistan"})
	settle(u)
	es = legendEntries(u.st, u.mapP.colors, 6, nil)
	if len(es) != 1 || es[0].name != "TTP: Tehrik-i-Taliban Pakistan" {
		t.Errorf("with an actor filter the legend is %+v", es)
	}
}

func TestPresentWindowText(t *testing.T) {
	u, _ := newTestUI(t)
	ix := u.st.ix
	f := data.Filter{From: day("2024-03-21"), To: day("2024-03-23")}
	if got := presentWindowText(ix, &f, nil); got != "21 Mar 2024 – 23 Mar 2024" {
		t.Errorf("window text %q", got)
	}
	f.To = f.From
	if got := presentWindowText(ix, &f, nil); got != "21 Mar 2024" {
		t.Errorf("one-day text %q", got)
	}
	if got := presentWindowText(ix, &data.Filter{}, u.st.snap.result.Rows); got == "All dates" || got[len(got)-len("(all dates)"):] != "(all dates)" {
		t.Errorf("no-window text %q", got)
	}
}

// F5 presents even when the map has the keyboard (it passes the keys it
// has no use for on to the window).
func TestF5PresentsWithTheKeyboardOnTheMap(t *testing.T) {
	_, u := newAnnotTestUI(t)
	useFakeFlights(u)
	threeViews(t, u)
	u.win.Canvas().Focus(u.mapP.m)
	u.mapP.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	if !u.brief.pres.active {
		t.Fatal("F5 on the map did not start presenting")
	}
}

// A window rebuilt under a presentation (an event edit undone with Ctrl+Z
// on the stage, an import) ends the presentation and closes the speaker
// notes first, so neither is left driven by the UI that is gone.
func TestRebuildEndsThePresentation(t *testing.T) {
	as, u := newAnnotTestUI(t)
	c := useFakeFlights(u)
	threeViews(t, u)
	u.brief.toggleNotesWindow()
	u.brief.present(0)
	land(u, c)
	if !u.brief.stage.on || !u.win.FullScreen() {
		t.Fatal("the presentation did not start")
	}
	content := u.brief.stage.saved.content
	ix, err := data.LoadIndex(as.s.store)
	if err != nil {
		t.Fatal(err)
	}
	as.s.open(ix)
	if u.brief.stage.on || u.brief.notes.isOpen() {
		t.Errorf("after the rebuild: stage on %v, notes open %v", u.brief.stage.on, u.brief.notes.isOpen())
	}
	if u.win.FullScreen() || u.win.Content() == u.brief.stage.root || u.win.Content() == content {
		t.Error("the window still shows the stage or the old layout")
	}
}

// The stage's legend is counted once a flight lands, for the view the map
// ends on, and not during the flight.
func TestPresenterLegendAfterLanding(t *testing.T) {
	_, u := newAnnotTestUI(t)
	c := useFakeFlights(u)
	threeViews(t, u)
	u.brief.present(2) // Region: all dates, the whole area
	land(u, c)
	settle(u)
	p := u.brief.pres
	if len(p.legend.Objects) == 0 || !p.legend.Visible() {
		t.Fatalf("no legend after landing on the region view: %d rows shown", len(u.st.snap.result.Rows))
	}
	p.goTo(1)
	if !u.brief.fly.flying {
		t.Fatal("the move to the next view did not fly")
	}
	p.legendFor = nil
	p.refreshOverlays()
	if p.legendFor != nil {
		t.Error("the legend was counted during the flight")
	}
	land(u, c)
	settle(u)
	if p.legendFor == nil {
		t.Error("the legend was not counted after the landing")
	}
}
