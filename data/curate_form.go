package data

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// FieldError is a problem with one field of an event, named as the event
// form names its fields ("date", "lat", "fatalities", …).
type FieldError struct {
	Field, Reason string
}

// Error formats the error as "field: reason".
func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// FormError lists the problems of an event form, one per field, in form
// order.
type FormError []FieldError

// Error joins the problems with "; ".
func (e FormError) Error() string {
	parts := make([]string, len(e))
	for i, f := range e {
		parts[i] = f.Error()
	}
	return strings.Join(parts, "; ")
}

// Reason returns the problem of one field ("" when it has none), for the
// message shown next to it.
func (e FormError) Reason(field string) string {
	for _, f := range e {
		if f.Field == field {
			return f.Reason
		}
	}
	return ""
}

// Form field names, as FieldError.Field names them.
const (
	FieldDate         = "date"
	FieldDateEnd      = "date_end"
	FieldPrecision    = "precision"
	FieldLat          = "lat"
	FieldLon          = "lon"
	FieldMGRS         = "mgrs"
	FieldLocation     = "location"
	FieldAdmin1       = "admin1"
	FieldAdmin2       = "admin2"
	FieldCountry      = "country"
	FieldEventType    = "event_type"
	FieldSubEventType = "sub_event_type"
	FieldActor1       = "actor1"
	FieldActor2       = "actor2"
	FieldAssoc1       = "assoc_actor_1"
	FieldAssoc2       = "assoc_actor_2"
	FieldFatalities   = "fatalities"
	FieldNotes        = "notes"
	FieldSource       = "source"
	FieldTags         = "tags"
)

// Limits of the event form.
const (
	// MaxTextLen bounds notes and source.
	MaxTextLen = 1 << 16
	// MaxTagLen bounds one tag.
	MaxTagLen = 100
)

// EventForm is the event form as typed: every field a string. Position is
// Lat and Lon (decimal degrees, optionally with a hemisphere letter:
// "34.5", "-71.2", "34.5N", "71.2° E") or MGRS, not both. Precision is
// day, week, month, year or span (empty: day, or span when DateEnd is
// given); a month may be typed as "2024-03" or "March 2024", a year as
// "2024". Assoc1, Assoc2 and the source's lists are "; "-separated, Tags
// comma- or semicolon-separated.
type EventForm struct {
	Date, DateEnd, Precision          string
	Lat, Lon, MGRS                    string
	Location, Admin1, Admin2, Country string
	EventType, SubEventType           string
	Actor1, Actor2, Assoc1, Assoc2    string
	Fatalities                        string
	Notes, Source                     string
	Tags                              string
}

// FormOf returns the form showing event e, for editing it.
func FormOf(e *Event) EventForm {
	f := EventForm{
		Date: dayText(e, false), Lat: floatText(e.Lat), Lon: floatText(e.Lon),
		Location: e.Location, Admin1: e.Admin1, Admin2: e.Admin2, Country: e.Country,
		EventType: e.EventType, SubEventType: e.SubEventType,
		Actor1: e.Actor1, Actor2: e.Actor2, Assoc1: JoinList(e.Assoc1), Assoc2: JoinList(e.Assoc2),
		Fatalities: strconv.Itoa(int(e.Fatalities)), Notes: e.Notes, Source: e.Source,
		Tags: strings.Join(e.UserTags, ", "),
	}
	if e.DatePrecision != PrecUnknown {
		f.Precision = e.DatePrecision.String()
	}
	if e.DatePrecision == PrecSpan {
		f.DateEnd = dayText(e, true)
	}
	return f
}

// ParseEventForm checks a form for a new event and returns the event, or
// a FormError naming every field at fault. Nothing is half-filled: on
// error the event is nil.
func ParseEventForm(f EventForm) (*Event, error) { return f.ApplyTo(nil) }

// ApplyTo returns a copy of base (nil: a new event) with the form's fields
// set, or a FormError. Fields the form does not show (the source ID,
// Admin3, inter codes, …) keep base's values.
func (f EventForm) ApplyTo(base *Event) (*Event, error) {
	e := &Event{}
	if base != nil {
		e = cloneEvent(base)
	}
	var errs FormError
	bad := func(field, format string, args ...any) {
		if errs.Reason(field) == "" {
			errs = append(errs, FieldError{field, fmt.Sprintf(format, args...)})
		}
	}
	f.parseDates(e, bad)
	f.parsePosition(e, bad)
	text := func(field, v string, limit int, multiline bool) string {
		v = strings.TrimSpace(v)
		switch {
		case !utf8.ValidString(v):
			bad(field, "is not valid UTF-8 text")
		case len(v) > limit:
			bad(field, "is longer than %d bytes", limit)
		case strings.ContainsFunc(v, func(r rune) bool {
			return unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\t' || r == '\r'))
		}):
			bad(field, "contains control characters")
		}
		return v
	}
	e.Location = text(FieldLocation, f.Location, MaxIDLen, false)
	e.Admin1 = text(FieldAdmin1, f.Admin1, MaxIDLen, false)
	e.Admin2 = text(FieldAdmin2, f.Admin2, MaxIDLen, false)
	e.Country = text(FieldCountry, f.Country, MaxIDLen, false)
	e.EventType = canonicalVocab(text(FieldEventType, f.EventType, MaxIDLen, false))
	e.SubEventType = canonicalVocab(text(FieldSubEventType, f.SubEventType, MaxIDLen, false))
	disorder := disorderOf(e.EventType)
	if parent, d := EventTypeOf(e.SubEventType); parent != "" {
		switch {
		case e.EventType == "":
			e.EventType, disorder = parent, d
		case !strings.EqualFold(e.EventType, parent) && isACLEDType(e.EventType):
			bad(FieldSubEventType, "%q is a sub-event type of %s, not of %s", e.SubEventType, parent, e.EventType)
		}
	}
	// The disorder type follows a changed type; an unchanged one keeps the
	// source's (which may be a combination the vocabulary does not list).
	if base == nil || base.EventType != e.EventType || base.SubEventType != e.SubEventType {
		e.DisorderType = disorder
	}
	if e.EventType == "" {
		bad(FieldEventType, "required (e.g. Battles, or any type of your own)")
	}
	e.Actor1 = text(FieldActor1, f.Actor1, MaxIDLen, false)
	e.Actor2 = text(FieldActor2, f.Actor2, MaxIDLen, false)
	e.Assoc1 = SplitList(text(FieldAssoc1, f.Assoc1, MaxTextLen, false))
	e.Assoc2 = SplitList(text(FieldAssoc2, f.Assoc2, MaxTextLen, false))
	if fs := strings.TrimSpace(f.Fatalities); fs == "" {
		e.Fatalities = 0
	} else if n, err := strconv.ParseInt(fs, 10, 64); err != nil {
		bad(FieldFatalities, "%q is not a whole number", fs)
	} else if n < 0 {
		bad(FieldFatalities, "must be 0 or more")
	} else if n > math.MaxInt32 {
		bad(FieldFatalities, "%d is too large", n)
	} else {
		e.Fatalities = int32(n)
	}
	e.Notes = text(FieldNotes, f.Notes, MaxTextLen, true)
	e.Source = text(FieldSource, f.Source, MaxTextLen, false)
	if strings.Contains(e.Source, "://") && !strings.ContainsAny(e.Source, " ;") {
		if u, err := url.Parse(e.Source); err != nil || u.Host == "" {
			bad(FieldSource, "%q is not a valid URL", e.Source)
		}
	}
	e.UserTags = nil
	for _, t := range strings.FieldsFunc(text(FieldTags, f.Tags, MaxTextLen, false), func(r rune) bool { return r == ',' || r == ';' }) {
		if t = strings.TrimSpace(t); len(t) > MaxTagLen {
			bad(FieldTags, "a tag is longer than %d bytes", MaxTagLen)
		} else if t != "" {
			e.UserTags = append(e.UserTags, t)
		}
	}
	e.UserTags = normTags(e.UserTags)
	if len(errs) > 0 {
		return nil, errs
	}
	return e, nil
}

func isACLEDType(t string) bool {
	for _, x := range ACLEDEventTypes {
		if strings.EqualFold(x.Type, t) {
			return true
		}
	}
	return false
}

func disorderOf(eventType string) string {
	for _, x := range ACLEDEventTypes {
		if x.Type == eventType {
			return x.Disorder
		}
	}
	return ""
}

// parseDates reads the date, end date and precision into e.
func (f EventForm) parseDates(e *Event, bad func(field, format string, args ...any)) {
	prec := PrecDay
	ps := strings.TrimSpace(f.Precision)
	end := strings.TrimSpace(f.DateEnd)
	switch {
	case ps != "":
		p, ok := parsePrecision(ps)
		if !ok {
			bad(FieldPrecision, "%q is not day, week, month, year or span", ps)
			return
		}
		prec = p
	case end != "":
		prec = PrecSpan
	}
	ds := strings.TrimSpace(f.Date)
	if ds == "" {
		bad(FieldDate, "required")
		return
	}
	var d time.Time
	var err error
	switch prec {
	case PrecMonth:
		d, err = parseMonth(ds)
	case PrecYear:
		d, err = parseYear(ds)
	default:
		d, err = ParseDay(ds)
	}
	if err != nil {
		bad(FieldDate, "%v", err)
		return
	}
	e.Date, e.DateEnd, e.DatePrecision = d, d, prec
	if prec != PrecSpan {
		if end != "" {
			if t, err := ParseDay(end); err != nil || !t.Equal(d) {
				bad(FieldDateEnd, "only a span (precision span) has an end date")
			}
		}
		return
	}
	if end == "" {
		bad(FieldDateEnd, "a span needs an end date")
		return
	}
	t, err := ParseDay(end)
	switch {
	case err != nil:
		bad(FieldDateEnd, "%v", err)
	case t.Before(d):
		bad(FieldDateEnd, "%s is before the start %s", t.Format(DateLayout), d.Format(DateLayout))
	default:
		e.DateEnd = t
	}
}

// parseMonth reads "2024-03", "March 2024", "Mar 2024" or a day.
func parseMonth(s string) (time.Time, error) {
	for _, l := range []string{"2006-01", "January 2006", "Jan 2006", "01/2006"} {
		if t, err := time.Parse(l, s); err == nil {
			return checkYear(s, t)
		}
	}
	if t, err := ParseDay(s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a month (want e.g. 2024-03 or March 2024)", s)
}

// parseYear reads "2024" or a day.
func parseYear(s string) (time.Time, error) {
	if t, err := time.Parse("2006", s); err == nil {
		return checkYear(s, t)
	}
	if t, err := ParseDay(s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a year (want e.g. 2024)", s)
}

// parsePosition reads Lat and Lon, or MGRS, into e.
func (f EventForm) parsePosition(e *Event, bad func(field, format string, args ...any)) {
	lat, lon, ms := strings.TrimSpace(f.Lat), strings.TrimSpace(f.Lon), strings.TrimSpace(f.MGRS)
	if ms != "" {
		if lat != "" || lon != "" {
			bad(FieldMGRS, "give either MGRS or latitude and longitude, not both")
			return
		}
		x, y, err := ParseMGRS(ms)
		if err != nil {
			bad(FieldMGRS, "%v", err)
			return
		}
		e.Lat, e.Lon, e.GeoPrecision = y, x, 1
		return
	}
	if lat == "" && lon == "" {
		bad(FieldLat, "required: latitude and longitude, or an MGRS reference")
		return
	}
	var err error
	if e.Lat, err = ParseDegrees(lat, false); err != nil {
		bad(FieldLat, "%v", err)
	}
	if e.Lon, err = ParseDegrees(lon, true); err != nil {
		bad(FieldLon, "%v", err)
	}
	if e.GeoPrecision == 0 {
		e.GeoPrecision = 1
	}
}

// ParseDegrees reads a latitude (lon false: -90..90, hemisphere N or S) or
// longitude (-180..180, E or W) in decimal degrees: "34.25", "-71.5",
// "34.25N", "N 34.25", "71.5° W", "34,25" (decimal comma).
func ParseDegrees(s string, lon bool) (float64, error) {
	name, limit, pos, neg := "latitude", 90.0, "N", "S"
	if lon {
		name, limit, pos, neg = "longitude", 180.0, "E", "W"
	}
	t := strings.ToUpper(strings.TrimSpace(s))
	if t == "" {
		return 0, fmt.Errorf("required")
	}
	sign := 1.0
	for _, h := range []string{pos, neg} {
		if strings.HasPrefix(t, h) || strings.HasSuffix(t, h) {
			t = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, h), h))
			if h == neg {
				sign = -1
			}
			break
		}
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, "°"))
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(t, "xXpP_") {
		return 0, fmt.Errorf("%q is not a %s in decimal degrees", s, name)
	}
	if sign < 0 && v < 0 {
		return 0, fmt.Errorf("%q has both a minus sign and %s", s, neg)
	}
	v *= sign
	if v < -limit || v > limit {
		return 0, fmt.Errorf("%s %v out of range -%v..%v", name, v, limit, limit)
	}
	return v, nil
}

// ValidateEvent checks an event about to be stored by a curation change
// and names the fields at fault.
func ValidateEvent(e *Event) error {
	var errs FormError
	bad := func(field, format string, args ...any) {
		errs = append(errs, FieldError{field, fmt.Sprintf(format, args...)})
	}
	if e.Date.IsZero() {
		bad(FieldDate, "required")
	} else if y := e.Date.Year(); y < 1800 || y > 2200 {
		bad(FieldDate, "year %d out of range 1800..2200", y)
	}
	if !e.DateEnd.IsZero() && e.DateEnd.Before(e.Date) {
		bad(FieldDateEnd, "%s is before the start %s", e.DateEnd.Format(DateLayout), e.Date.Format(DateLayout))
	}
	if e.DatePrecision > PrecSpan {
		bad(FieldPrecision, "unknown precision %d", e.DatePrecision)
	}
	if !(e.Lat >= -90 && e.Lat <= 90) {
		bad(FieldLat, "%v out of range -90..90", e.Lat)
	}
	if !(e.Lon >= -180 && e.Lon <= 180) {
		bad(FieldLon, "%v out of range -180..180", e.Lon)
	}
	if e.Fatalities < 0 {
		bad(FieldFatalities, "must be 0 or more")
	}
	if e.Dataset == "" || len(e.Dataset) > MaxIDLen || len(e.SourceID) > MaxIDLen {
		bad("dataset", "dataset name empty or source ID too long")
	}
	for _, t := range e.UserTags {
		if err := CheckTag(t); err != nil {
			bad(FieldTags, "%v", err)
			break
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}
