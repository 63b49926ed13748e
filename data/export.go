package data

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// exportExtraColumns follow ACLEDColumns in Frontier's CSV export so that
// a re-import is lossless; ACLED readers ignore unknown columns.
var exportExtraColumns = []string{"iso3", "frontier_dataset", "frontier_date_end", "frontier_date_precision"}

// seekRows calls fn with the stored record of each row (in row order) in
// one read transaction; v is nil for an event deleted since the index was
// loaded, and aliases the transaction otherwise.
func (ix *Index) seekRows(rows []int32, fn func(row int32, v []byte) error) error {
	if ix.store == nil {
		return fmt.Errorf("index has no store")
	}
	return ix.store.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketEvents).Cursor()
		key := make([]byte, 16)
		for _, row := range rows {
			putEventKey(key, ix.Start[row], ix.ID[row])
			k, v := c.Seek(key)
			if k == nil || string(k) != string(key) {
				v = nil
			}
			if err := fn(row, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// EachEvent loads the events of rows (in row order) in one read
// transaction and calls fn with each.
func (ix *Index) EachEvent(rows []int32, fn func(*Event) error) error {
	return ix.seekRows(rows, func(row int32, v []byte) error {
		if v == nil {
			return fmt.Errorf("event %d is no longer in the store", ix.ID[row])
		}
		e, err := decodeEvent(v, ix.ID[row], ix.store)
		if err != nil {
			return fmt.Errorf("event %d: %w", ix.ID[row], err)
		}
		return fn(e)
	})
}

// eachExported is EachEvent for the exporters: each event's actors are
// the canonical ones (aliases merged by the user), and orig holds the
// names the source wrote, with changed saying whether any differ.
func (ix *Index) eachExported(rows []int32, fn func(e *Event, orig SourceActors, changed bool) error) error {
	return ix.EachEvent(rows, func(e *Event) error {
		orig, changed := ix.CanonicalActors(e)
		return fn(e, orig, changed)
	})
}

// timePrecisionCode is ACLED's time_precision for p.
func timePrecisionCode(p DatePrecision) string {
	switch p {
	case PrecWeek:
		return "2"
	case PrecMonth, PrecYear, PrecSpan:
		return "3"
	}
	return "1"
}

// ACLEDRecord returns e as a row under ACLEDColumns followed by the export's
// extra columns.
func ACLEDRecord(e *Event) []string {
	ts := ""
	if !e.Updated.IsZero() {
		ts = strconv.FormatInt(e.Updated.Unix(), 10)
	}
	geo := ""
	if e.GeoPrecision != 0 {
		geo = strconv.Itoa(int(e.GeoPrecision))
	}
	end := ""
	if !e.DateEnd.IsZero() && !e.DateEnd.Equal(e.Date) {
		end = e.DateEnd.Format(DateLayout)
	}
	prec := ""
	if e.DatePrecision != PrecUnknown {
		prec = e.DatePrecision.String()
	}
	return []string{
		e.SourceID, e.Date.Format(DateLayout), strconv.Itoa(e.Date.Year()), timePrecisionCode(e.DatePrecision),
		e.DisorderType, e.EventType, e.SubEventType, e.Actor1, JoinList(e.Assoc1), e.Inter1,
		e.Actor2, JoinList(e.Assoc2), e.Inter2, e.Interaction, e.CivilianTargeting,
		e.ISO, e.Region, e.Country, e.Admin1, e.Admin2, e.Admin3, e.Location,
		strconv.FormatFloat(e.Lat, 'f', -1, 64), strconv.FormatFloat(e.Lon, 'f', -1, 64), geo,
		e.Source, e.SourceScale, e.Notes, strconv.Itoa(int(e.Fatalities)), JoinList(e.Tags), ts,
		e.ISO3, e.Dataset, end, prec,
	}
}

// WriteCSV writes the events of rows as an ACLED-format CSV, with the
// canonical actors in ACLED's actor columns and the source's names in
// SourceActorColumns.
func (ix *Index) WriteCSV(w io.Writer, rows []int32) error {
	cw := csv.NewWriter(w)
	header := append(append(append([]string(nil), ACLEDColumns...), exportExtraColumns...), SourceActorColumns...)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write CSV header: %w", err)
	}
	err := ix.eachExported(rows, func(e *Event, orig SourceActors, _ bool) error {
		return cw.Write(append(ACLEDRecord(e), orig.Record()...))
	})
	if err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// geoFeature is one exported GeoJSON feature.
type geoFeature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id,omitempty"`
	Geometry   geoPoint       `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// EventProperties returns e's fields as GeoJSON properties named as ACLED
// names its columns (plus event_date_end for spans, date_precision, dataset
// and iso3).
func EventProperties(e *Event) map[string]any {
	p := map[string]any{}
	rec := ACLEDRecord(e)
	for i, c := range ACLEDColumns {
		switch c {
		case "latitude", "longitude":
			continue
		case "fatalities":
			p[c] = e.Fatalities
		default:
			if rec[i] != "" {
				p[c] = rec[i]
			}
		}
	}
	if !e.DateEnd.Equal(e.Date) {
		p["event_date_end"] = e.DateEnd.Format(DateLayout)
	}
	if e.ISO3 != "" {
		p["iso3"] = e.ISO3
	}
	if e.DatePrecision != PrecUnknown {
		p["date_precision"] = e.DatePrecision.String()
	}
	p["dataset"] = e.Dataset
	return p
}

// addSourceActors records the source's actor names beside the canonical
// ones, under the names of SourceActorColumns.
func addSourceActors(p map[string]any, orig SourceActors) {
	for i, v := range orig.Record() {
		if v != "" {
			p[SourceActorColumns[i]] = v
		}
	}
}

// WriteGeoJSON writes the events of rows as an RFC 7946 FeatureCollection of
// Points, one feature per line. Actors are canonical; where the user merged
// aliases, the source's names are kept in SourceActorColumns properties.
func (ix *Index) WriteGeoJSON(w io.Writer, rows []int32) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(`{"type":"FeatureCollection","features":[`); err != nil {
		return fmt.Errorf("write GeoJSON: %w", err)
	}
	first := true
	err := ix.eachExported(rows, func(e *Event, orig SourceActors, changed bool) error {
		f := geoFeature{
			Type:       "Feature",
			ID:         e.Dataset + ":" + e.SourceID,
			Geometry:   geoPoint{Type: "Point", Coordinates: [2]float64{e.Lon, e.Lat}},
			Properties: EventProperties(e),
		}
		if changed {
			addSourceActors(f.Properties, orig)
		}
		b, err := json.Marshal(f)
		if err != nil {
			return err
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.WriteByte('\n')
		_, err = bw.Write(b)
		return err
	})
	if err != nil {
		return fmt.Errorf("write GeoJSON: %w", err)
	}
	bw.WriteString("\n]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write GeoJSON: %w", err)
	}
	return nil
}
