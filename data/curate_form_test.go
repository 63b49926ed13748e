package data

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// validForm is a form that parses; tests change one thing at a time.
func validForm() EventForm {
	return EventForm{Date: "2025-05-07", Lat: "34.78", Lon: "71.35", EventType: "Battles", Actor1: "A"}
}

func TestParseEventForm(t *testing.T) {
	kharMGRS, err := FormatMGRS(71.5239, 34.7306, 5)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(f *EventForm)
		// errFields lists the fields that must be named, in order; when
		// empty the form must parse and check must hold.
		errFields []string
		check     func(e *Event) bool
	}{
		{"day", func(f *EventForm) {}, nil, func(e *Event) bool {
			return e.Date.Equal(day("2025-05-07")) && e.DateEnd.Equal(e.Date) && e.DatePrecision == PrecDay && e.DisorderType == "Political violence"
		}},
		{"day in words", func(f *EventForm) { f.Date = "7 May 2025" }, nil, func(e *Event) bool { return e.Date.Equal(day("2025-05-07")) }},
		{"day first", func(f *EventForm) { f.Date = "07/05/2025" }, nil, func(e *Event) bool { return e.Date.Equal(day("2025-05-07")) }},
		{"week", func(f *EventForm) { f.Precision = "Week" }, nil, func(e *Event) bool { return e.DatePrecision == PrecWeek }},
		{"month", func(f *EventForm) { f.Date, f.Precision = "2025-05", "month" }, nil, func(e *Event) bool {
			return e.Date.Equal(day("2025-05-01")) && e.DatePrecision == PrecMonth
		}},
		{"month in words", func(f *EventForm) { f.Date, f.Precision = "May 2025", "month" }, nil, func(e *Event) bool { return e.Date.Equal(day("2025-05-01")) }},
		{"year", func(f *EventForm) { f.Date, f.Precision = "2025", "year" }, nil, func(e *Event) bool { return e.Date.Equal(day("2025-01-01")) && e.DatePrecision == PrecYear }},
		{"span by end", func(f *EventForm) { f.DateEnd = "2025-05-10" }, nil, func(e *Event) bool {
			return e.DatePrecision == PrecSpan && e.DateEnd.Equal(day("2025-05-10"))
		}},
		{"span end before", func(f *EventForm) { f.Precision, f.DateEnd = "span", "2025-05-01" }, []string{FieldDateEnd}, nil},
		{"span without end", func(f *EventForm) { f.Precision = "span" }, []string{FieldDateEnd}, nil},
		{"end on a day", func(f *EventForm) { f.Precision, f.DateEnd = "day", "2025-05-08" }, []string{FieldDateEnd}, nil},
		{"bad precision", func(f *EventForm) { f.Precision = "fortnight" }, []string{FieldPrecision}, nil},
		{"no date", func(f *EventForm) { f.Date = " " }, []string{FieldDate}, nil},
		{"bad date", func(f *EventForm) { f.Date = "31 February 2025" }, []string{FieldDate}, nil},
		{"year out of range", func(f *EventForm) { f.Date = "1700-01-01" }, []string{FieldDate}, nil},
		{"hemispheres", func(f *EventForm) { f.Lat, f.Lon = "33.9S", "W 71.25" }, nil, func(e *Event) bool { return e.Lat == -33.9 && e.Lon == -71.25 }},
		{"degree sign and comma", func(f *EventForm) { f.Lat, f.Lon = "34,5° N", "71.5°E" }, nil, func(e *Event) bool { return e.Lat == 34.5 && e.Lon == 71.5 }},
		{"mgrs", func(f *EventForm) { f.Lat, f.Lon, f.MGRS = "", "", kharMGRS }, nil, func(e *Event) bool {
			return math.Abs(e.Lat-34.7306) < 1e-4 && math.Abs(e.Lon-71.5239) < 1e-4
		}},
		{"mgrs and decimal", func(f *EventForm) { f.MGRS = kharMGRS }, []string{FieldMGRS}, nil},
		{"bad mgrs", func(f *EventForm) { f.Lat, f.Lon, f.MGRS = "", "", "99ZZZ 1 2" }, []string{FieldMGRS}, nil},
		{"lat out of range", func(f *EventForm) { f.Lat = "95" }, []string{FieldLat}, nil},
		{"lon out of range", func(f *EventForm) { f.Lon = "-180.5" }, []string{FieldLon}, nil},
		{"lat not a number", func(f *EventForm) { f.Lat, f.Lon = "NaN", "abc" }, []string{FieldLat, FieldLon}, nil},
		{"sign and hemisphere", func(f *EventForm) { f.Lat = "-34S" }, []string{FieldLat}, nil},
		{"lon missing", func(f *EventForm) { f.Lon = "" }, []string{FieldLon}, nil},
		{"no position", func(f *EventForm) { f.Lat, f.Lon = "", "" }, []string{FieldLat}, nil},
		{"fatalities", func(f *EventForm) { f.Fatalities = " 12 " }, nil, func(e *Event) bool { return e.Fatalities == 12 }},
		{"negative fatalities", func(f *EventForm) { f.Fatalities = "-1" }, []string{FieldFatalities}, nil},
		{"fractional fatalities", func(f *EventForm) { f.Fatalities = "2.5" }, []string{FieldFatalities}, nil},
		{"huge fatalities", func(f *EventForm) { f.Fatalities = "9999999999" }, []string{FieldFatalities}, nil},
		{"sub-type gives type", func(f *EventForm) { f.EventType, f.SubEventType = "", "suicide bomb" }, nil, func(e *Event) bool {
			return e.EventType == "Explosions/Remote violence" && e.SubEventType == "Suicide bomb" && e.DisorderType == "Political violence"
		}},
		{"sub-type of another type", func(f *EventForm) { f.SubEventType = "Suicide bomb" }, []string{FieldSubEventType}, nil},
		{"free type", func(f *EventForm) { f.EventType, f.SubEventType = "Cross-border strike", "Suicide bomb" }, nil, func(e *Event) bool {
			return e.EventType == "Cross-border strike" && e.DisorderType == ""
		}},
		{"no type", func(f *EventForm) { f.EventType = "" }, []string{FieldEventType}, nil},
		{"actors and lists", func(f *EventForm) { f.Assoc1, f.Actor2 = "B; C;", " D " }, nil, func(e *Event) bool {
			return slices.Equal(e.Assoc1, []string{"B", "C"}) && e.Actor2 == "D"
		}},
		{"control character", func(f *EventForm) { f.Actor1 = "A\x00B" }, []string{FieldActor1}, nil},
		{"notes keep newlines", func(f *EventForm) { f.Notes = "line 1\nline 2" }, nil, func(e *Event) bool { return e.Notes == "line 1\nline 2" }},
		{"url", func(f *EventForm) { f.Source = "https://www.dawn.com/news/1" }, nil, func(e *Event) bool { return e.Source == "https://www.dawn.com/news/1" }},
		{"bad url", func(f *EventForm) { f.Source = "https://" }, []string{FieldSource}, nil},
		{"tags", func(f *EventForm) { f.Tags = "Bajaur wave, cross-border strikes; Bajaur wave" }, nil, func(e *Event) bool {
			return slices.Equal(e.UserTags, []string{"Bajaur wave", "cross-border strikes"})
		}},
		{"long tag", func(f *EventForm) { f.Tags = strings.Repeat("x", 101) }, []string{FieldTags}, nil},
		{"many at once", func(f *EventForm) { f.Date, f.Lat, f.Fatalities, f.EventType = "x", "200", "many", "" },
			[]string{FieldDate, FieldLat, FieldEventType, FieldFatalities}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := validForm()
			tt.edit(&f)
			e, err := ParseEventForm(f)
			if len(tt.errFields) == 0 {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				if !tt.check(e) {
					t.Fatalf("event %+v", e)
				}
				if err := ValidateEvent(&Event{Dataset: LocalDataset, Date: e.Date, DateEnd: e.DateEnd, Lat: e.Lat, Lon: e.Lon}); err != nil {
					t.Errorf("parsed event does not validate: %v", err)
				}
				return
			}
			var fe FormError
			if e != nil || !errors.As(err, &fe) {
				t.Fatalf("got %+v, %v; want a FormError", e, err)
			}
			var fields []string
			for _, x := range fe {
				fields = append(fields, x.Field)
				if x.Reason == "" {
					t.Errorf("%s: no reason", x.Field)
				}
			}
			if !slices.Equal(fields, tt.errFields) {
				t.Errorf("fields %v (%v), want %v", fields, err, tt.errFields)
			}
		})
	}
}

func TestFormRoundTripAndApplyTo(t *testing.T) {
	base := handEvent()
	base.SourceID, base.Dataset, base.Admin3, base.Inter1 = "PAK1", "ACLED", "Khar", "State forces"
	base.DatePrecision, base.DateEnd = PrecSpan, day("2025-05-09")
	f := FormOf(base)
	e, err := f.ApplyTo(base)
	if err != nil {
		t.Fatal(err)
	}
	if ch := diffEvents(base, e); len(ch) != 0 || e.SourceID != "PAK1" || e.Admin3 != "Khar" {
		t.Fatalf("round trip changed %v", ch)
	}
	f.Fatalities = "9"
	e, _ = f.ApplyTo(base)
	if ch := diffEvents(base, e); len(ch) != 1 || ch[0].Field != "fatalities" || base.Fatalities != 4 {
		t.Errorf("ApplyTo changed %v (base %d)", ch, base.Fatalities)
	}
}

func TestVocabulary(t *testing.T) {
	if got := EventTypeNames(); len(got) != 6 || got[0] != "Battles" {
		t.Errorf("types %v", got)
	}
	if got := SubEventTypes("riots"); !slices.Equal(got, []string{"Violent demonstration", "Mob violence"}) {
		t.Errorf("riots %v", got)
	}
	if n := len(SubEventTypes("")); n != 25 {
		t.Errorf("%d sub-event types", n)
	}
	if got := Complete(SubEventTypes(""), "att", 0); !slices.Equal(got, []string{"Attack", "Shelling/artillery/missile attack"}) {
		t.Errorf("complete %v", got)
	}
}

func ExampleParseEventForm() {
	e, err := ParseEventForm(EventForm{Date: "2025-05-07", Lat: "34.78N", Lon: "71.35E", SubEventType: "Air/drone strike",
		Actor1: "Military Forces of Pakistan (2022-)", Fatalities: "4", Tags: "cross-border strikes"})
	fmt.Println(e.EventType, e.Lat, e.Lon, e.UserTags, err)
	_, err = ParseEventForm(EventForm{Date: "2025-05-07", Lat: "95", Lon: "71", EventType: "Battles", Fatalities: "-2"})
	fmt.Println(err)
	// Output:
	// Explosions/Remote violence 34.78 71.35 [cross-border strikes] <nil>
	// lat: latitude 95 out of range -90..90; fatalities: must be 0 or more
}

// FuzzParseEventForm feeds arbitrary text to the form parser: it never
// panics, what it accepts validates, and the form of an accepted event
// parses back to the same event.
func FuzzParseEventForm(f *testing.F) {
	f.Add("2025-05-07", "", "", "34.78", "71.35", "", "Battles", "Armed clash", "4", "a, b")
	f.Add("May 2025", "", "month", "34,5° N", "W 71", "", "", "Suicide bomb", "", "")
	f.Add("2025-05-01", "2025-05-10", "span", "", "", "42SXD 12345 67890", "Protests", "", "0", "x")
	f.Add("2025", "", "year", "-91", "181", "", "", "", "-1", ";;")
	f.Fuzz(func(t *testing.T, date, end, prec, lat, lon, mgrs, typ, sub, fatal, tags string) {
		form := EventForm{Date: date, DateEnd: end, Precision: prec, Lat: lat, Lon: lon, MGRS: mgrs,
			EventType: typ, SubEventType: sub, Fatalities: fatal, Tags: tags}
		e, err := ParseEventForm(form)
		if err != nil {
			var fe FormError
			if e != nil || !errors.As(err, &fe) || len(fe) == 0 {
				t.Fatalf("error %v with event %v", err, e)
			}
			return
		}
		e.Dataset = LocalDataset
		if err := ValidateEvent(e); err != nil {
			t.Fatalf("accepted %+v but it does not validate: %v", form, err)
		}
		again, err := FormOf(e).ApplyTo(e)
		if err != nil {
			t.Fatalf("form of %+v does not parse: %v", e, err)
		}
		if ch := diffEvents(e, again); len(ch) != 0 {
			t.Fatalf("round trip of %+v changed %v", form, ch)
		}
	})
}
