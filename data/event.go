package data

import (
	"fmt"
	"strings"
	"time"
)

// DatePrecision says how exactly an event's date is known.
type DatePrecision uint8

// The date precisions. They follow ACLED's time_precision (1 day, 2 week,
// 3 month) and extend it with a year and an explicit start–end span.
const (
	PrecUnknown DatePrecision = iota
	PrecDay
	PrecWeek
	PrecMonth
	PrecYear
	PrecSpan
)

// String returns the precision's lower-case name.
func (p DatePrecision) String() string {
	switch p {
	case PrecDay:
		return "day"
	case PrecWeek:
		return "week"
	case PrecMonth:
		return "month"
	case PrecYear:
		return "year"
	case PrecSpan:
		return "span"
	}
	return "unknown"
}

// parsePrecision reads a precision name as String writes it.
func parsePrecision(s string) (DatePrecision, bool) {
	for p := PrecDay; p <= PrecSpan; p++ {
		if strings.EqualFold(s, p.String()) {
			return p, true
		}
	}
	return PrecUnknown, false
}

// Event is one geotagged event with everything ACLED and UCDP carry that a
// user filters on or reads. Multi-valued fields keep the source's order.
type Event struct {
	// ID is the store's own stable identifier (0 until stored).
	ID uint64
	// Dataset names the source, e.g. "ACLED", "UCDP" or "SAMPLE".
	Dataset string
	// SourceID is the event's identifier in its dataset (ACLED event_id_cnty).
	SourceID string

	// Date is the (start) day in UTC; DateEnd is the last day of a span, or
	// equal to Date for single-day events.
	Date, DateEnd time.Time
	// DatePrecision says how exactly Date is known.
	DatePrecision DatePrecision

	// Lat and Lon are WGS84 degrees.
	Lat, Lon float64
	// GeoPrecision is ACLED's geo_precision (1 town, 2 near/district,
	// 3 province) or UCDP's where_prec; 0 when unknown.
	GeoPrecision uint8

	Location, Admin1, Admin2, Admin3 string
	Country, Region                  string
	// ISO is the numeric ISO 3166-1 code as the source writes it ("586");
	// ISO3 the alpha-3 code ("PAK") when known.
	ISO, ISO3 string

	EventType, SubEventType, DisorderType string

	Actor1, Actor2 string
	// Assoc1 and Assoc2 are the actors associated with Actor1 and Actor2.
	Assoc1, Assoc2 []string
	// Inter1, Inter2 and Interaction are ACLED's actor-type codes, kept as
	// written (numeric in older exports, text since 2023).
	Inter1, Inter2, Interaction string
	// CivilianTargeting is ACLED's civilian_targeting ("Civilian targeting"
	// or empty).
	CivilianTargeting string

	Fatalities int32

	Notes, Source, SourceScale string
	// Tags are the source's own tags (ACLED's tags column).
	Tags []string
	// UserTags are the user's tags (collections such as "Bajaur wave").
	// They are kept apart from the source's record, so a re-import never
	// touches them; Store.EventByID fills them in, Store.Event does not.
	UserTags []string
	// Updated is the source's last-updated time (ACLED timestamp).
	Updated time.Time
}

// eachActorInter calls fn with every actor name the event gives —
// actor1, actor2, then the actors associated with each — with the inter
// code of its side, leaving out empty names and stopping at the first
// error.
func (e *Event) eachActorInter(fn func(name, inter string) error) error {
	call := func(name, inter string) error {
		if name == "" {
			return nil
		}
		return fn(name, inter)
	}
	if err := call(e.Actor1, e.Inter1); err != nil {
		return err
	}
	if err := call(e.Actor2, e.Inter2); err != nil {
		return err
	}
	for _, a := range e.Assoc1 {
		if err := call(a, e.Inter1); err != nil {
			return err
		}
	}
	for _, a := range e.Assoc2 {
		if err := call(a, e.Inter2); err != nil {
			return err
		}
	}
	return nil
}

// Actors returns every actor named by the event (actor1, actor2 and the
// associated actors), without empty names or repeats.
func (e *Event) Actors() []string {
	out := make([]string, 0, 2+len(e.Assoc1)+len(e.Assoc2))
	add := func(s string) {
		if s == "" {
			return
		}
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	add(e.Actor1)
	add(e.Actor2)
	for _, a := range e.Assoc1 {
		add(a)
	}
	for _, a := range e.Assoc2 {
		add(a)
	}
	return out
}

// Validate checks the fields a stored event must have.
func (e *Event) Validate() error {
	switch {
	case e.Dataset == "":
		return fmt.Errorf("no dataset")
	case e.SourceID == "":
		return fmt.Errorf("no event ID")
	case len(e.SourceID) > MaxIDLen || len(e.Dataset) > MaxIDLen:
		return fmt.Errorf("event ID or dataset name longer than %d bytes", MaxIDLen)
	case e.Date.IsZero():
		return fmt.Errorf("no date")
	case e.Lat < -90 || e.Lat > 90 || e.Lat != e.Lat:
		return fmt.Errorf("latitude %v out of range -90..90", e.Lat)
	case e.Lon < -180 || e.Lon > 180 || e.Lon != e.Lon:
		return fmt.Errorf("longitude %v out of range -180..180", e.Lon)
	case !e.DateEnd.IsZero() && e.DateEnd.Before(e.Date):
		return fmt.Errorf("end date %s before start %s", e.DateEnd.Format(DateLayout), e.Date.Format(DateLayout))
	}
	return nil
}

// LocalDataset is the dataset of events entered by hand.
const LocalDataset = "LOCAL"

// MaxIDLen bounds the length of a dataset name and of a source event ID.
const MaxIDLen = 1024

// DateLayout is the ISO day layout used across Frontier.
const DateLayout = "2006-01-02"

// SplitList splits an ACLED multi-value field ("A; B; C") into its trimmed,
// non-empty parts.
func SplitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, ";")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// JoinList is the inverse of SplitList.
func JoinList(l []string) string { return strings.Join(l, "; ") }

// Actor is a first-class actor: a name, its type (ACLED inter code text) and
// a colour. Colour is zero when the user has not set one; ActorColor then
// derives a stable one from the name.
type Actor struct {
	Name  string
	Type  string
	Color RGB
}

// RGB is an opaque 24-bit colour; the zero value means "not set".
type RGB struct{ R, G, B uint8 }

// IsZero reports whether the colour is unset.
func (c RGB) IsZero() bool { return c == RGB{} }

// Hex returns the colour as "#rrggbb".
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// ParseRGB reads "#rrggbb" or "rrggbb".
func ParseRGB(s string) (RGB, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	var c RGB
	if len(s) != 6 {
		return c, fmt.Errorf("colour %q: want #RRGGBB", s)
	}
	if _, err := fmt.Sscanf(s, "%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		return c, fmt.Errorf("colour %q: want #RRGGBB", s)
	}
	return c, nil
}

// Palette is a colour-blind-safe qualitative palette (Okabe–Ito followed by
// Paul Tol's muted scheme) used for actors without a colour of their own.
var Palette = []RGB{
	{0xE6, 0x9F, 0x00}, {0x56, 0xB4, 0xE9}, {0x00, 0x9E, 0x73}, {0xF0, 0xE4, 0x42},
	{0x00, 0x72, 0xB2}, {0xD5, 0x5E, 0x00}, {0xCC, 0x79, 0xA7}, {0x33, 0x22, 0x88},
	{0x88, 0xCC, 0xEE}, {0x44, 0xAA, 0x99}, {0x11, 0x77, 0x33}, {0x99, 0x99, 0x33},
	{0xDD, 0xCC, 0x77}, {0xCC, 0x66, 0x77}, {0x88, 0x22, 0x55}, {0xAA, 0x44, 0x99},
}

// ActorColor returns the actor's own colour, or a stable palette colour
// chosen from a hash of its name.
func ActorColor(a Actor) RGB {
	if !a.Color.IsZero() {
		return a.Color
	}
	return Palette[fnv32(a.Name)%uint32(len(Palette))]
}

func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
