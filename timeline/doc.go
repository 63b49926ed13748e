// Package timeline draws the events over time: a histogram of the
// filtered events, stacked by actor, with a brushed time window, zoom and
// pan, hover read-outs and markers for the selected and hovered events.
//
// Like the map, it has a pure core and a thin Fyne widget:
//
//   - calendar.go: calendar bin units (Unit, Floor, Next, ChooseUnit), in
//     UTC with integer day arithmetic.
//   - scale.go: Scale, the linear mapping of a time span onto pixels, with
//     ZoomAround and Pan.
//   - hist.go, series.go: Data, Histogram and Builder, which count the
//     rows per bin and series. Once per Data the series are chosen and
//     every row is packed into one word (day, series); each build then
//     binary-searches the visible rows and counts them in one sequential
//     pass, plus one over the few approximate rows.
//   - ticks.go: axis ticks and labels that never overlap.
//   - render.go, draw.go: Renderer, which draws a Frame into a reused
//     *image.RGBA.
//   - brush.go: the time-window (brush) maths shared by the widget and
//     tests: snapping to bins and hit-testing the handles.
//   - widget.go, plot.go, controls.go, tooltip.go: the Fyne widget. Only
//     these files import Fyne.
//
// # Time
//
// Times are Unix seconds in UTC (no time zones, no daylight saving). Days
// start at midnight UTC, weeks on Monday (ISO 8601). The brushed window is
// reported inclusive by day: from is the start of its first day and to the
// start of its last day, as data.Filter's From and To expect. Internally
// (Overlay, Frame) windows are half-open [from, to) intervals of seconds.
package timeline
