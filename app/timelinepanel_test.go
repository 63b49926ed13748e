package app

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// drawnEvents counts the events on the map's frame.
func drawnEvents(u *mainUI) int {
	f := u.mapP.m.Frame()
	n := 0
	for i := range f.Marks {
		n += len(f.MarkRows(i))
	}
	return n
}

func TestTimelineWindowFiltersMapAndTable(t *testing.T) {
	u, _ := newTestUI(t)
	tl := u.timeP.t
	if d := tl.Data(); d == nil || !slices.Equal(d.Rows, u.st.snap.untimed) || len(d.Rows) != 6 {
		t.Fatalf("timeline rows %v, want the 6 untimed rows", tl.Data())
	}
	before := tl.Data()
	// The user brushes March 2024 (the callback the brush calls).
	from, to := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
	tl.OnWindow(from.Unix(), to.Unix())
	settle(u)
	if !u.st.filter.From.Equal(from) || !u.st.filter.To.Equal(to) {
		t.Errorf("state window %v – %v", u.st.filter.From, u.st.filter.To)
	}
	if n := len(u.st.snap.rows); n != 4 {
		t.Errorf("table shows %d events in March 2024, want 4", n)
	}
	if n := drawnEvents(u); n != 4 {
		t.Errorf("map draws %d events in March 2024, want 4", n)
	}
	if !strings.Contains(u.status.Text, "Showing 4 of 6") {
		t.Errorf("status %q", u.status.Text)
	}
	if tl.Data() != before {
		t.Error("a brush rebuilt the timeline's data; its histogram shows the untimed rows")
	}
	// An actor filter changes the histogram's rows, not the window.
	u.st.setActors([]string{"Protesters (Afghanistan)"})
	settle(u)
	if tl.Data() == before || !slices.Equal(tl.Data().Rows, u.st.snap.untimed) || len(tl.Data().Rows) >= 6 {
		t.Errorf("after an actor filter the timeline has %d rows, want the filtered untimed rows", len(tl.Data().Rows))
	}
	if f, l, ok := tl.Window(); !ok || f != from.Unix() || l < to.Unix() {
		t.Errorf("timeline window %d–%d %v after the actor filter", f, l, ok)
	}
	// Clearing the window from the chips clears the brush, and keeps the
	// timeline's data (the untimed rows did not change).
	withActor := tl.Data()
	u.st.setWindow(time.Time{}, time.Time{})
	settle(u)
	if _, _, ok := tl.Window(); ok {
		t.Error("the brush stays after the window was cleared")
	}
	if tl.Data() != withActor {
		t.Error("clearing the window rebuilt the timeline's data")
	}
}

func TestSelectionPropagatesBothWays(t *testing.T) {
	u, _ := newTestUI(t)
	tl := u.timeP.t
	row := int(u.st.snap.result.Rows[2])
	tl.OnSelect(row) // a click on the timeline
	settle(u)
	if u.st.selected != row || tl.Selected() != row || u.details.text() == "" {
		t.Errorf("timeline selection: state %d, timeline %d, details %q", u.st.selected, tl.Selected(), u.details.text())
	}
	if u.table.pos < 0 || int(u.st.snap.rows[u.table.pos]) != row {
		t.Errorf("table did not follow the timeline's selection")
	}
	other := int(u.st.snap.result.Rows[4])
	u.st.selectRow(other) // from the table or the map
	settle(u)
	if tl.Selected() != other {
		t.Errorf("timeline marks %d, want %d", tl.Selected(), other)
	}
	// Hovering an event on the map marks it on the timeline.
	u.mapP.m.OnHover(other)
	if tl.Hovered() != other {
		t.Errorf("timeline hover %d, want %d", tl.Hovered(), other)
	}
}

func TestPlaybackFadesMap(t *testing.T) {
	u, _ := newTestUI(t)
	u.timeP.onFade(100, 200)
	settle(u)
	sc := u.mapP.scene()
	if sc.FadeFrom != 100 || sc.FadeTo != 200 {
		t.Errorf("scene fade %d–%d", sc.FadeFrom, sc.FadeTo)
	}
}

func TestStateKeepsMapViewAndHover(t *testing.T) {
	u, _ := newTestUI(t)
	u.mapP.m.ZoomBy(1)
	if u.st.view.Zoom != u.mapP.m.View().Zoom || u.st.view.Zoom == 0 {
		t.Errorf("state view zoom %g, map %g", u.st.view.Zoom, u.mapP.m.View().Zoom)
	}
	row := int(u.st.snap.result.Rows[1])
	u.mapP.m.OnHover(row)
	if u.st.hovered != row || u.timeP.t.Hovered() != row {
		t.Errorf("hover: state %d, timeline %d, want %d", u.st.hovered, u.timeP.t.Hovered(), row)
	}
	u.mapP.m.OnHover(-1)
	if u.st.hovered != -1 || u.timeP.t.Hovered() != -1 {
		t.Error("hover not cleared")
	}
}

// amberPixels counts the pixels of the map's frame in the colour of the
// rings around a hovered timeline bin's events (mapview's emphasisRing).
func amberPixels(u *mainUI) int {
	img := u.mapP.m.Frame().Img
	n := 0
	for i := 0; i+3 < len(img.Pix); i += 4 {
		if p := img.Pix[i:]; p[0] > 0xf0 && p[1] > 0xa0 && p[1] < 0xc0 && p[2] < 0x20 {
			n++
		}
	}
	return n
}

// Hovering a timeline bin rings its events on the map; leaving clears it.
func TestTimelineBinHoverRingsMapEvents(t *testing.T) {
	u, _ := newTestUI(t)
	settle(u)
	if n := amberPixels(u); n != 0 {
		t.Fatalf("%d ring pixels before any hover", n)
	}
	march := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	u.timeP.t.OnHoverBin(march.Unix(), march.AddDate(0, 1, 0).Unix())
	settle(u)
	if n := amberPixels(u); n < 20 {
		t.Errorf("%d ring pixels while March 2024 is hovered, want its events ringed", n)
	}
	u.timeP.t.OnHoverBin(0, 0)
	settle(u)
	if n := amberPixels(u); n != 0 {
		t.Errorf("%d ring pixels after the pointer left the bins", n)
	}
}
