// Package gazetteer finds places by name and names places by position,
// offline, from an embedded extract of GeoNames: every populated place of
// the frontier region (lon 55–82 E, lat 20–42 N) with its alternate names
// in many scripts, and the world's places of 100,000 people or more and
// capitals. Names are matched after Fold, which ignores case, diacritics
// and the usual spelling variants of Arabic-script (Urdu, Pashto, Dari,
// Arabic) names.
//
// Place names: GeoNames (geonames.org), CC BY 4.0; the data was filtered
// and re-formatted (see cmd/gazetteer).
package gazetteer

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// Place is one GeoNames populated place.
type Place struct {
	ID          int64    // GeoNames geonameid
	Name        string   // the name in local Latin spelling, e.g. "Khōst"
	ASCIIName   string   // the name in plain ASCII, e.g. "Khost"
	AltNames    []string // other names and spellings, in many scripts
	Lat, Lon    float64  // WGS84 degrees
	FeatureCode string   // GeoNames feature code: PPL, PPLA, PPLC, …
	Country     string   // ISO 3166-1 alpha-2 code, e.g. "AF"
	Admin1      string   // the first-level division's name, e.g. "Khowst"
	Population  int64    // 0 where GeoNames has none (many district seats)
}

// MatchKind says how closely a name matched a query, best first.
type MatchKind uint8

// Match kinds, from the closest.
const (
	// Exact: the whole name is the query.
	Exact MatchKind = iota
	// Word: the query is one or more whole words of the name
	// ("sharif" in "Mazar-e Sharif").
	Word
	// Prefix: the name starts with the query ("kand" in "Kandahar").
	Prefix
	// WordPrefix: a later word of the name starts with the query.
	WordPrefix
)

// String names the kind.
func (k MatchKind) String() string {
	switch k {
	case Exact:
		return "exact"
	case Word:
		return "word"
	case Prefix:
		return "prefix"
	case WordPrefix:
		return "word prefix"
	}
	return "unknown"
}

// Match is a place found by name.
type Match struct {
	// Place is the gazetteer's own record; do not modify it.
	Place *Place
	// Name is the name or alternate name that matched, as written.
	Name string
	// Kind is how closely Name matched.
	Kind MatchKind
	// Others counts, for Lookup, the other places that matched as well
	// (in the hinted country); Lookup chose this one.
	Others int
}

// entry is one searchable key of a place: a folded name, or the part of
// one that starts at a later word.
type entry struct {
	key   string
	place int32
	name  int32 // -2 the name, -1 the ASCII name, else an AltNames index
	word  bool  // key starts at a later word of the name
}

// Gazetteer is a searchable set of places. It is safe for concurrent use.
type Gazetteer struct {
	places    []Place
	index     []entry           // sorted by key
	countries map[string]string // folded name, ISO2 or ISO3 → ISO2
	near      []nearPlace       // places Nearest considers
}

// New indexes places and countries for searching. The gazetteer keeps
// places; the caller must not modify them afterwards.
func New(places []Place, countries []Country) *Gazetteer {
	g := &Gazetteer{places: places, countries: map[string]string{}}
	for _, c := range countries {
		for _, k := range []string{c.ISO2, c.ISO3, c.Name} {
			if f := Fold(k); f != "" {
				if _, dup := g.countries[f]; !dup {
					g.countries[f] = c.ISO2
				}
			}
		}
	}
	n := 0
	for i := range places {
		n += 2 + len(places[i].AltNames)
	}
	g.index = make([]entry, 0, n*3/2)
	var keys []string
	for i := range places {
		p := &places[i]
		keys = keys[:0]
		add := func(name string, idx int32) {
			k := Fold(name)
			if k == "" || slices.Contains(keys, k) {
				return
			}
			keys = append(keys, k)
			g.index = append(g.index, entry{key: k, place: int32(i), name: idx})
			for j := 0; j < len(k); j++ {
				if k[j] == ' ' {
					g.index = append(g.index, entry{key: k[j+1:], place: int32(i), name: idx, word: true})
				}
			}
		}
		add(p.Name, -2)
		add(p.ASCIIName, -1)
		for j, a := range p.AltNames {
			add(a, int32(j))
		}
	}
	slices.SortFunc(g.index, func(a, b entry) int {
		return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.place, b.place))
	})
	g.near = nearPlaces(places)
	return g
}

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// Place returns the i-th place (0 ≤ i < Len), most populous first in the
// embedded gazetteer.
func (g *Gazetteer) Place(i int) *Place { return &g.places[i] }

// nameOf is the name an entry indexes, as written.
func (g *Gazetteer) nameOf(e entry) string {
	p := &g.places[e.place]
	switch e.name {
	case -2:
		return p.Name
	case -1:
		return p.ASCIIName
	}
	return p.AltNames[e.name]
}

// kindOf is how e matches the folded query q, which prefixes e.key.
func kindOf(e entry, q string) MatchKind {
	boundary := len(e.key) == len(q) || e.key[len(q)] == ' '
	switch {
	case !e.word && len(e.key) == len(q):
		return Exact
	case boundary:
		return Word
	case !e.word:
		return Prefix
	}
	return WordPrefix
}

// candidate is the best entry of one place for a query.
type candidate struct {
	e    entry
	kind MatchKind
}

// better reports whether a ranks before b: closer match, then the place's
// own name before an alternate one.
func better(a, b candidate) bool {
	if a.kind != b.kind {
		return a.kind < b.kind
	}
	return (a.e.name < 0) && (b.e.name >= 0)
}

// candidates returns the best entry of each place with a name that
// matches the folded query q, in no particular order.
func (g *Gazetteer) candidates(q string, exactOnly bool) []candidate {
	lo := sort.Search(len(g.index), func(i int) bool { return g.index[i].key >= q })
	var out []candidate
	at := map[int32]int{}
	for i := lo; i < len(g.index) && strings.HasPrefix(g.index[i].key, q); i++ {
		e := g.index[i]
		c := candidate{e, kindOf(e, q)}
		if exactOnly && c.kind != Exact {
			continue
		}
		if j, seen := at[e.place]; seen {
			if better(c, out[j]) {
				out[j] = c
			}
			continue
		}
		at[e.place] = len(out)
		out = append(out, c)
	}
	return out
}

// Search finds places whose name, ASCII name or an alternate name starts
// with query or has it as a whole word, after Fold. Matches come closest
// first (Exact, Word, Prefix, WordPrefix), then most populous, then those
// matched by their own name; at most limit of them (all when limit ≤ 0).
func (g *Gazetteer) Search(query string, limit int) []Match {
	q := Fold(query)
	if q == "" {
		return nil
	}
	cands := g.candidates(q, false)
	slices.SortFunc(cands, func(a, b candidate) int {
		pa, pb := &g.places[a.e.place], &g.places[b.e.place]
		return cmp.Or(
			cmp.Compare(a.kind, b.kind),
			cmp.Compare(pb.Population, pa.Population),
			cmp.Compare(min(a.e.name, 0), min(b.e.name, 0)),
			cmp.Compare(featureRank(pa.FeatureCode), featureRank(pb.FeatureCode)),
			cmp.Compare(pa.ID, pb.ID))
	})
	if limit > 0 && len(cands) > limit {
		cands = cands[:limit]
	}
	out := make([]Match, len(cands))
	for i, c := range cands {
		out[i] = Match{Place: &g.places[c.e.place], Name: g.nameOf(c.e), Kind: c.kind}
	}
	return out
}

// featureRank orders feature codes for choosing between places of the
// same name: capitals, then seats of larger divisions, then other
// places; abandoned, historical and destroyed places last.
func featureRank(code string) int {
	switch code {
	case "PPLC":
		return 0
	case "PPLA", "PPLG":
		return 1
	case "PPLA2":
		return 2
	case "PPLA3":
		return 3
	case "PPLA4":
		return 4
	case "PPL":
		return 5
	case "PPLQ", "PPLH", "PPLW":
		return 9
	}
	return 6
}

// CountryCode returns the ISO 3166-1 alpha-2 code of a country given by
// name ("Pakistan"), alpha-2 ("PK") or alpha-3 ("PAK") code, after Fold;
// "" when the gazetteer does not know it.
func (g *Gazetteer) CountryCode(country string) string {
	return g.countries[Fold(country)]
}

// Lookup returns the one place a location name in imported data most
// likely means: a place whose own, ASCII or alternate name is the whole of
// name after Fold. When countryHint names a known country (by name or
// ISO code) only places there count; an unknown hint is ignored. "Town,
// Province" is tried as Town with the province preferred when the whole
// name is not found; a trailing " city" or " town" is dropped the same
// way. Among several places, the one matched by its own name, then the
// most populous, then the higher administrative seat wins; Match.Others
// counts the rest. ok is false when no place has that name.
func (g *Gazetteer) Lookup(name, countryHint string) (m Match, ok bool) {
	cc := g.CountryCode(countryHint)
	q := Fold(name)
	if q == "" {
		return Match{}, false
	}
	if m, ok := g.lookup(q, cc, nil); ok {
		return m, true
	}
	var hints []string
	first := q
	if parts := strings.Split(name, ","); len(parts) > 1 {
		first = Fold(parts[0])
		for _, p := range parts[1:] {
			f := Fold(p)
			if code := g.countries[f]; code != "" && cc == "" {
				cc = code
				continue
			}
			hints = append(hints, f)
		}
	}
	for _, suffix := range []string{"", " city", " town"} {
		if suffix != "" && !strings.HasSuffix(first, suffix) {
			continue
		}
		if m, ok := g.lookup(strings.TrimSuffix(first, suffix), cc, hints); ok {
			return m, true
		}
	}
	return Match{}, false
}

// lookup picks the best exact match of the folded q in country cc (any
// when ""), preferring places whose admin-1 name is among hints.
func (g *Gazetteer) lookup(q, cc string, hints []string) (Match, bool) {
	if q == "" {
		return Match{}, false
	}
	cands := g.candidates(q, true)
	if cc != "" {
		cands = slices.DeleteFunc(cands, func(c candidate) bool { return g.places[c.e.place].Country != cc })
	}
	if len(cands) == 0 {
		return Match{}, false
	}
	inHints := func(p *Place) int {
		if len(hints) > 0 && slices.Contains(hints, Fold(p.Admin1)) {
			return 0
		}
		return 1
	}
	best := slices.MinFunc(cands, func(a, b candidate) int {
		pa, pb := &g.places[a.e.place], &g.places[b.e.place]
		return cmp.Or(
			cmp.Compare(historic(pa), historic(pb)),
			cmp.Compare(inHints(pa), inHints(pb)),
			cmp.Compare(min(a.e.name, 0), min(b.e.name, 0)),
			cmp.Compare(pb.Population, pa.Population),
			cmp.Compare(featureRank(pa.FeatureCode), featureRank(pb.FeatureCode)),
			cmp.Compare(pa.ID, pb.ID))
	})
	return Match{Place: &g.places[best.e.place], Name: g.nameOf(best.e), Kind: Exact, Others: len(cands) - 1}, true
}

// historic is 1 for abandoned, historical or destroyed places, else 0.
func historic(p *Place) int {
	if featureRank(p.FeatureCode) == 9 {
		return 1
	}
	return 0
}
