package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// readGeneric reads every row of a generic CSV.
func readGeneric(t *testing.T, name, in string, m ColumnMap) (*GenericCSVReader, []Event, []RowError) {
	t.Helper()
	r, err := NewGenericCSVReader(name, strings.NewReader(in), m)
	if err != nil {
		t.Fatalf("NewGenericCSVReader: %v", err)
	}
	var evs []Event
	var errs []RowError
	for {
		e, line, err := r.Next()
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
		if line <= 0 {
			t.Fatalf("line %d", line)
		}
		if verr := e.Validate(); verr != nil {
			t.Fatalf("invalid event: %v %+v", verr, e)
		}
		evs = append(evs, *e)
	}
	return r, evs, errs
}

func TestGenericCSVQuirks(t *testing.T) {
	type want struct {
		lat, lon float64
		date     string
	}
	for _, tc := range []struct {
		name, in string
		m        ColumnMap
		want     []want
		errs     []string // "line:field" of rejected rows
		warn     string   // a substring of some warning
	}{
		{name: "comma iso", in: "lat,lon,date\n1.5,2.5,2020-03-21\n", want: []want{{1.5, 2.5, "2020-03-21"}}},
		{name: "semicolon names de", in: "Ort;Breite;Länge;Datum\nB;52,5;13,4;21.03.2020\n", want: []want{{52.5, 13.4, "2020-03-21"}}},
		{name: "tab es", in: "latitud\tlongitud\tfecha\n-1.5\t-2.5\t2020-01-02\n", want: []want{{-1.5, -2.5, "2020-01-02"}}},
		{name: "pipe", in: "y|x|day\n1.5|2.5|2020-01-02\n", want: []want{{1.5, 2.5, "2020-01-02"}}},
		{name: "units", in: "Lat (deg),Lng [°],Event Date\n1.5,2.5,2020-01-02\n", want: []want{{1.5, 2.5, "2020-01-02"}}},
		{name: "text dates", in: "lat,lon,date\n1.5,2.5,21 March 2020\n1.5,2.5,\"March 21, 2020\"\n1.5,2.5,\"Friday, June 18, 2004\"\n",
			want: []want{{1.5, 2.5, "2020-03-21"}, {1.5, 2.5, "2020-03-21"}, {1.5, 2.5, "2004-06-18"}}},
		{name: "day first", in: "lat,lon,date\n1.5,2.5,21/03/2020\n1.5,2.5,02/03/2020\n",
			want: []want{{1.5, 2.5, "2020-03-21"}, {1.5, 2.5, "2020-03-02"}}},
		{name: "month first", in: "lat,lon,date\n1.5,2.5,03/21/2020\n1.5,2.5,02/03/2020\n",
			want: []want{{1.5, 2.5, "2020-03-21"}, {1.5, 2.5, "2020-02-03"}}},
		{name: "ambiguous", in: "lat,lon,date\n1.5,2.5,02/03/2020\n",
			want: []want{{1.5, 2.5, "2020-03-02"}}, warn: "read as day/month/year"},
		{name: "excel serial", in: "lat,lon,date\n1.5,2.5,43911\n", want: []want{{1.5, 2.5, "2020-03-21"}}},
		{name: "values", in: "a,b,c,date\n7,1.5,2.5,2020-01-02\n8,-80.25,170.5,2020-01-02\n",
			want: []want{{1.5, 2.5, "2020-01-02"}, {-80.25, 170.5, "2020-01-02"}}, warn: "from their values"},
		{name: "values decimal comma", in: "a;b;c;date\n7;1,5;2,5;2020-01-02\n",
			want: []want{{1.5, 2.5, "2020-01-02"}}, warn: "from their values"},
		{name: "values swapped", in: "a,b,date\n100.5,1.5,2020-01-02\n2.5,3.5,2020-01-02\n",
			want: []want{{1.5, 100.5, "2020-01-02"}, {3.5, 2.5, "2020-01-02"}}},
		{name: "na and totals", in: "lat,lon,date\n1.5,2.5,2020-01-02\nNA,2.5,2020-01-02\n1.5,N/A,2020-01-02\n,2.5,2020-01-02\nTotal,,\n",
			want: []want{{1.5, 2.5, "2020-01-02"}}, errs: []string{"3:lat", "4:lon", "5:lat", "6:lat"}},
		{name: "missing coords last row", in: "place,lat,lon,date\nA,1.5,2.5,2020-01-02\nB,,,\n",
			want: []want{{1.5, 2.5, "2020-01-02"}}, errs: []string{"3:lat"}},
		{name: "bad date", in: "lat,lon,date\n1.5,2.5,soon\n", errs: []string{"2:date"}},
		{name: "map", in: "p,q,r\n2020-01-02,1.5,2.5\n", m: ColumnMap{"lat": "q", "lon": "3", "date": "P"},
			want: []want{{1.5, 2.5, "2020-01-02"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, evs, errs := readGeneric(t, "x.csv", tc.in, tc.m)
			if len(evs) != len(tc.want) {
				t.Fatalf("got %d events, want %d (errors %v)", len(evs), len(tc.want), errs)
			}
			for i, w := range tc.want {
				e := evs[i]
				if e.Lat != w.lat || e.Lon != w.lon || e.Date.Format(DateLayout) != w.date || e.Dataset != "x" {
					t.Errorf("event %d: %v %v %s %q, want %+v", i, e.Lat, e.Lon, e.Date.Format(DateLayout), e.Dataset, w)
				}
			}
			var got []string
			for _, re := range errs {
				got = append(got, fmt.Sprintf("%d:%s", re.Line, re.Field))
			}
			if strings.Join(got, " ") != strings.Join(tc.errs, " ") {
				t.Errorf("row errors %v, want %v (%v)", got, tc.errs, errs)
			}
			if w := strings.Join(r.Warnings(), "\n"); !strings.Contains(w, tc.warn) {
				t.Errorf("warnings %q, want %q", w, tc.warn)
			}
		})
	}
}

func TestGenericCSVFields(t *testing.T) {
	_, evs, _ := readGeneric(t, "dir/my events.csv",
		"Name,Lat,Lon,Date,Actor,Side_B,Type,Deaths,Description,id\nKhar,34.7,71.5,2020-03-21,A,B,Battles,3,clash,E1\n", nil)
	if len(evs) != 1 {
		t.Fatal(evs)
	}
	e := evs[0]
	if e.Location != "Khar" || e.Actor1 != "A" || e.Actor2 != "B" || e.EventType != "Battles" || e.Fatalities != 3 ||
		e.Notes != "clash" || e.SourceID != "E1" || e.Dataset != "my events" {
		t.Errorf("%+v", e)
	}
	_, evs, _ = readGeneric(t, "x.csv", "lat,lon,date,dataset\n1.5,2.5,2020-01-02,MINE\n", nil)
	if len(evs) != 1 || evs[0].Dataset != "MINE" || !strings.HasPrefix(evs[0].SourceID, "csv-") {
		t.Errorf("%+v", evs)
	}
}

func TestGenericCSVEncodings(t *testing.T) {
	in := "lat,lon,date,location\n1.5,2.5,2020-01-02,Zürich\n"
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(in)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]string{
		"utf8":    in,
		"bom":     "\xEF\xBB\xBF" + in,
		"utf16":   u16,
		"cp1252":  strings.Replace(in, "ü", "\xFC", 1),
		"utf16be": "\xFE\xFF" + string(beBytes(in)),
	} {
		r, evs, _ := readGeneric(t, "x.csv", b, nil)
		if len(evs) != 1 || evs[0].Location != "Zürich" {
			t.Errorf("%s: %+v", name, evs)
		}
		if warned := len(r.Warnings()) > 0; warned != (name == "cp1252") {
			t.Errorf("%s: warnings %q", name, r.Warnings())
		}
	}
}

func beBytes(s string) []byte {
	b, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	return b
}

func TestGenericCSVRefused(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"name,lat,lon\nKhar,34.7,71.5\n", "no date column"},
		{"a,b,date\nx,y,2020-01-02\n", "no latitude, longitude column"},
		{"", "empty"},
	} {
		_, err := NewGenericCSVReader("x.csv", strings.NewReader(tc.in), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.in, err, tc.want)
		}
	}
	if _, err := NewGenericCSVReader("x.csv", strings.NewReader("a,b\n1,2\n"), ColumnMap{"lat": "zz"}); err == nil || !strings.Contains(err.Error(), "no such column") {
		t.Errorf("bad map: %v", err)
	}
	if _, err := ParseColumnMap(nil, "lat=a,foo=b"); err == nil {
		t.Error("unknown key accepted")
	}
	if m, err := ParseColumnMap(nil, "lat=a, lon = b"); err != nil || m["lon"] != "b" {
		t.Errorf("%v %v", m, err)
	}
}

func TestImportFileGenericCSV(t *testing.T) {
	s := openTemp(t)
	for _, tc := range []struct {
		file      string
		added     int
		rejected  int
		firstDate string
	}{
		{"testdata/generic_plain.csv", 3, 1, ""},
		{"testdata/generic_semicolon.csv", 2, 2, ""},
		{"testdata/generic_swapped.csv", 3, 0, ""},
	} {
		rep, err := s.ImportFile(context.Background(), tc.file, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if rep.Format != "csv" || rep.Added != tc.added || rep.Rejected != tc.rejected {
			t.Errorf("%s: %+v", tc.file, rep)
		}
	}
	evs := storeEvents(t, s)
	var plain, swapped int
	for _, e := range evs {
		switch e.Dataset {
		case "generic_plain":
			plain++
			if e.Location == "Khar" && (e.Actor1 != "Group A" || e.Fatalities != 3 || e.Notes != "clash near town" || e.Lat != 34.7) {
				t.Errorf("%+v", e)
			}
		case "generic_swapped":
			swapped++
			if e.Location == "A" && (e.Lat != 34.7 || e.Lon != 71.5 || e.Date.Format(DateLayout) != "2020-03-21") {
				t.Errorf("%+v", e)
			}
		}
	}
	if plain != 3 || swapped != 3 {
		t.Errorf("plain %d swapped %d of %d", plain, swapped, len(evs))
	}
	_, err := s.ImportFile(context.Background(), "testdata/not_acled.csv", nil)
	if err == nil || !strings.Contains(err.Error(), "no date column") {
		t.Errorf("not_acled: %v", err)
	}
}

// FuzzGenericCSV feeds arbitrary bytes to the generic CSV reader and to
// DetectCSV: neither may panic, every row must end as a valid event or a
// row error with a line number, and the detection must agree with the
// reader on whether the file can be read.
func FuzzGenericCSV(f *testing.F) {
	for _, name := range []string{"generic_plain.csv", "generic_semicolon.csv", "generic_swapped.csv"} {
		b, err := readTestdata(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("lat,lon,date\n1.5,2.5,02/03/2020\nNA,1,43911\n\"x,1\n"))
	f.Add([]byte("town;when;country\nKabul;21 March 2020;AF\nAtlantis;x;\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, derr := DetectCSV("fuzz.csv", bytes.NewReader(b), nil)
		r, err := NewGenericCSVReader("fuzz.csv", bytes.NewReader(b), nil)
		if derr == nil && len(d.Preview) > PreviewRows {
			t.Fatalf("preview of %d rows", len(d.Preview))
		}
		if err == nil && (derr != nil || len(d.Missing) > 0) && d != nil && d.Complete {
			t.Fatalf("the reader opened a file detection finds %v missing in (%v)", d.Missing, derr)
		}
		if err != nil && derr == nil && d.Complete && len(d.Missing) == 0 {
			t.Fatalf("detection found every column, the reader failed: %v", err)
		}
		if err != nil {
			return
		}
		_ = r.Warnings()
		drainFuzzed(t, r, len(b)+1, "line", func(e *Event, line int) {
			if line <= 0 {
				t.Fatalf("event without a line: %+v", e)
			}
			if verr := e.Validate(); verr != nil && !strings.Contains(verr.Error(), "longer than") {
				t.Fatalf("invalid event at line %d: %v (%+v)", line, verr, e)
			}
		})
	})
}
