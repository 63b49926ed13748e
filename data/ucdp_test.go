package data

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readUCDP reads every row of a UCDP CSV text, returning copies of the
// events and the row errors.
func readUCDP(t *testing.T, text string) ([]Event, []*RowError) {
	t.Helper()
	r, err := NewUCDPReader("t.csv", strings.NewReader(text))
	if err != nil {
		t.Fatalf("NewUCDPReader: %v", err)
	}
	var evs []Event
	var errs []*RowError
	for {
		e, _, err := r.Next()
		if errors.Is(err, io.EOF) {
			return evs, errs
		}
		var re *RowError
		if errors.As(err, &re) {
			errs = append(errs, re)
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		evs = append(evs, *e)
	}
}

const ucdpMiniHeader = "id,type_of_violence,side_a,side_b,latitude,longitude,date_prec,date_start,date_end,where_prec,best\n"

func TestUCDPQuirks(t *testing.T) {
	tests := []struct {
		name, text string
		check      func(t *testing.T, e *Event)
		wantErr    string // "line N: field: reason" substring, for a rejected row
	}{
		{
			name: "current columns",
			text: ucdpMiniHeader + "1,1,A,B,34.5,69.1,1,2021-12-31,2021-12-31,1,5\n",
			check: func(t *testing.T, e *Event) {
				if e.Dataset != DatasetUCDP || e.SourceID != "1" || e.EventType != "State-based conflict" || e.Actor1 != "A" || e.Actor2 != "B" ||
					e.Fatalities != 5 || e.DatePrecision != PrecDay || e.GeoPrecision != 1 || e.Lat != 34.5 || e.Lon != 69.1 {
					t.Errorf("event %+v", e)
				}
			},
		},
		{
			name: "older best_est, upper-case header",
			text: "ID,TYPE_OF_VIOLENCE,SIDE_A,LATITUDE,LONGITUDE,DATE_START,BEST_EST,HIGH_EST,LOW_EST\n7,2,A,1,2,2021-12-31,8,9,7\n",
			check: func(t *testing.T, e *Event) {
				if e.Fatalities != 8 || e.EventType != "Non-state conflict" || !e.DateEnd.Equal(e.Date) || e.Notes != "Estimates: low 7, best 8, high 9." {
					t.Errorf("event %+v", e)
				}
			},
		},
		{
			name:  "date with time and milliseconds",
			text:  ucdpMiniHeader + "1,3,A,B,1,2,1,2021-12-31 00:00:00.000,2021-12-31 00:00:00.000,1,0\n",
			check: wantDates("2021-12-31", "2021-12-31", PrecDay),
		},
		{
			name:  "month-first slash date",
			text:  ucdpMiniHeader + "1,3,A,B,1,2,1,01/02/2021 00:00:00,01/02/2021 00:00:00,1,0\n",
			check: wantDates("2021-01-02", "2021-01-02", PrecDay),
		},
		{
			name:  "month-first slash date, December",
			text:  ucdpMiniHeader + "1,3,A,B,1,2,1,12/31/2021 00:00:00,12/31/2021,1,0\n",
			check: wantDates("2021-12-31", "2021-12-31", PrecDay),
		},
		{
			name:  "date_prec 2 spanning days is a span",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,2,2021-12-01,2021-12-04,1,0\n",
			check: wantDates("2021-12-01", "2021-12-04", PrecSpan),
		},
		{
			name:  "date_prec 3 on one day is a week",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,3,2021-12-01,2021-12-01,1,0\n",
			check: wantDates("2021-12-01", "2021-12-01", PrecWeek),
		},
		{
			name:  "date_prec 1 spanning days is a span",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,1,2021-12-01,2021-12-02,1,0\n",
			check: wantDates("2021-12-01", "2021-12-02", PrecSpan),
		},
		{
			name:  "date_prec 4 is a month",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,4,2021-12-01,2021-12-31,1,0\n",
			check: wantDates("2021-12-01", "2021-12-31", PrecMonth),
		},
		{
			name:  "date_prec 5 is a year",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,5,2021-01-01,2021-12-31,1,0\n",
			check: wantDates("2021-01-01", "2021-12-31", PrecYear),
		},
		{
			name:  "no date_end",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,,2021-01-01,,,\n",
			check: wantDates("2021-01-01", "2021-01-01", PrecDay),
		},
		{
			name:  "where_prec 2 is a town",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,2,0\n",
			check: wantGeo(1),
		},
		{
			name:  "where_prec 3 is a district",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,3,0\n",
			check: wantGeo(2),
		},
		{
			name:  "where_prec 4 is a province",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,4,0\n",
			check: wantGeo(3),
		},
		{
			name:  "where_prec 7 is a province or wider",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,7,0\n",
			check: wantGeo(3),
		},
		{
			name: "trailing empty field",
			text: ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,1,4,\n",
			check: func(t *testing.T, e *Event) {
				if e.Fatalities != 4 {
					t.Errorf("event %+v", e)
				}
			},
		},
		{
			name:  "one trailing field with content",
			text:  ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,1,4,x\n",
			check: func(t *testing.T, e *Event) {},
		},
		{
			name: "HXL hashtag row skipped",
			text: ucdpMiniHeader + "#id,#event+type,#org,#org,#geo+lat,#geo+lon,,#date+start,,,#affected+killed\n" +
				"1,1,A,B,1,2,1,2021-01-01,2021-01-01,1,4\n",
			check: func(t *testing.T, e *Event) {
				if e.SourceID != "1" {
					t.Errorf("event %+v", e)
				}
			},
		},
		{
			name: "type_of_violence as text, conflict_name over dyad_name, source fallback",
			text: "id,type_of_violence,conflict_name,dyad_name,latitude,longitude,date_start,source_article,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best\n" +
				"1,one-sided violence,C,D,1,2,2021-01-01,Reuters,1,2,3,4,10\n",
			check: func(t *testing.T, e *Event) {
				if e.EventType != "One-sided violence" || e.SubEventType != "C" || e.Source != "Reuters" ||
					e.Notes != "Deaths: side A 1, side B 2, civilians 3, unknown 4." || e.Fatalities != 10 {
					t.Errorf("event %+v", e)
				}
			},
		},
		{
			name: "location fields, dyad_name, both sources",
			text: "id,type_of_violence,dyad_name,latitude,longitude,date_start,source_article,source_original,where_coordinates,where_description,adm_1,adm_2,country,region,iso3\n" +
				"1,1,D,1,2,2021-01-01,\"Dawn,2021-01-01,Headline\",Police,Khar town,near the bazaar,KP province,Bajaur district,Pakistan,Asia,PAK\n",
			check: func(t *testing.T, e *Event) {
				if e.SubEventType != "D" || e.Source != "Police" || e.Location != "Khar town" || e.Admin1 != "KP province" ||
					e.Admin2 != "Bajaur district" || e.Country != "Pakistan" || e.Region != "Asia" || e.ISO3 != "PAK" ||
					e.Notes != "Where: near the bazaar\nSource article: Dawn,2021-01-01,Headline" {
					t.Errorf("event %+v", e)
				}
			},
		},
		{
			name:  "semicolons and a byte-order mark",
			text:  "\uFEFF" + strings.ReplaceAll(ucdpMiniHeader, ",", ";") + "1;1;A;B;1,5;2,5;1;2021-01-01;2021-01-01;1;4\n",
			check: func(t *testing.T, e *Event) { wantGeo(1)(t, e) },
		},
		{name: "bad latitude", text: ucdpMiniHeader + "1,1,A,B,91,2,1,2021-01-01,2021-01-01,1,0\n", wantErr: "line 2: latitude: 91 out of range"},
		{name: "no id", text: ucdpMiniHeader + ",1,A,B,1,2,1,2021-01-01,2021-01-01,1,0\n", wantErr: "line 2: id: no event ID"},
		{name: "bad type", text: ucdpMiniHeader + "1,4,A,B,1,2,1,2021-01-01,2021-01-01,1,0\n", wantErr: "line 2: type_of_violence:"},
		{name: "bad date_start", text: ucdpMiniHeader + "1,1,A,B,1,2,1,13/31/2021,2021-01-01,1,0\n", wantErr: "line 2: date_start:"},
		{name: "bad date_end", text: ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,soon,1,0\n", wantErr: "line 2: date_end:"},
		{name: "end before start", text: ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-02,2021-01-01,1,0\n", wantErr: "line 2: date_end: 2021-01-01 is before"},
		{name: "bad date_prec", text: ucdpMiniHeader + "1,1,A,B,1,2,6,2021-01-01,2021-01-01,1,0\n", wantErr: "line 2: date_prec:"},
		{name: "bad where_prec", text: ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,0,0\n", wantErr: "line 2: where_prec:"},
		{name: "bad best", text: ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,1,-3\n", wantErr: "line 2: best: \"-3\" is not a count"},
		{name: "two trailing fields", text: ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,1,0,x,y\n", wantErr: "line 2: has 13 fields, the header has 11"},
		{name: "too few fields", text: ucdpMiniHeader + "1,1,A\n", wantErr: "line 2: has 3 fields"},
		{name: "HXL row later is data", text: ucdpMiniHeader + "1,1,A,B,1,2,1,2021-01-01,2021-01-01,1,0\n#id,#x,,,,,,,,,\n", wantErr: "line 3: type_of_violence"},
		{name: "stray quote", text: ucdpMiniHeader + "1,1,A \"B\",B,1,2,1,2021-01-01,2021-01-01,1,0\n", wantErr: "line 2: column 7: a field with a quote in it must be quoted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, errs := readUCDP(t, tt.text)
			if tt.wantErr != "" {
				if len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.wantErr) {
					t.Fatalf("errors %v, want one containing %q", errs, tt.wantErr)
				}
				return
			}
			if len(errs) != 0 || len(evs) != 1 {
				t.Fatalf("%d events, errors %v; want one event", len(evs), errs)
			}
			if err := evs[0].Validate(); err != nil {
				t.Fatalf("invalid event: %v", err)
			}
			tt.check(t, &evs[0])
		})
	}
}

func wantDates(start, end string, p DatePrecision) func(*testing.T, *Event) {
	return func(t *testing.T, e *Event) {
		t.Helper()
		if e.Date.Format(DateLayout) != start || e.DateEnd.Format(DateLayout) != end || e.DatePrecision != p {
			t.Errorf("dates %s..%s %v, want %s..%s %v", e.Date.Format(DateLayout), e.DateEnd.Format(DateLayout), e.DatePrecision, start, end, p)
		}
	}
}

func wantGeo(p uint8) func(*testing.T, *Event) {
	return func(t *testing.T, e *Event) {
		t.Helper()
		if e.GeoPrecision != p {
			t.Errorf("geo precision %d, want %d", e.GeoPrecision, p)
		}
	}
}

func TestUCDPNotUCDP(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"", "empty file"},
		{"id,type_of_violence,latitude\n1,1,2\n", "missing column(s) date_start, longitude"},
		{strings.Repeat("x", 70000), "no line break"},
		{"id,\"type\n", "header"},
	} {
		_, err := NewUCDPReader("x.csv", strings.NewReader(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "x.csv") {
			t.Errorf("NewUCDPReader(%.20q) = %v, want an error containing %q", tt.text, err, tt.want)
		}
	}
}

func TestUCDPImportFiles(t *testing.T) {
	tests := []struct {
		file            string
		added, rejected int
		wantErrs        []string
	}{
		{
			file: "ucdp_current.csv", added: 4, rejected: 5,
			wantErrs: []string{
				"line 6: latitude: 95 out of range",
				"line 7: type_of_violence: \"4\" is not",
				"line 8: date_end: 2021-05-01 is before date_start 2021-05-03",
				"line 9: best: \"many\" is not a count",
				"line 10: has 3 fields, the header has 50",
			},
		},
		{file: "ucdp_old.csv", added: 2, rejected: 1, wantErrs: []string{"line 4: date_start: \"31/13/2009 00:00:00\" is not a date"}},
		{
			file: "ucdp_hxl.csv", added: 3, rejected: 2,
			wantErrs: []string{"line 6: date_prec: \"9\"", "line 7: has 25 fields, the header has 23"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := openTemp(t)
			rep := importFile(t, s, filepath.Join("testdata", tt.file))
			if rep.Format != "ucdp" || rep.Added != tt.added || rep.Rejected != tt.rejected || rep.Status != StatusDone {
				t.Fatalf("report %+v, want ucdp, added %d rejected %d done", rep, tt.added, tt.rejected)
			}
			var got []string
			for _, e := range rep.Errors {
				got = append(got, e.Error())
			}
			if len(got) != len(tt.wantErrs) {
				t.Errorf("errors %q, want %d", got, len(tt.wantErrs))
			}
			for i, want := range tt.wantErrs {
				if i >= len(got) || !strings.Contains(got[i], want) {
					t.Errorf("error %d = %q, want it to contain %q", i, at(got, i), want)
				}
			}
		})
	}
}

func TestUCDPImportFieldValues(t *testing.T) {
	s := openTemp(t)
	f, err := os.Open("testdata/ucdp_current.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src, err := NewUCDPReader("ucdp_current.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Import(context.Background(), "ucdp_current.csv", src, nil)
	if err != nil || rep.Added != 4 || rep.Rejected != 5 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	importFile(t, s, "testdata/ucdp_old.csv")
	importFile(t, s, "testdata/ucdp_hxl.csv")
	byID := map[string]*Event{}
	if err := s.Events(func(e *Event) error {
		if e.Dataset != DatasetUCDP {
			t.Errorf("dataset %q", e.Dataset)
		}
		byID[e.SourceID] = e
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(byID) != 9 {
		t.Fatalf("%d events stored, want 9", len(byID))
	}
	e := byID["900001"]
	if e.EventType != "State-based conflict" || e.SubEventType != "Pakistan: Government" || e.Actor1 != "Government of Pakistan" ||
		e.Actor2 != "TTP" || e.Fatalities != 5 || e.GeoPrecision != 1 || e.DatePrecision != PrecDay || e.Date.Format(DateLayout) != "2021-12-31" ||
		e.Location != "Khar town" || e.Admin1 != "Khyber Pakhtunkhwa province" || e.Admin2 != "Bajaur district" || e.Country != "Pakistan" ||
		e.ISO3 != "PAK" || e.Region != "Asia" || e.Lat != 34.7306 || e.Lon != 71.5239 || e.Source != "Military sources" ||
		!strings.Contains(e.Notes, "Deaths: side A 2, side B 3, civilians 0, unknown 0.") ||
		!strings.Contains(e.Notes, "Estimates: low 5, best 5, high 7.") ||
		!strings.Contains(e.Notes, "Source article: Dawn,2021-12-31,Soldiers killed in attack; militants repulsed") {
		t.Errorf("900001 = %+v", e)
	}
	if e := byID["900002"]; e.DatePrecision != PrecSpan || e.Date.Format(DateLayout) != "2021-12-08" || e.DateEnd.Format(DateLayout) != "2021-12-11" ||
		e.GeoPrecision != 2 || e.EventType != "Non-state conflict" || e.Source != "Express Tribune,2021-12-10,Clash in Khyber" {
		t.Errorf("900002 = %+v", e)
	}
	if e := byID["900003"]; e.DatePrecision != PrecMonth || e.GeoPrecision != 3 || e.EventType != "One-sided violence" || e.Fatalities != 9 {
		t.Errorf("900003 = %+v", e)
	}
	if e := byID["5001"]; e.Date.Format(DateLayout) != "2009-04-18" || e.Fatalities != 14 || e.GeoPrecision != 1 || e.ISO3 != "" ||
		!strings.Contains(e.Notes, "high 20") {
		t.Errorf("old 5001 = %+v", e)
	}
	if e := byID["5002"]; e.DatePrecision != PrecYear || e.DateEnd.Format(DateLayout) != "2009-12-31" || e.GeoPrecision != 3 {
		t.Errorf("old 5002 = %+v", e)
	}
	if e := byID["7001"]; e.SubEventType != "Government of Somalia - Al-Shabaab" || e.Date.Format(DateLayout) != "2022-01-05" || e.Fatalities != 11 {
		t.Errorf("hxl 7001 = %+v", e)
	}
	if e := byID["7003"]; e.DatePrecision != PrecWeek || e.GeoPrecision != 3 {
		t.Errorf("hxl 7003 = %+v", e)
	}
	// Re-importing changes nothing.
	rep = importFile(t, s, "testdata/ucdp_current.csv")
	if rep.Added != 0 || rep.Updated != 0 || rep.Unchanged != 4 {
		t.Errorf("re-import %+v", rep)
	}
}

func TestImportFileDetectsFormat(t *testing.T) {
	s := openTemp(t)
	if rep := importFile(t, s, "testdata/ucdp_old.csv"); rep.Format != "ucdp" {
		t.Errorf("ucdp_old.csv read as %q", rep.Format)
	}
	if rep := importFile(t, s, "testdata/acled_current.csv"); rep.Format != "acled" {
		t.Errorf("acled_current.csv read as %q", rep.Format)
	}
	// A UCDP header that lacks a required column gets UCDP's error.
	p := writeTemp(t, "u.csv", "id,type_of_violence,date_start,best\n1,1,2021-01-01,3\n")
	if _, err := s.ImportFile(context.Background(), p, nil); err == nil || !strings.Contains(err.Error(), "not a UCDP GED export: missing column(s) latitude, longitude") {
		t.Errorf("incomplete UCDP: %v", err)
	}
	_, err := s.ImportFile(context.Background(), "testdata/not_acled.csv", nil)
	if err == nil || !strings.Contains(err.Error(), "not an ACLED export") || !strings.Contains(err.Error(), "UCDP GED") ||
		!strings.Contains(err.Error(), "not_acled.csv") {
		t.Errorf("neither format: %v", err)
	}
}

// FuzzUCDPReader feeds arbitrary bytes to the UCDP reader: it must never
// panic, every row must end as an event that validates or a row error with
// a line number, and the input must be consumed in bounded steps.
func FuzzUCDPReader(f *testing.F) {
	for _, name := range []string{"ucdp_current.csv", "ucdp_old.csv", "ucdp_hxl.csv"} {
		b, err := readTestdata(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(ucdpMiniHeader + "#id,#x\n1,1,A,B,1,2,2,12/31/2021 00:00:00,2021-12-31 00:00:00.000,3,4,\n\"x,1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewUCDPReader("fuzz.csv", bytes.NewReader(b))
		if err != nil {
			return
		}
		drainFuzzed(t, r, len(b)+1, "line", func(e *Event, line int) {
			if line <= 0 || e.Dataset != DatasetUCDP || e.EventType == "" {
				t.Fatalf("bad event at line %d: %+v", line, e)
			}
			if verr := e.Validate(); verr != nil && !strings.Contains(verr.Error(), "longer than") {
				t.Fatalf("invalid event at line %d: %v (%+v)", line, verr, e)
			}
			if e.GeoPrecision > 3 || e.DatePrecision == PrecUnknown || e.DatePrecision > PrecSpan {
				t.Fatalf("precision out of range at line %d: %+v", line, e)
			}
		})
	})
}
