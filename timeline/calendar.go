package timeline

import (
	"strconv"
	"time"

	"frontier/data"
)

// Unit is a calendar bin width: Day, Week (ISO weeks, starting on
// Monday), Month, Quarter or Year, all in UTC (no daylight saving).
type Unit uint8

// The bin units, finest first.
const (
	Day Unit = iota
	Week
	Month
	Quarter
	Year
)

// day is one day in seconds.
const day = 86400

// nominal is each unit's average length in seconds (a Gregorian year is
// 365.2425 days).
var nominal = [...]float64{
	Day:     day,
	Week:    7 * day,
	Month:   365.2425 * day / 12,
	Quarter: 365.2425 * day / 4,
	Year:    365.2425 * day,
}

// String returns the unit's lower-case name.
func (u Unit) String() string {
	switch u {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	case Quarter:
		return "quarter"
	case Year:
		return "year"
	}
	return "unit(" + strconv.Itoa(int(u)) + ")"
}

// Nominal returns the unit's average length in seconds (a month is a
// twelfth of a Gregorian year).
func (u Unit) Nominal() float64 {
	if u > Year {
		u = Year
	}
	return nominal[u]
}

// MinBinPx is the narrowest bin, in logical pixels, that ChooseUnit picks
// when a coarser unit exists.
const MinBinPx = 6.0

// ChooseUnit returns the finest unit whose bins are at least MinBinPx
// wide on average when spanSeconds are shown across widthPx logical
// pixels (pass logical, not device, pixels so that HiDPI screens get the
// same bins). Average widths are used, so February's bins may be a little
// narrower. When even years are narrower, or the span or width is not
// positive, it returns Year.
func ChooseUnit(spanSeconds int64, widthPx float64) Unit {
	if spanSeconds <= 0 || !(widthPx > 0) {
		return Year
	}
	pxPerSec := widthPx / float64(spanSeconds)
	for u := Day; u < Year; u++ {
		if nominal[u]*pxPerSec >= MinBinPx {
			return u
		}
	}
	return Year
}

// Floor returns the start of the bin of unit u that contains t (Unix
// seconds, UTC): midnight of t's day, the Monday of its ISO week, the
// first of its month, of its quarter (January, April, July, October) or
// of its year.
func Floor(t int64, u Unit) int64 {
	days := floorDiv(t, day)
	switch u {
	case Day:
	case Week:
		// 1970-01-01 was a Thursday: days+3 counts from a Monday.
		days -= floorMod(days+3, 7)
	default:
		y, m, _ := civilFromDays(days)
		switch u {
		case Month:
		case Quarter:
			m = (m-1)/3*3 + 1
		default:
			m = 1
		}
		days = daysFromCivil(y, m, 1)
	}
	return days * day
}

// Next returns the start of the bin of unit u after the one containing t:
// Next(t, u) is Floor(t, u) plus one day, week, month, quarter or year.
func Next(t int64, u Unit) int64 {
	return addUnits(Floor(t, u), u, 1)
}

// addUnits returns t0 (the start of a bin of unit u) moved by n bins.
func addUnits(t0 int64, u Unit, n int64) int64 {
	switch u {
	case Day:
		return t0 + n*day
	case Week:
		return t0 + n*7*day
	}
	y, m, _ := civilFromDays(floorDiv(t0, day))
	switch u {
	case Month:
		m += n
	case Quarter:
		m += 3 * n
	default:
		y += n
	}
	y += floorDiv(m-1, 12)
	m = floorMod(m-1, 12) + 1
	return daysFromCivil(y, m, 1) * day
}

// BinText describes the bin of unit u starting at t as data.DateText
// does for a date of that precision: "2024-03-05", "week of 2024-03-04",
// "March 2024", "Q1 2024 (January – March)", "2024".
func BinText(t int64, u Unit) string {
	t = Floor(t, u)
	switch u {
	case Day:
		return data.DateText(t, t, data.PrecDay)
	case Week:
		return data.DateText(t, t, data.PrecWeek)
	case Month:
		return data.DateText(t, t, data.PrecMonth)
	case Quarter:
		tm := time.Unix(t, 0).UTC()
		q := (int(tm.Month())-1)/3 + 1
		last := tm.AddDate(0, 2, 0)
		return "Q" + strconv.Itoa(q) + " " + strconv.Itoa(tm.Year()) +
			" (" + tm.Month().String() + " – " + last.Month().String() + ")"
	}
	return data.DateText(t, t, data.PrecYear)
}

// daysFromCivil returns the days since 1970-01-01 of the proleptic
// Gregorian date y-m-d (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int64) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// daysIn returns the number of days of month m of year y.
func daysIn(y, m int64) int64 {
	n := m + 1
	ny := y
	if n > 12 {
		n, ny = 1, y+1
	}
	return daysFromCivil(ny, n, 1) - daysFromCivil(y, m, 1)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
