package data

import "time"

// DateText writes an event's date as a reader expects it at its
// precision: "2024-03-05" for a day, "week of 2024-03-04", "March 2024",
// "2024", or "2024-03-01 – 2024-03-10" for a span. start and end are Unix
// seconds (UTC) as the index stores them.
func DateText(start, end int64, p DatePrecision) string {
	s := time.Unix(start, 0).UTC()
	e := time.Unix(end, 0).UTC()
	switch p {
	case PrecWeek:
		return "week of " + s.Format(DateLayout)
	case PrecMonth:
		return s.Format("January 2006")
	case PrecYear:
		return s.Format("2006")
	case PrecSpan:
		if last := e.Format(DateLayout); last != s.Format(DateLayout) {
			return s.Format(DateLayout) + " – " + last
		}
	}
	return s.Format(DateLayout)
}

// RowDate is DateText for row i of the index.
func (ix *Index) RowDate(i int) string { return DateText(ix.Start[i], ix.End[i], ix.DatePrec[i]) }
