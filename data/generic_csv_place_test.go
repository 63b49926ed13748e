package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rowErrs writes row errors as "line:field".
func rowErrs(errs []RowError) string {
	var s []string
	for _, e := range errs {
		s = append(s, fmt.Sprintf("%d:%s", e.Line, e.Field))
	}
	return strings.Join(s, " ")
}

func TestGenericCSVPlacedByGazetteer(t *testing.T) {
	in := "town,date,country,deaths\n" +
		"Parachinar,2020-03-21,Pakistan,2\n" +
		"پېښور,2020-03-22,,0\n" + // Pashto for Peshawar
		"Hyderabad,2020-03-23,Pakistan,1\n" +
		"Atlantis,2020-03-24,,0\n" +
		",2020-03-25,Pakistan,0\n" +
		"Peshawar,2020-03-26,Afghanistan,0\n" +
		"Hyderabad,2020-03-27,,0\n"
	r, evs, errs := readGeneric(t, "x.csv", in, nil)
	want := []struct {
		loc      string
		lat, lon float64
	}{{"Parachinar", 33.89968, 70.10012}, {"پېښور", 34.008, 71.57849}, {"Hyderabad", 25.39242, 68.37366}, {"Hyderabad", 17.38405, 78.45636}}
	if len(evs) != len(want) {
		t.Fatalf("%d events (%v), want %d", len(evs), errs, len(want))
	}
	for i, w := range want {
		e := evs[i]
		if e.Location != w.loc || e.Lat != w.lat || e.Lon != w.lon || e.GeoPrecision != GeoPrecisionGazetteer {
			t.Errorf("event %d: %q %v,%v precision %d, want %+v", i, e.Location, e.Lat, e.Lon, e.GeoPrecision, w)
		}
	}
	if evs[0].Fatalities != 2 || evs[0].Country != "Pakistan" {
		t.Errorf("fields: %+v", evs[0])
	}
	if got := rowErrs(errs); got != "5:town 6:town 7:town" {
		t.Errorf("row errors %s (%v)", got, errs)
	}
	for i, want := range []string{`"Atlantis": no place of that name in the gazetteer`, "missing", `"Peshawar": no place of that name in Afghanistan`} {
		if i < len(errs) && !strings.Contains(errs[i].Reason, want) {
			t.Errorf("error %d: %q, want %q", i, errs[i].Reason, want)
		}
	}
	w := strings.Join(r.Warnings(), "\n")
	for _, want := range []string{`4 rows placed by gazetteer (approximate`, `"town" column`, "for 1 of them several places have that name"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %q lack %q", w, want)
		}
	}
}

// A row whose coordinates are both missing is placed by its place name;
// one that cannot be placed is rejected for its coordinates.
func TestGenericCSVPlacesRowsWithoutCoordinates(t *testing.T) {
	in := "location,lat,lon,date\nKabul,,,2020-01-01\nKhar,34.7,71.5,2020-01-02\nAtlantis,NA,NA,2020-01-03\nQuetta,30.1,,2020-01-04\n"
	r, evs, errs := readGeneric(t, "x.csv", in, nil)
	if len(evs) != 2 || evs[0].Lat != 34.52813 || evs[0].GeoPrecision != GeoPrecisionGazetteer || evs[1].Lat != 34.7 || evs[1].GeoPrecision != 0 {
		t.Fatalf("%+v", evs)
	}
	if got := rowErrs(errs); got != "4:lat 5:lon" || !strings.Contains(errs[0].Reason, "gazetteer cannot place the row by its location") {
		t.Errorf("row errors %s %v", got, errs)
	}
	if !strings.Contains(strings.Join(r.Warnings(), "\n"), "1 rows placed by gazetteer") {
		t.Errorf("warnings %q", r.Warnings())
	}
	// Mapping the coordinates away places every row by name.
	_, evs, _ = readGeneric(t, "x.csv", "lat,lon,city,date\n1.5,2.5,Kabul,2020-01-01\n", ColumnMap{"lat": NoColumn, "lon": NoColumn})
	if len(evs) != 1 || evs[0].Lat != 34.52813 || evs[0].Location != "Kabul" {
		t.Errorf("lat=- lon=-: %+v", evs)
	}
	// A field mapped away is not read by name either.
	_, evs, _ = readGeneric(t, "x.csv", "lat,lon,date,actor\n1.5,2.5,2020-01-01,A\n", ColumnMap{"actor1": NoColumn})
	if len(evs) != 1 || evs[0].Actor1 != "" {
		t.Errorf("actor1=-: %+v", evs)
	}
}

func TestGenericCSVDateByValue(t *testing.T) {
	_, evs, _ := readGeneric(t, "x.csv", "id,lat,lon,happened,what\n45000,1.5,2.5,21 March 2020,x\n45001,1.5,2.5,2020-03-22,y\n", nil)
	if len(evs) != 2 || evs[0].Date.Format(DateLayout) != "2020-03-21" || evs[0].SourceID != "45000" {
		t.Fatalf("%+v", evs)
	}
	r, _, _ := readGeneric(t, "x.csv", "id,lat,lon,happened,what\n45000,1.5,2.5,21 March 2020,x\n", nil)
	if w := strings.Join(r.Warnings(), "\n"); !strings.Contains(w, `read "happened" as the date from its values`) {
		t.Errorf("warnings %q", w)
	}
	// Numbers alone (counts, IDs, years) do not make a date column.
	if _, err := NewGenericCSVReader("x.csv", strings.NewReader("n,lat,lon\n45000,1.5,2.5\n"), nil); err == nil || !strings.Contains(err.Error(), "no date column") {
		t.Errorf("numbers read as dates: %v", err)
	}
}

// oneByteReader hides Seek, as a pipe would.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// The date order comes from the whole column, past the rows the columns
// are found from, whether the input can seek or is copied to memory or to
// a temporary file; line numbers stay those of the file.
func TestGenericCSVStreamsTwoPasses(t *testing.T) {
	var b strings.Builder
	b.WriteString("lat,lon,date,notes\n")
	for range 500 {
		b.WriteString("1.5,2.5,01/02/2020,x\n")
	}
	b.WriteString("1.5,2.5,2020-01-01,\"two\nlines\"\n") // lines 502–503
	b.WriteString("NA,2.5,2020-01-01,x\n")               // line 504
	b.WriteString("1.5,2.5,03/25/2020,x\n")              // month-first evidence, last row
	in := b.String()
	old := genericMemCopy
	t.Cleanup(func() { genericMemCopy = old })
	for _, tc := range []struct {
		name  string
		r     io.Reader
		limit int64
	}{{"seeker", strings.NewReader(in), old}, {"memory", oneByteReader{strings.NewReader(in)}, old}, {"spool", oneByteReader{strings.NewReader(in)}, 1024}} {
		genericMemCopy = tc.limit
		g, err := NewGenericCSVReader("x.csv", tc.r, nil)
		if err != nil {
			t.Fatal(err)
		}
		sp, _ := g.closer.(*spool)
		if (sp != nil) != (tc.name == "spool") {
			t.Fatalf("%s: closer %T", tc.name, g.closer)
		}
		n := 0
		var errs []RowError
		for {
			e, _, err := g.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var re *RowError
			if errors.As(err, &re) {
				errs = append(errs, *re)
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 && e.Date.Format(DateLayout) != "2020-01-02" {
				t.Errorf("%s: first date %s, want 2020-01-02 (month-first, as the last row shows)", tc.name, e.Date.Format(DateLayout))
			}
			n++
		}
		if n != 502 || rowErrs(errs) != "504:lat" {
			t.Errorf("%s: %d events, errors %s", tc.name, n, rowErrs(errs))
		}
		if sp != nil {
			if _, err := os.Stat(sp.Name()); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the temporary copy %s is still there after the last row: %v", sp.Name(), err)
			}
		}
		if err := g.Close(); err != nil {
			t.Errorf("%s: Close: %v", tc.name, err)
		}
	}
}

func TestDetectCSV(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		m        ColumnMap
		unsure   string // a substring of some reason; "" for sure
		want     ColumnMap
		missing  string
	}{
		{name: "sure", in: "Lat,Lon,Date,Actor,Side_B,Type,Deaths,Description,id\n1.5,2.5,2020-01-02,A,B,T,3,n,E1\n",
			want: ColumnMap{"lat": "Lat", "lon": "Lon", "date": "Date", "actor1": "Actor", "actor2": "Side_B", "type": "Type",
				"fatalities": "Deaths", "notes": "Description", "id": "id"}},
		{name: "coords by value", in: "a,b,c,date\n7,1.5,2.5,2020-01-02\n",
			unsure: "from their values", want: ColumnMap{"lat": "b", "lon": "c", "date": "date"}},
		{name: "date order", in: "lat,lon,date\n1.5,2.5,02/03/2020\n", unsure: "could be day/month or month/day",
			want: ColumnMap{"lat": "lat", "lon": "lon", "date": "date"}},
		{name: "two dates", in: "lat,lon,date,event_date\n1.5,2.5,2020-01-01,2020-01-02\n", unsure: `several date columns by name: used "event_date", not "date"`,
			want: ColumnMap{"lat": "lat", "lon": "lon", "date": "event_date"}},
		{name: "by place", in: "town,date,country\nKabul,2020-01-01,Afghanistan\n", unsure: "placed by gazetteer",
			want: ColumnMap{"location": "town", "date": "date", "country": "country"}},
		{name: "no date", in: "name,lat,lon\nKhar,34.7,71.5\n", unsure: "no date column found", missing: "date",
			want: ColumnMap{"lat": "lat", "lon": "lon", "location": "name"}},
		{name: "repeated names", in: "lat,lon,date,actor,actor\n1.5,2.5,2020-01-01,A,B\n", want: ColumnMap{"lat": "lat", "lon": "lon", "date": "date", "actor1": "4"}},
		{name: "mapped", in: "p,q,r\n2020-01-02,1.5,2.5\n", m: ColumnMap{"lat": "q", "lon": "3", "date": "P"},
			want: ColumnMap{"lat": "q", "lon": "r", "date": "p"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := DetectCSV("x.csv", strings.NewReader(tc.in), tc.m)
			if err != nil {
				t.Fatal(err)
			}
			if d.Unsure != (tc.unsure != "") || !strings.Contains(strings.Join(d.Reasons, "\n"), tc.unsure) {
				t.Errorf("unsure %v, reasons %q, want %q", d.Unsure, d.Reasons, tc.unsure)
			}
			if fmt.Sprint(d.Map) != fmt.Sprint(tc.want) {
				t.Errorf("map %v, want %v", d.Map, tc.want)
			}
			for f, ref := range d.Map {
				if i, ok := d.Columns[f]; !ok || d.ColumnRef(i) != ref {
					t.Errorf("%s: column %d (%v) is %q, map says %q", f, i, ok, d.ColumnRef(i), ref)
				}
			}
			if strings.Join(d.Missing, ",") != tc.missing {
				t.Errorf("missing %v", d.Missing)
			}
			if len(d.Preview) != 1 || d.PreviewLines[0] != 2 || !d.Complete || d.Rows != 1 {
				t.Errorf("preview %q lines %v rows %d complete %v", d.Preview, d.PreviewLines, d.Rows, d.Complete)
			}
		})
	}
	var b strings.Builder
	b.WriteString("lat,lon,date\n")
	for range detectMaxRows + 5 {
		b.WriteString("1.5,2.5,2020-01-02\n")
	}
	d, err := DetectCSV("x.csv", strings.NewReader(b.String()), nil)
	if err != nil || d.Complete || d.Rows != detectMaxRows || len(d.Preview) != PreviewRows || d.PreviewLines[9] != 11 {
		t.Errorf("long file: %v rows %d complete %v preview %d", err, d.Rows, d.Complete, len(d.Preview))
	}
	if _, err := DetectCSV("x.csv", strings.NewReader(""), nil); err == nil {
		t.Error("empty file detected")
	}
}

func TestPlanImport(t *testing.T) {
	for file, want := range map[string]string{
		"ucdp_current.csv": "ucdp", "acled_current.csv": "acled", "quirks.geojson": "geojson", "quirks.kml": "kml",
		"generic_plain.csv": "csv", "generic_swapped.csv": "csv", "not_acled.csv": "csv",
	} {
		p, err := PlanImport(filepath.Join("testdata", file))
		if err != nil || p.Format != want || (p.CSV != nil) != (want == "csv") {
			t.Errorf("%s: %+v %v, want %s", file, p, err, want)
			continue
		}
		if p.CSV == nil {
			continue
		}
		if unsure := file != "generic_plain.csv"; p.CSV.Unsure != unsure {
			t.Errorf("%s: unsure %v %q", file, p.CSV.Unsure, p.CSV.Reasons)
		}
	}
	if p, _ := PlanImport(filepath.Join("testdata", "not_acled.csv")); p.CSV == nil || strings.Join(p.CSV.Missing, ",") != "date" {
		t.Errorf("not_acled: %+v", p.CSV)
	}
	if _, err := PlanImport(filepath.Join("testdata", "nope.csv")); err == nil {
		t.Error("a missing file planned")
	}
}

// Importing a file of place names stores approximate events and a report
// that says so; the import record keeps the row errors and the dataset.
func TestImportPlacedByGazetteer(t *testing.T) {
	s := openTemp(t)
	path := filepath.Join(t.TempDir(), "towns.csv")
	if err := os.WriteFile(path, []byte("date;village;country\n21/03/2020;Parachinar;Pakistan\n22/03/2020;Atlantis;Pakistan\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, imp := range []func() (ImportReport, error){
		func() (ImportReport, error) { return s.ImportFile(context.Background(), path, nil) },
		func() (ImportReport, error) { return s.ImportCSVMapped(context.Background(), path, nil, nil) },
	} {
		rep, err := imp()
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rejected != 1 || rep.Added+rep.Unchanged != 1 || rep.Dataset != "towns" ||
			!strings.Contains(strings.Join(rep.Warnings, "\n"), "1 rows placed by gazetteer (approximate") {
			t.Errorf("%+v", rep)
		}
	}
	evs := storeEvents(t, s)
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	for _, e := range evs {
		if e.Lat != 33.89968 || e.GeoPrecision != GeoPrecisionGazetteer || e.Date.Format(DateLayout) != "2020-03-21" {
			t.Errorf("%+v", e)
		}
	}
	recs, err := s.Imports()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if e := recs[1].Errors; len(e) != 1 || e[0].Line != 3 || e[0].Field != "village" || !strings.Contains(e[0].Reason, "Atlantis") {
		t.Errorf("stored errors %+v", e)
	}
}
