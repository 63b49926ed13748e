package data

import (
	"slices"
	"strconv"
	"strings"
)

// fieldSpec is one event field as history, merges and the form name it.
type fieldSpec struct {
	name  string
	group string // the merge choice it belongs to
	get   func(e *Event) string
	copy  func(dst, src *Event)
}

func dayText(e *Event, end bool) string {
	t := e.Date
	if end {
		t = e.DateEnd
		if t.IsZero() {
			t = e.Date
		}
	}
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

func floatText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// eventFields lists every field a user can see change, in display order.
var eventFields = []fieldSpec{
	{"date", "date", func(e *Event) string { return dayText(e, false) }, func(d, s *Event) { d.Date = s.Date }},
	{"date_end", "date", func(e *Event) string { return dayText(e, true) }, func(d, s *Event) { d.DateEnd = s.DateEnd }},
	{"precision", "date", func(e *Event) string { return e.DatePrecision.String() }, func(d, s *Event) { d.DatePrecision = s.DatePrecision }},
	{"lat", "position", func(e *Event) string { return floatText(e.Lat) }, func(d, s *Event) { d.Lat = s.Lat }},
	{"lon", "position", func(e *Event) string { return floatText(e.Lon) }, func(d, s *Event) { d.Lon = s.Lon }},
	{"geo_precision", "position", func(e *Event) string { return strconv.Itoa(int(e.GeoPrecision)) }, func(d, s *Event) { d.GeoPrecision = s.GeoPrecision }},
	{"location", "location", func(e *Event) string { return e.Location }, func(d, s *Event) { d.Location = s.Location }},
	{"admin1", "location", func(e *Event) string { return e.Admin1 }, func(d, s *Event) { d.Admin1 = s.Admin1 }},
	{"admin2", "location", func(e *Event) string { return e.Admin2 }, func(d, s *Event) { d.Admin2 = s.Admin2 }},
	{"admin3", "location", func(e *Event) string { return e.Admin3 }, func(d, s *Event) { d.Admin3 = s.Admin3 }},
	{"country", "location", func(e *Event) string { return e.Country }, func(d, s *Event) { d.Country = s.Country }},
	{"region", "location", func(e *Event) string { return e.Region }, func(d, s *Event) { d.Region = s.Region }},
	{"iso", "location", func(e *Event) string { return e.ISO }, func(d, s *Event) { d.ISO = s.ISO }},
	{"iso3", "location", func(e *Event) string { return e.ISO3 }, func(d, s *Event) { d.ISO3 = s.ISO3 }},
	{"event_type", "type", func(e *Event) string { return e.EventType }, func(d, s *Event) { d.EventType = s.EventType }},
	{"sub_event_type", "type", func(e *Event) string { return e.SubEventType }, func(d, s *Event) { d.SubEventType = s.SubEventType }},
	{"disorder_type", "type", func(e *Event) string { return e.DisorderType }, func(d, s *Event) { d.DisorderType = s.DisorderType }},
	{"actor1", "actor1", func(e *Event) string { return e.Actor1 }, func(d, s *Event) { d.Actor1 = s.Actor1 }},
	{"assoc_actor_1", "actor1", func(e *Event) string { return JoinList(e.Assoc1) }, func(d, s *Event) { d.Assoc1 = slices.Clone(s.Assoc1) }},
	{"inter1", "actor1", func(e *Event) string { return e.Inter1 }, func(d, s *Event) { d.Inter1 = s.Inter1 }},
	{"actor2", "actor2", func(e *Event) string { return e.Actor2 }, func(d, s *Event) { d.Actor2 = s.Actor2 }},
	{"assoc_actor_2", "actor2", func(e *Event) string { return JoinList(e.Assoc2) }, func(d, s *Event) { d.Assoc2 = slices.Clone(s.Assoc2) }},
	{"inter2", "actor2", func(e *Event) string { return e.Inter2 }, func(d, s *Event) { d.Inter2 = s.Inter2 }},
	{"interaction", "actor2", func(e *Event) string { return e.Interaction }, func(d, s *Event) { d.Interaction = s.Interaction }},
	{"civilian_targeting", "fatalities", func(e *Event) string { return e.CivilianTargeting }, func(d, s *Event) { d.CivilianTargeting = s.CivilianTargeting }},
	{"fatalities", "fatalities", func(e *Event) string { return strconv.Itoa(int(e.Fatalities)) }, func(d, s *Event) { d.Fatalities = s.Fatalities }},
	{"notes", "notes", func(e *Event) string { return e.Notes }, func(d, s *Event) { d.Notes = s.Notes }},
	{"source", "source", func(e *Event) string { return e.Source }, func(d, s *Event) { d.Source = s.Source }},
	{"source_scale", "source", func(e *Event) string { return e.SourceScale }, func(d, s *Event) { d.SourceScale = s.SourceScale }},
	{"source_tags", "source", func(e *Event) string { return JoinList(e.Tags) }, func(d, s *Event) { d.Tags = slices.Clone(s.Tags) }},
	{"tags", "tags", func(e *Event) string { return JoinList(e.UserTags) }, func(d, s *Event) { d.UserTags = slices.Clone(s.UserTags) }},
}

// MergeFields are the field groups a merge of duplicates chooses between,
// in display order: "date" (date, end, precision), "position" (lat, lon,
// geo precision), "location" (place names and codes), "type" (event,
// sub-event and disorder type), "actor1" and "actor2" (each with its
// associated actors and inter code), "fatalities", "notes", "source"
// (source, scale and the source's tags). The user's tags are always
// united.
var MergeFields = mergeFieldNames()

func mergeFieldNames() []string {
	var out []string
	for _, f := range eventFields {
		if f.group != "tags" && !slices.Contains(out, f.group) {
			out = append(out, f.group)
		}
	}
	return out
}

// FieldText returns the text of one field of e, by the name history
// entries use ("lat", "actor1", "notes", …), or of a merge group (its
// fields' non-empty texts joined by " | "). Unknown names give "".
func FieldText(e *Event, name string) string {
	var parts []string
	for _, f := range eventFields {
		if f.name == name {
			return f.get(e)
		}
		if f.group == name {
			if v := f.get(e); v != "" && v != "0" {
				parts = append(parts, v)
			}
		}
	}
	return strings.Join(parts, " | ")
}

// diffEvents lists the fields that differ between a and b (a may be nil:
// every non-empty field of b is listed).
func diffEvents(a, b *Event) []FieldChange {
	var out []FieldChange
	for _, f := range eventFields {
		nv := f.get(b)
		ov := ""
		if a != nil {
			ov = f.get(a)
		}
		if ov != nv && !(a == nil && (nv == "" || nv == "0" || nv == "unknown")) {
			out = append(out, FieldChange{Field: f.name, Old: ov, New: nv})
		}
	}
	return out
}

// copyGroup copies the fields of merge group g from src to dst; it reports
// whether g is a merge group.
func copyGroup(dst, src *Event, g string) bool {
	found := false
	for _, f := range eventFields {
		if f.group == g {
			f.copy(dst, src)
			found = true
		}
	}
	return found
}

// cloneEvent returns a deep copy of e.
func cloneEvent(e *Event) *Event {
	c := *e
	c.Assoc1 = slices.Clone(e.Assoc1)
	c.Assoc2 = slices.Clone(e.Assoc2)
	c.Tags = slices.Clone(e.Tags)
	c.UserTags = slices.Clone(e.UserTags)
	return &c
}
