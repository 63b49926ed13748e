// Package synth generates synthetic, ACLED-shaped conflict event data for
// benchmarks and load tests of the Frontier store and UI.
//
// The rows imitate the shape of a current ACLED CSV export for Pakistan and
// Afghanistan: the same 31 columns, dates from 2015-01-01 to 2026-10-31 sorted
// newest first, locations clustered around ~150 real towns, ~300 actors with a
// Zipf-like frequency, ACLED's event vocabulary and a long-tailed fatality
// count. Every event is invented: notes start with "[Synthetic]" and sources
// are named "Synthetic ...". Output depends only on the row count and the seed.
package synth

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"math/bits"
	"strconv"
	"time"
)

// Date range of generated events, in days since 1970-01-01.
const (
	firstDay = 16436 // 2015-01-01
	lastDay  = 20757 // 2026-10-31
)

var header = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
	"sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
	"interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
	"location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
	"fatalities", "tags", "timestamp",
}

// Column indexes into a row.
const (
	cID = iota
	cDate
	cYear
	cTimePrec
	cDisorder
	cEvent
	cSub
	cActor1
	cAssoc1
	cInter1
	cActor2
	cAssoc2
	cInter2
	cInteraction
	cCivTarget
	cISO
	cRegion
	cCountry
	cAdmin1
	cAdmin2
	cAdmin3
	cLocation
	cLat
	cLon
	cGeoPrec
	cSource
	cScale
	cNotes
	cFatalities
	cTags
	cTimestamp
	numCols
)

// ACLEDHeader returns the column names of a current ACLED CSV export, in
// order. The caller may modify the returned slice.
func ACLEDHeader() []string {
	return append([]string(nil), header...)
}

var (
	countryNames = [2]string{"Pakistan", "Afghanistan"}
	countryISO   = [2]string{"586", "4"}
	countryIDs   = [2]string{"PAK", "AFG"}
	regions      = [2]string{"South Asia", "Caucasus and Central Asia"}
)

// Cumulative tables built once.
var (
	townIdx   [2][]int
	townCum   [2][]float64
	kindCum   []float64
	kindTotal float64
	capital   [2]int // index in towns of Islamabad and Kabul
)

func init() {
	for i := range towns {
		c := towns[i].country
		prev := 0.0
		if n := len(townCum[c]); n > 0 {
			prev = townCum[c][n-1]
		}
		townIdx[c] = append(townIdx[c], i)
		townCum[c] = append(townCum[c], prev+float64(towns[i].weight))
	}
	for i := range towns {
		if towns[i].name == "Islamabad" {
			capital[pk] = i
		}
		if towns[i].name == "Kabul" {
			capital[af] = i
		}
	}
	for i := range kinds {
		kindTotal += kinds[i].weight
		kindCum = append(kindCum, kindTotal)
	}
}

// pick returns the first index whose cumulative weight exceeds u*total.
func pick(cum []float64, u float64) int {
	x := u * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] <= x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// rng is xoshiro256** seeded through splitmix64: small, fast and fixed, so
// output never changes with the Go version.
type rng struct{ s [4]uint64 }

func newRNG(seed int64) rng {
	var r rng
	x := uint64(seed)
	for i := range r.s {
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		r.s[i] = z ^ (z >> 31)
	}
	return r
}

func (r *rng) next() uint64 {
	s := &r.s
	out := bits.RotateLeft64(s[1]*5, 7) * 9
	t := s[1] << 17
	s[2] ^= s[0]
	s[3] ^= s[1]
	s[1] ^= s[2]
	s[0] ^= s[3]
	s[2] ^= t
	s[3] = bits.RotateLeft64(s[3], 45)
	return out
}

// float returns a uniform float64 in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) * (1.0 / (1 << 53)) }

// intn returns a uniform int in [0, n).
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// WriteACLED writes an ACLED header and n synthetic event rows to w as
// RFC 4180 CSV. Rows are sorted by event_date, newest first; the same n and
// seed always give byte-identical output. Memory use does not grow with n.
func WriteACLED(w io.Writer, n int, seed int64) error {
	if n < 0 {
		return errors.New("synth: negative row count")
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return err
	}
	g := generator{r: newRNG(seed), n: n, day: -1}
	for i := 0; i < n; i++ {
		g.fill(i)
		if err := cw.Write(g.row[:]); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// generator holds the per-run state of WriteACLED.
type generator struct {
	r     rng
	n     int
	row   [numCols]string
	buf   []byte
	crowd string // crowd size of a demonstration row

	// Per-day cache (rows arrive day by day).
	day               int
	era               int
	date, year, lead  string // "2025-03-12", "2025", "On 12 March 2025, "
	leadWeek, leadMon string
}

// dayOf maps row i to its day: newest first, with about twice as many
// events per day at the end of the range as at the start.
func (g *generator) dayOf(i int) int {
	t := (float64(i) + 0.5) / float64(g.n)
	span := float64(lastDay - firstDay + 1)
	off := int(span * (0.5*t + 0.5*math.Pow(t, 1.6)))
	if off > lastDay-firstDay {
		off = lastDay - firstDay
	}
	return lastDay - off
}

func (g *generator) setDay(day int) {
	g.day = day
	g.era = eraOf(day)
	t := time.Unix(int64(day)*86400, 0).UTC()
	y, m, d := t.Date()
	g.year = strconv.Itoa(y)
	g.date = t.Format("2006-01-02")
	dm := strconv.Itoa(d) + " " + monthNames[m-1] + " " + g.year
	g.lead = "On " + dm + ", "
	g.leadWeek = "Around " + dm + ", "
	g.leadMon = "In " + monthNames[m-1] + " " + g.year + ", "
}

// fill builds row i into g.row.
func (g *generator) fill(i int) {
	r := &g.r
	if d := g.dayOf(i); d != g.day {
		g.setDay(d)
	}
	row := &g.row

	c := pk
	pAF := 0.3
	if g.era <= era1 {
		pAF = 0.55
	}
	if r.chance(pAF) {
		c = af
	}
	k := &kinds[pick(kindCum, r.float())]
	t := &towns[townIdx[c][pick(townCum[c], r.float())]]
	if k.a2 == roleGovOther && r.chance(0.7) {
		t = &towns[capital[c]] // talks between governments mostly happen in a capital
	}

	// Actors.
	a1 := g.draw(c, k.a1, nil)
	var a2 *actor
	if k.a2 != roleNone && !r.chance(k.a2Empty) {
		for try := 0; try < 4; try++ {
			a2 = g.draw(c, k.a2, a1)
			if a2.name[g.era] != a1.name[g.era] {
				break
			}
		}
		if a2.name[g.era] == a1.name[g.era] {
			a2 = nil
		}
	}
	i1 := a1.inter[g.era]
	row[cActor1], row[cInter1] = a1.name[g.era], interNames[i1]
	row[cAssoc1], row[cAssoc2] = "", ""
	row[cActor2], row[cInter2], row[cCivTarget] = "", "", ""
	if a2 == nil {
		row[cInteraction] = interNames[i1] + " only"
	} else {
		i2 := a2.inter[g.era]
		row[cActor2], row[cInter2] = a2.name[g.era], interNames[i2]
		lo, hi := i1, i2
		if lo > hi {
			lo, hi = hi, lo
		}
		row[cInteraction] = interNames[lo] + "-" + interNames[hi]
		if k.civ && i2 == interCivilians {
			row[cCivTarget] = "Civilian targeting"
		}
	}
	g.assoc(c, k, a1, a2)

	row[cDisorder], row[cEvent], row[cSub] = k.disorder, k.event, k.sub
	row[cDate], row[cYear] = g.date, g.year
	row[cISO], row[cRegion], row[cCountry] = countryISO[c], regions[c], countryNames[c]
	row[cAdmin1], row[cAdmin2], row[cLocation] = t.admin1, t.admin2, t.name
	row[cAdmin3] = ""
	if c == pk {
		row[cAdmin3] = t.name
	}

	// Precision and coordinates.
	tp := precision(r)
	gp := precision(r)
	row[cTimePrec], row[cGeoPrec] = precNames[tp], precNames[gp]
	lat, lon := t.lat, t.lon
	switch {
	case gp == 1 && r.chance(0.5):
		lat += (r.float() - 0.5) * 0.03
		lon += (r.float() - 0.5) * 0.03
	case gp == 2:
		lat += (r.float() - 0.5) * 0.12
		lon += (r.float() - 0.5) * 0.12
	}
	row[cLat], row[cLon] = coord(lat), coord(lon)

	// Fatalities.
	f := 0
	if !r.chance(k.p0) {
		f = 1 + int(k.scale*(math.Pow(1-r.float(), -0.7)-1))
		if f > 400 {
			f = 400
		}
	}
	row[cFatalities] = strconv.Itoa(f)

	row[cTags], g.crowd = "", ""
	if k.event == pro || k.event == rio {
		g.crowd = crowdSizes[r.intn(len(crowdSizes))]
		row[cTags] = crowdTags[g.crowd]
	}
	row[cNotes] = g.note(k, t, a1, a2, tp, f)
	row[cSource] = g.source()
	row[cScale] = sourceScales[r.intn(len(sourceScales))]
	row[cID] = countryIDs[c] + strconv.Itoa(g.n-i+1000)
	ts := int64(g.day)*86400 + int64(86400*(1+r.intn(21))) + int64(r.intn(86400))
	row[cTimestamp] = strconv.FormatInt(ts, 10)
}

var precNames = [...]string{"", "1", "2", "3"}

// crowdTags maps a crowd size to its tags value.
var crowdTags = map[string]string{}

func init() {
	for _, s := range crowdSizes {
		crowdTags[s] = "crowd size=" + s
	}
}

// precision draws a precision code: 1 (80%), 2 (15%) or 3 (5%).
func precision(r *rng) int {
	u := r.float()
	switch {
	case u < 0.8:
		return 1
	case u < 0.95:
		return 2
	}
	return 3
}

// coord formats a coordinate with at most 4 decimals, as ACLED does.
func coord(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}

// draw returns an actor of role for country c; other is actor1 when
// drawing actor2.
func (g *generator) draw(c uint8, role uint8, other *actor) *actor {
	r := &g.r
	switch role {
	case roleState:
		return statePool[c].draw(r)
	case roleArmed:
		return g.armed(c)
	case roleStateArm:
		if r.chance(0.6) {
			return statePool[c].draw(r)
		}
		return g.armed(c)
	case roleOpponent:
		if other != nil && other.inter[g.era] == interState && r.chance(0.85) {
			return g.armed(c)
		}
		if other != nil && other.inter[g.era] == interState {
			return externalPool[c].draw(r)
		}
		return statePool[c].draw(r)
	case roleStrike:
		if r.chance(0.25) {
			return externalPool[c].draw(r)
		}
		return strikePool[c].draw(r)
	case roleTarget:
		switch {
		case other != nil && other.inter[g.era] == interState:
			if r.chance(0.6) {
				return g.armed(c)
			}
		case r.chance(0.55):
			return statePool[c].draw(r)
		}
		return &civilians[c]
	case roleCivilians:
		return &civilians[c]
	case roleProtesters:
		return &protesters[c]
	case roleRioters:
		return &rioters[c]
	case rolePolice:
		return &policeActor[c]
	case roleGov:
		return &govActor[c]
	case roleGovOther:
		return &govForeign[c]
	}
	return g.armed(c)
}

// armed draws a non-state armed actor (the Taliban count as one only
// before August 2021).
func (g *generator) armed(c uint8) *actor {
	for {
		if a := armedPool[c].draw(&g.r); a.inter[g.era] != interState {
			return a
		}
	}
}

// assoc fills the associated-actor columns for about one row in ten.
func (g *generator) assoc(c uint8, k *kind, a1, a2 *actor) {
	r := &g.r
	switch {
	case k.a1 == roleProtesters || k.a1 == roleRioters:
		if r.chance(0.25) {
			g.row[cAssoc1] = g.assocList(protestAssoc[c][:])
		}
	case a2 != nil && a2.inter[g.era] == interCivilians:
		if r.chance(0.15) {
			g.row[cAssoc2] = g.assocList(victimAssoc[c][:])
		}
	case a1.inter[g.era] != interState && r.chance(0.06):
		if b := g.armed(c); b.name[g.era] != a1.name[g.era] {
			g.row[cAssoc1] = b.name[g.era]
		}
	}
}

// assocList returns one name from list, or two joined by ACLED's "; ".
func (g *generator) assocList(list []string) string {
	a := list[g.r.intn(len(list))]
	if g.r.chance(0.25) {
		if b := list[g.r.intn(len(list))]; b != a {
			return a + "; " + b
		}
	}
	return a
}

// source returns one to three synthetic source names joined by "; ".
func (g *generator) source() string {
	r := &g.r
	b := g.buf[:0]
	n := 1 + r.intn(3)
	first := r.intn(len(sourceNames))
	for j := 0; j < n; j++ {
		if j > 0 {
			b = append(b, "; "...)
		}
		b = append(b, sourceNames[(first+j*5)%len(sourceNames)]...)
	}
	g.buf = b
	return string(b)
}
