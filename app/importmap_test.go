package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// writeCSV writes a CSV file into a temporary directory.
func writeCSV(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A dropped CSV file whose coordinates are only found by value opens the
// mapping dialog, pre-filled and with the first rows; the columns the user
// picks are imported, a row without coordinates placed by its place name.
func TestMappingDialogImportsAsMapped(t *testing.T) {
	u, _ := newTestUI(t)
	path := writeCSV(t, "odd.csv", "when;north;east;who;what;where\n"+
		"21/03/2020;34,7;71,5;Group A;Battles;Khar\n"+
		"22/03/2020;NA;NA;Group B;Riots;Parachinar\n")
	u.importFiles([]string{path})
	settleSession(u)
	md := u.sess.mapping
	if md == nil {
		t.Fatal("no mapping dialog for a file whose coordinates were guessed")
	}
	if !strings.Contains(md.reasons.Text, "from their values") {
		t.Errorf("reasons %q", md.reasons.Text)
	}
	for f, want := range map[string]string{"lat": "north", "lon": "east", "date": "when", "actor1": noColumnOption} {
		if got := md.selects[f].Selected; got != want {
			t.Errorf("%s pre-filled with %q, want %q", f, got, want)
		}
	}
	if rows, cols := md.preview.Length(); rows != 2 || cols != 6 {
		t.Errorf("preview %d×%d", rows, cols)
	}
	head := widget.NewLabel("")
	md.preview.UpdateHeader(widget.TableCellID{Row: -1, Col: 3}, head)
	cell := widget.NewLabel("")
	md.preview.UpdateCell(widget.TableCellID{Row: 1, Col: 5}, cell)
	if head.Text != "who" || cell.Text != "Parachinar" {
		t.Errorf("preview header %q, cell %q", head.Text, cell.Text)
	}
	if md.ok.Disabled() {
		t.Fatalf("Import disabled: %s", md.hint.Text)
	}
	md.selects["actor1"].SetSelected("who")
	md.selects["type"].SetSelected("what")
	md.selects["location"].SetSelected("where")
	test.Tap(md.ok)
	nu := settleSession(u)
	if nu.st.ix.Len() != 6+2 {
		t.Fatalf("%d events after the import, want 8; report %q", nu.st.ix.Len(), u.lastReport)
	}
	for _, want := range []string{"odd.csv (csv, done): 2 added", "1 rows placed by gazetteer"} {
		if !strings.Contains(u.lastReport, want) {
			t.Errorf("report lacks %q:\n%s", want, u.lastReport)
		}
	}
	found := 0
	err := u.sess.store.Events(func(e *data.Event) error {
		switch e.Actor1 {
		case "Group A":
			found++
			if e.EventType != "Battles" || e.Lat != 34.7 || e.Location != "Khar" || e.GeoPrecision != 0 {
				t.Errorf("%+v", e)
			}
		case "Group B":
			found++
			if e.EventType != "Riots" || e.Lat != 33.89968 || e.GeoPrecision != data.GeoPrecisionGazetteer {
				t.Errorf("%+v", e)
			}
		}
		return nil
	})
	if err != nil || found != 2 {
		t.Errorf("found %d mapped events (%v)", found, err)
	}
}

// Import is enabled only for a mapping that has a date and a position.
func TestMappingDialogChecksTheMapping(t *testing.T) {
	u, _ := newTestUI(t)
	path := writeCSV(t, "plain.csv", "lat,lon,date,town\n1.5,2.5,2020-01-01,Kabul\n")
	u.importMapped(path)
	settle(u)
	md := u.sess.mapping
	if md == nil || md.ok.Disabled() || !strings.Contains(md.reasons.Text, "found by its name") {
		t.Fatalf("%+v", md)
	}
	for _, tc := range []struct {
		lat, lon, date, loc string
		ok                  bool
		hint                string
	}{
		{"lat", "lon", noColumnOption, "town", false, "date"},
		{"lat", noColumnOption, "date", "town", false, "both latitude and longitude"},
		{noColumnOption, noColumnOption, "date", noColumnOption, false, "place-name column"},
		{noColumnOption, noColumnOption, "date", "town", true, "placed by gazetteer"},
		{"lat", "lon", "date", noColumnOption, true, ""},
	} {
		md.selects["lat"].SetSelected(tc.lat)
		md.selects["lon"].SetSelected(tc.lon)
		md.selects["date"].SetSelected(tc.date)
		md.selects["location"].SetSelected(tc.loc)
		if md.ok.Disabled() == tc.ok || !strings.Contains(md.hint.Text, tc.hint) {
			t.Errorf("%+v: enabled %v, hint %q", tc, !md.ok.Disabled(), md.hint.Text)
		}
	}
	// Cleared coordinates are mapped to no column: the gazetteer places
	// the row although the file has coordinates.
	md.selects["lat"].SetSelected(noColumnOption)
	md.selects["lon"].SetSelected(noColumnOption)
	md.selects["location"].SetSelected("town")
	m := md.columnMap()
	if m["lat"] != data.NoColumn || m["lon"] != data.NoColumn || m["location"] != "town" || m["date"] != "date" {
		t.Errorf("map %v", m)
	}
	test.Tap(md.ok)
	nu := settleSession(u)
	if nu.st.ix.Len() != 7 || !strings.Contains(u.lastReport, "placed by gazetteer") {
		t.Errorf("%d events, report %q", nu.st.ix.Len(), u.lastReport)
	}
}

// A CSV file whose columns are all found by name is imported without the
// dialog; the menu item opens it for any file.
func TestSureCSVImportsWithoutTheDialog(t *testing.T) {
	u, _ := newTestUI(t)
	u.importFiles([]string{filepath.Join("..", "data", "testdata", "generic_plain.csv")})
	nu := settleSession(u)
	if u.sess.mapping != nil {
		t.Error("the mapping dialog opened for a file found by name")
	}
	if nu.st.ix.Len() != 9 || !strings.Contains(u.lastReport, "generic_plain.csv (csv, done): 3 added") {
		t.Errorf("%d events, report %q", nu.st.ix.Len(), u.lastReport)
	}
	if item := nu.importMappedItem(); item.Label != "Import with Column Mapping…" || item.Action == nil {
		t.Errorf("menu item %+v", item)
	}
	// A file that is not CSV: the report says so.
	nu.importMapped(filepath.Join(t.TempDir(), "missing.csv"))
	settle(nu)
	if !strings.Contains(nu.lastReport, "missing.csv: not imported") {
		t.Errorf("report %q", nu.lastReport)
	}
}
