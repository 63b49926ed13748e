package timeline

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// controls is the bar above the plot: From and To date entries (Enter
// applies them), the quick windows and a label describing the window,
// which turns into a red error message when an entry cannot be applied.
type controls struct {
	t        *Timeline
	from, to *widget.Entry
	label    *widget.Label
	quick    []*widget.Button
	root     *fyne.Container
	shown    [2]int64 // the window the entries last showed
	err      string
}

// entryWidth is the width of a date entry in logical pixels.
const entryWidth = 112

func newControls(t *Timeline) *controls {
	c := &controls{t: t, from: widget.NewEntry(), to: widget.NewEntry(), label: widget.NewLabel("")}
	for _, e := range []*widget.Entry{c.from, c.to} {
		e.SetPlaceHolder("YYYY-MM-DD")
		e.OnSubmitted = func(string) { c.apply() }
	}
	c.label.Truncation = fyne.TextTruncateEllipsis
	quick := []struct {
		text string
		fn   func()
	}{
		{"7 d", func() { c.lastDays(7) }},
		{"30 d", func() { c.lastDays(30) }},
		{"1 y", c.lastYear},
		{"All", c.all},
	}
	left := container.NewHBox(widget.NewLabel("From"), sized(c.from), widget.NewLabel("To"), sized(c.to))
	for _, q := range quick {
		b := widget.NewButton(q.text, q.fn)
		c.quick = append(c.quick, b)
		left.Add(b)
	}
	c.root = container.NewBorder(nil, nil, left, nil, c.label)
	c.refresh()
	return c
}

// sized gives an entry a fixed width.
func sized(e *widget.Entry) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(entryWidth, e.MinSize().Height), e)
}

// refresh shows the current window in the entries (when it changed) and
// the label, and enables the quick windows when there is data.
func (c *controls) refresh() {
	t := c.t
	from, to, ok := t.Window()
	if w := [2]int64{t.winFrom, t.winTo}; w != c.shown {
		c.shown = w
		c.err = ""
		ft, tt := "", ""
		if ok {
			ft, tt = dayText(from), dayText(to)
		}
		c.from.SetText(ft)
		c.to.SetText(tt)
	}
	for _, b := range c.quick {
		if t.data.Len() > 0 {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	switch {
	case c.err != "":
		c.label.Importance = widget.DangerImportance
		c.label.SetText(c.err)
	case ok:
		n := (to-from)/day + 1
		text := dayText(from) + " – " + dayText(to)
		if n == 1 {
			text = dayText(from)
		}
		c.label.Importance = widget.MediumImportance
		c.label.SetText(fmt.Sprintf("Window: %s (%s %s)", text, groupThousands(n), plural(n, "day", "days")))
	default:
		c.label.Importance = widget.MediumImportance
		c.label.SetText("No time window: all dates")
	}
}

// setError shows msg (empty: none) in red in place of the window label.
func (c *controls) setError(msg string) {
	c.err = msg
	c.refresh()
}

// apply sets the window from the entries: both empty clears it, an empty
// end stands for the first or last day of the data.
func (c *controls) apply() {
	t := c.t
	fs, ts := strings.TrimSpace(c.from.Text), strings.TrimSpace(c.to.Text)
	if fs == "" && ts == "" {
		c.setError("")
		t.userWindow(0, 0)
		return
	}
	first, last, hasData := t.data.Span()
	from, err := parseDay("From", fs, first, hasData)
	if err != nil {
		c.setError(err.Error())
		return
	}
	to, err := parseDay("To", ts, last, hasData)
	if err != nil {
		c.setError(err.Error())
		return
	}
	if to < from {
		c.setError(fmt.Sprintf("From %s is after To %s", dayText(from), dayText(to)))
		return
	}
	c.err = ""
	c.window(from, to+day)
}

// window sets [from, to) for the user, shows it and refreshes the label.
func (c *controls) window(from, to int64) {
	c.t.userWindow(from, to)
	c.t.showWindow(from, to)
	c.refresh()
}

// parseDay reads an entry's YYYY-MM-DD day; empty stands for def when
// there is data.
func parseDay(name, s string, def int64, hasDef bool) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		if !hasDef {
			return 0, fmt.Errorf("%s: enter a date (YYYY-MM-DD)", name)
		}
		return Floor(def, Day), nil
	}
	d, err := time.Parse(data.DateLayout, s)
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not a date (YYYY-MM-DD)", name, s)
	}
	if y := d.Year(); y < 1000 || y > 2999 {
		return 0, fmt.Errorf("%s: year %d out of range 1000–2999", name, y)
	}
	return d.Unix(), nil
}

// lastDays sets the window to the n days ending on the latest event.
func (c *controls) lastDays(n int) {
	if last, ok := c.t.data.LastStart(); ok {
		c.err = ""
		c.window(LastDays(last, n))
	}
}

// lastYear sets the window to the year ending on the latest event.
func (c *controls) lastYear() {
	if last, ok := c.t.data.LastStart(); ok {
		c.err = ""
		c.window(LastYear(last))
	}
}

// all clears the window and shows all the data.
func (c *controls) all() {
	c.err = ""
	c.t.userWindow(0, 0)
	c.t.FitAll()
	c.refresh()
}

// dayText formats the day of t as YYYY-MM-DD.
func dayText(t int64) string { return time.Unix(t, 0).UTC().Format(data.DateLayout) }

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
