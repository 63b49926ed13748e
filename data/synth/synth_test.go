package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func generate(t testing.TB, n int, seed int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteACLED(&buf, n, seed); err != nil {
		t.Fatalf("WriteACLED: %v", err)
	}
	return buf.Bytes()
}

func parse(t testing.TB, data []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v", err)
	}
	return recs
}

func TestDeterministic(t *testing.T) {
	a := generate(t, 3000, 42)
	b := generate(t, 3000, 42)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same seed differ")
	}
	if c := generate(t, 3000, 43); bytes.Equal(a, c) {
		t.Fatal("different seeds gave identical output")
	}
}

func TestHeaderAndRowCount(t *testing.T) {
	for _, n := range []int{0, 1, 7, 2500} {
		recs := parse(t, generate(t, n, 1))
		if len(recs) != n+1 {
			t.Fatalf("n=%d: got %d records, want %d", n, len(recs), n+1)
		}
		if strings.Join(recs[0], ",") != strings.Join(ACLEDHeader(), ",") {
			t.Fatalf("header = %v", recs[0])
		}
	}
	h := ACLEDHeader()
	if len(h) != 31 || h[0] != "event_id_cnty" || h[30] != "timestamp" {
		t.Fatalf("unexpected header %v", h)
	}
	h[0] = "changed"
	if ACLEDHeader()[0] != "event_id_cnty" {
		t.Fatal("ACLEDHeader returned shared storage")
	}
}

func TestNegativeCount(t *testing.T) {
	if err := WriteACLED(io.Discard, -1, 1); err == nil {
		t.Fatal("want an error for a negative row count")
	}
}

var allowedKinds = map[string]string{
	"Battles|Armed clash":                                          pv,
	"Battles|Government regains territory":                         pv,
	"Battles|Non-state actor overtakes territory":                  pv,
	"Explosions/Remote violence|Air/drone strike":                  pv,
	"Explosions/Remote violence|Suicide bomb":                      pv,
	"Explosions/Remote violence|Remote explosive/landmine/IED":     pv,
	"Explosions/Remote violence|Shelling/artillery/missile attack": pv,
	"Explosions/Remote violence|Grenade":                           pv,
	"Violence against civilians|Attack":                            pv,
	"Violence against civilians|Abduction/forced disappearance":    pv,
	"Protests|Peaceful protest":                                    demo,
	"Protests|Protest with intervention":                           demo,
	"Protests|Excessive force against protesters":                  pvd,
	"Riots|Violent demonstration":                                  demo,
	"Riots|Mob violence":                                           pv,
	"Strategic developments|Agreement":                             sd,
	"Strategic developments|Arrests":                               sd,
	"Strategic developments|Change to group/activity":              sd,
	"Strategic developments|Headquarters or base established":      sd,
	"Strategic developments|Non-violent transfer of territory":     sd,
	"Strategic developments|Other":                                 sd,
	"Strategic developments|Looting/property destruction":          sd,
	"Strategic developments|Disrupted weapons use":                 sd,
}

func TestRows(t *testing.T) {
	const n = 20000
	recs := parse(t, generate(t, n, 7))
	first := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	ids := make(map[string]bool, n)
	prev := last
	var emptyActor2, zeroFatal, assoc int
	actors := map[string]bool{}
	for i, rec := range recs[1:] {
		if len(rec) != numCols {
			t.Fatalf("row %d has %d columns", i, len(rec))
		}
		d, err := time.Parse("2006-01-02", rec[cDate])
		if err != nil {
			t.Fatalf("row %d: bad date %q", i, rec[cDate])
		}
		if d.Before(first) || d.After(last) {
			t.Fatalf("row %d: date %s out of range", i, rec[cDate])
		}
		if d.After(prev) {
			t.Fatalf("row %d: date %s after previous %s; want descending", i, rec[cDate], prev.Format("2006-01-02"))
		}
		prev = d
		if rec[cYear] != strconv.Itoa(d.Year()) {
			t.Fatalf("row %d: year %s for date %s", i, rec[cYear], rec[cDate])
		}
		lat, err1 := strconv.ParseFloat(rec[cLat], 64)
		lon, err2 := strconv.ParseFloat(rec[cLon], 64)
		if err1 != nil || err2 != nil || lat < 24 || lat > 38 || lon < 60 || lon > 75 {
			t.Fatalf("row %d: coordinates %s,%s outside lat 24..38, lon 60..75", i, rec[cLat], rec[cLon])
		}
		if ids[rec[cID]] {
			t.Fatalf("row %d: duplicate id %s", i, rec[cID])
		}
		ids[rec[cID]] = true
		switch rec[cCountry] {
		case "Pakistan":
			if !strings.HasPrefix(rec[cID], "PAK") || rec[cISO] != "586" {
				t.Fatalf("row %d: id %s iso %s for Pakistan", i, rec[cID], rec[cISO])
			}
		case "Afghanistan":
			if !strings.HasPrefix(rec[cID], "AFG") || rec[cISO] != "4" {
				t.Fatalf("row %d: id %s iso %s for Afghanistan", i, rec[cID], rec[cISO])
			}
		default:
			t.Fatalf("row %d: country %q", i, rec[cCountry])
		}
		if want, ok := allowedKinds[rec[cEvent]+"|"+rec[cSub]]; !ok || want != rec[cDisorder] {
			t.Fatalf("row %d: unexpected vocabulary %q / %q / %q", i, rec[cDisorder], rec[cEvent], rec[cSub])
		}
		for _, c := range []int{cTimePrec, cGeoPrec} {
			if p := rec[c]; p != "1" && p != "2" && p != "3" {
				t.Fatalf("row %d: precision %q", i, p)
			}
		}
		f, err := strconv.Atoi(rec[cFatalities])
		if err != nil || f < 0 {
			t.Fatalf("row %d: fatalities %q", i, rec[cFatalities])
		}
		ts, err := strconv.ParseInt(rec[cTimestamp], 10, 64)
		if err != nil || ts <= d.Unix() {
			t.Fatalf("row %d: timestamp %q not after the event date", i, rec[cTimestamp])
		}
		if rec[cActor1] == "" || rec[cInter1] == "" || rec[cInteraction] == "" {
			t.Fatalf("row %d: missing actor1/inter1/interaction", i)
		}
		if (rec[cActor2] == "") != (rec[cInter2] == "") {
			t.Fatalf("row %d: actor2 %q with inter2 %q", i, rec[cActor2], rec[cInter2])
		}
		if !strings.HasPrefix(rec[cNotes], notePrefix) || len(rec[cNotes]) < noteMin {
			t.Fatalf("row %d: notes %q", i, rec[cNotes])
		}
		if rec[cActor2] == "" {
			emptyActor2++
		}
		if f == 0 {
			zeroFatal++
		}
		if rec[cAssoc1] != "" || rec[cAssoc2] != "" {
			assoc++
		}
		actors[rec[cActor1]] = true
		actors[rec[cActor2]] = true
	}
	share := func(k int) float64 { return float64(k) / n }
	if s := share(emptyActor2); s < 0.2 || s > 0.4 {
		t.Errorf("actor2 empty in %.2f of rows, want about 0.3", s)
	}
	if s := share(zeroFatal); s < 0.45 || s > 0.75 {
		t.Errorf("zero fatalities in %.2f of rows, want a majority", s)
	}
	if s := share(assoc); s < 0.05 || s > 0.2 {
		t.Errorf("associated actors in %.2f of rows, want about 0.1", s)
	}
	if len(actors) < 150 {
		t.Errorf("only %d distinct actors in %d rows", len(actors), n)
	}
}

func TestTables(t *testing.T) {
	if len(towns) < 120 || len(towns) > 180 {
		t.Errorf("%d towns, want about 150", len(towns))
	}
	for _, tw := range towns {
		if tw.lat < 24.3 || tw.lat > 37.7 || tw.lon < 60.3 || tw.lon > 74.7 || tw.weight <= 0 {
			t.Errorf("town %+v outside the frontier box or unweighted", tw)
		}
	}
	for d, want := range map[string]int{"2018-08-17": era0, "2018-08-18": era1, "2021-08-15": era2, "2022-04-11": era3} {
		tm, _ := time.Parse("2006-01-02", d)
		if got := eraOf(int(tm.Unix() / 86400)); got != want {
			t.Errorf("eraOf(%s) = %d, want %d", d, got, want)
		}
	}
}

func BenchmarkWriteACLED(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if err := WriteACLED(io.Discard, 10000, int64(i)); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleWriteACLED() {
	var buf bytes.Buffer
	if err := WriteACLED(&buf, 3, 1); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	recs, _ := csv.NewReader(&buf).ReadAll()
	fmt.Println(strings.Join(recs[0][:4], ","))
	fmt.Println("rows:", len(recs)-1, "columns:", len(recs[1]))
	// Output:
	// event_id_cnty,event_date,year,time_precision
	// rows: 3 columns: 31
}
