package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/mapview"
)

// toolNames name the tools in the tooltips.
var toolNames = map[mapview.Tool]string{
	mapview.ToolNavigate: "Navigate and select", mapview.ToolMarker: "Marker", mapview.ToolText: "Text",
	mapview.ToolPolyline: "Line", mapview.ToolArrow: "Arrow", mapview.ToolPolygon: "Polygon",
	mapview.ToolRectangle: "Rectangle", mapview.ToolCircle: "Circle", mapview.ToolFreehand: "Freehand",
	mapview.ToolRangeBearing: "Range and bearing", mapview.ToolMeasure: "Measure (not stored)",
}

// toolTip is the tooltip of tool t: its name and key.
func toolTip(t mapview.Tool) string {
	for r, tt := range toolKeys {
		if tt == t {
			return toolNames[t] + " (" + strings.ToUpper(string(r)) + ")"
		}
	}
	return toolNames[t]
}

// annotToolbar is the row of drawing tools above the map, with the
// measure read-out, and the layer drawn over the map that shows the
// hovered tool's tooltip.
type annotToolbar struct {
	a       *annotUI
	buttons []*toolButton // by tool
	readout *widget.Label
	content fyne.CanvasObject
	// tips is stacked over the map; tip is the bubble in it.
	tips    *fyne.Container
	tip     *fyne.Container
	tipText *canvas.Text
}

func newAnnotToolbar(a *annotUI) *annotToolbar {
	b := &annotToolbar{a: a}
	row := container.NewHBox()
	for t := mapview.ToolNavigate; t <= mapview.ToolMeasure; t++ {
		btn := newToolButton(toolIcon(t), func() { a.setTool(t) })
		btn.onHover = func(in bool) { b.hover(btn, t, in) }
		b.buttons = append(b.buttons, btn)
		row.Add(btn)
		if t == mapview.ToolNavigate || t == mapview.ToolRangeBearing {
			row.Add(widget.NewSeparator())
		}
	}
	b.readout = widget.NewLabel("")
	b.readout.TextStyle.Monospace = true
	b.content = container.NewBorder(nil, nil, row, b.readout)
	b.tipText = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	b.tipText.TextSize = theme.CaptionTextSize()
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	bg.StrokeWidth = 1
	bg.CornerRadius = 3
	b.tip = container.NewWithoutLayout(bg, b.tipText)
	b.tip.Hide()
	b.tips = container.NewWithoutLayout(b.tip)
	b.setCurrent(mapview.ToolNavigate)
	return b
}

// setCurrent highlights the button of tool t.
func (b *annotToolbar) setCurrent(t mapview.Tool) {
	for i, btn := range b.buttons {
		imp := widget.LowImportance
		if mapview.Tool(i) == t {
			imp = widget.HighImportance
		}
		if btn.Importance != imp {
			btn.Importance = imp
			btn.Refresh()
		}
	}
	if t != mapview.ToolMeasure && t != mapview.ToolRangeBearing {
		b.setReadout("")
	}
}

// current returns the highlighted tool.
func (b *annotToolbar) current() mapview.Tool {
	for i, btn := range b.buttons {
		if btn.Importance == widget.HighImportance {
			return mapview.Tool(i)
		}
	}
	return mapview.ToolNavigate
}

// setReadout shows a measurement ("" clears it).
func (b *annotToolbar) setReadout(s string) { b.readout.SetText(s) }

// hover shows (in) or hides the tooltip of btn, just under it.
func (b *annotToolbar) hover(btn *toolButton, t mapview.Tool, in bool) {
	if !in {
		b.tip.Hide()
		return
	}
	b.tipText.Text = toolTip(t)
	b.tipText.Refresh()
	pad := theme.Padding()
	ts := b.tipText.MinSize()
	b.tipText.Move(fyne.NewPos(pad*1.5, pad))
	bg := b.tip.Objects[0]
	bg.Resize(fyne.NewSize(ts.Width+3*pad, ts.Height+2*pad))
	x := float32(0)
	if d := fyne.CurrentApp().Driver(); d != nil {
		x = d.AbsolutePositionForObject(btn).X - d.AbsolutePositionForObject(b.tips).X
	}
	b.tip.Move(fyne.NewPos(max(0, x), pad))
	b.tip.Show()
	b.tips.Refresh()
}

// tipShown returns the tooltip on screen ("" for none).
func (b *annotToolbar) tipShown() string {
	if !b.tip.Visible() {
		return ""
	}
	return b.tipText.Text
}

// toolButton is an icon button that tells onHover when the pointer enters
// or leaves it.
type toolButton struct {
	widget.Button
	onHover func(in bool)
}

func newToolButton(icon fyne.Resource, tapped func()) *toolButton {
	b := &toolButton{}
	b.Icon, b.OnTapped = icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn shows the tooltip.
func (b *toolButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	if b.onHover != nil {
		b.onHover(true)
	}
}

// MouseOut hides the tooltip.
func (b *toolButton) MouseOut() {
	b.Button.MouseOut()
	if b.onHover != nil {
		b.onHover(false)
	}
}

// Tapped hides the tooltip and presses the button.
func (b *toolButton) Tapped(ev *fyne.PointEvent) {
	if b.onHover != nil {
		b.onHover(false)
	}
	b.Button.Tapped(ev)
}
