package mapview

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"frontier/internal/renderworker"
	"frontier/mapview/basemap"
)

var (
	_ fyne.Widget         = (*Map)(nil)
	_ fyne.Scrollable     = (*Map)(nil)
	_ fyne.Draggable      = (*Map)(nil)
	_ fyne.Tappable       = (*Map)(nil)
	_ fyne.DoubleTappable = (*Map)(nil)
	_ fyne.Focusable      = (*Map)(nil)
	_ desktop.Hoverable   = (*Map)(nil)
	_ desktop.Mouseable   = (*Map)(nil)
)

// Map is the interactive map widget: the render core behind a raster,
// drawn on a worker goroutine, with input handling and cheap overlays
// (hover and selection rings, tooltip, coordinate read-out, box
// selection, zoom buttons) stacked above it.
//
// All methods must be called on the Fyne UI goroutine.
type Map struct {
	widget.BaseWidget

	// OnSelect is called with the row of a tapped event, or -1 when the
	// user taps empty map.
	OnSelect func(row int)
	// OnBoxSelect is called with the area of a shift-drag box.
	OnBoxSelect func(b orb.Bound)
	// OnHover is called with the row of the event under the pointer, or
	// -1 when it leaves it (clusters count as none).
	OnHover func(row int)
	// OnViewChanged is called after the user pans or zooms.
	OnViewChanged func(v Viewport)
	// OnKey is called with the keys the map has no use for (F1–F12) when
	// it has the keyboard, so that the window's own keys still work.
	OnKey func(ev *fyne.KeyEvent)
	// OnSecondaryTap is called on a right-click in ToolNavigate with the
	// place and the event under the pointer (eventedit.go).
	OnSecondaryTap func(t SecondaryTap)
	// OnEventMoved, when set, lets the user drag the selected event's
	// marker: it is called with the row and the new lon/lat when the
	// drag ends. The map moves nothing itself; the selection rings stay
	// at the new place until the app calls EndEventMove.
	OnEventMoved func(row int, lon, lat float64)
	// OnDeleteEvent, when set, is called with the selected event's row
	// when Delete or BackSpace is pressed on the focused map in
	// ToolNavigate with no annotation selected.
	OnDeleteEvent func(row int)

	view      Viewport // logical centre and zoom; size set at render
	userMoved bool     // the user has panned or zoomed since the last fit
	scene     *Scene
	overlays  Overlays
	selected  int
	hovered   int // mark index under the pointer, -1 for none

	raster  *canvas.Raster
	front   *Frame // on screen; owned by the UI goroutine
	worker  *renderworker.Worker[Frame, renderRequest]
	over    *overlay
	buttons fyne.CanvasObject

	annot   annotState
	drag    dragState
	evMove  eventMove     // a drag of the selected event's marker
	pointer fyne.Position // where the pointer last moved
	// devW and devH are the raster's size in device pixels, as Fyne last
	// asked for it.
	devW, devH int
	devFor     fyne.Size // the widget size Fyne asked for devW×devH at
	framed     bool      // the events have been framed once
}

// dragState tracks a pan, a shift-drag box selection or a reshaping
// drag of the selected annotation.
type dragState struct {
	active bool
	box    bool // shift was held at mouse down: select a box
	edit   bool // the drag reshapes the selected annotation
	shift  bool // shift state at the last mouse down
	start  fyne.Position
	end    fyne.Position
}

// NewMap returns a map of the basemap base (nil for water only) showing
// the frontier until a scene is set.
func NewMap(base *basemap.Basemap) *Map {
	m := &Map{selected: -1, hovered: -1, overlays: Overlays{ScaleBar: true}}
	m.view = FitBound(HomeBound(), 800, 600, 1, 0, MaxZoom)
	m.raster = canvas.NewRaster(m.generate)
	r := NewRenderer(base)
	m.worker = renderworker.New(func(f *Frame, req renderRequest) { r.Render(f, req.view, req.scene, req.overlays) })
	m.over = newOverlay()
	m.buttons = m.zoomButtons()
	m.ExtendBaseWidget(m)
	return m
}

// SetScene replaces the events drawn. The first scene with events frames
// them unless the user has already moved the map.
func (m *Map) SetScene(sc *Scene) {
	m.scene = sc
	if !m.framed && !m.userMoved && sc != nil && len(sc.Rows) > 0 {
		m.framed = true
		m.fitScene()
	}
	m.hovered = -1
	m.over.hideHover()
	m.requestRender()
}

// SetAttribution sets the credit line drawn at the bottom right.
func (m *Map) SetAttribution(s string) {
	m.overlays.Attribution = s
	m.requestRender()
}

// SetSelected highlights row (-1 for none) without telling OnSelect.
func (m *Map) SetSelected(row int) {
	if row == m.selected {
		return
	}
	m.selected = row
	m.placeSelection()
	m.requestRender()
}

// View returns the current viewport (logical size, device scale 1).
func (m *Map) View() Viewport { return m.view }

// SetView moves the map to v (its size is ignored).
func (m *Map) SetView(v Viewport) {
	m.view.CenterX, m.view.CenterY, m.view.Zoom = v.CenterX, v.CenterY, v.Zoom
	m.view = m.view.Clamp()
	m.userMoved = true
	m.requestRender()
}

// FitAll frames the events of the scene (Home).
func (m *Map) FitAll() {
	m.fitScene()
	m.changed()
}

// ZoomBy zooms by dz levels about the centre.
func (m *Map) ZoomBy(dz float64) {
	lv := m.logicalView()
	m.view = lv.ZoomAround(float64(lv.Width)/2, float64(lv.Height)/2, dz)
	m.changed()
}

// PanBy pans by (dx, dy) logical pixels.
func (m *Map) PanBy(dx, dy float64) {
	m.view = m.logicalView().Pan(dx, dy)
	m.changed()
}

// changed records a user move, redraws and tells OnViewChanged.
func (m *Map) changed() {
	m.userMoved = true
	m.hovered = -1
	m.over.hideHover()
	m.requestRender()
	if m.OnViewChanged != nil {
		m.OnViewChanged(m.view)
	}
}

// logicalView is the view sized in logical pixels at scale 1.
func (m *Map) logicalView() Viewport {
	v := m.view
	sz := m.Size()
	v.Width, v.Height, v.Scale = max(1, int(sz.Width)), max(1, int(sz.Height)), 1
	return v
}

// fitScene frames the scene's events with a margin.
func (m *Map) fitScene() {
	if m.scene == nil || len(m.scene.Rows) == 0 {
		return
	}
	ix := m.scene.Index
	e := Extent{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, r := range m.scene.Rows {
		e.add(ix.X[r], ix.Y[r])
	}
	lv := m.logicalView()
	if m.Size().Width < 2 {
		lv.Width, lv.Height = 800, 600
	}
	fit := FitExtent(e.MinX, e.MinY, e.MaxX, e.MaxY, lv.Width, lv.Height, 1, 40, 11)
	m.view.CenterX, m.view.CenterY, m.view.Zoom = fit.CenterX, fit.CenterY, fit.Zoom
}

// deviceScale is the canvas scale of the window the map is in.
func (m *Map) deviceScale() float64 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil && c.Scale() > 0 {
		return float64(c.Scale())
	}
	return 1
}

// requestRender asks the worker for a frame of the current view and
// scene at the widget's size.
func (m *Map) requestRender() {
	sz := m.Size()
	if sz.Width < 1 || sz.Height < 1 {
		return
	}
	s := m.deviceScale()
	v := m.view
	v.Width, v.Height = int(math.Ceil(float64(sz.Width)*s)), int(math.Ceil(float64(sz.Height)*s))
	if m.devW > 0 && m.devH > 0 && m.devFor == sz {
		// The raster's own pixel size wins, so a frame always fits it.
		v.Width, v.Height = m.devW, m.devH
		s = float64(m.devW) / float64(sz.Width)
	}
	v.Scale = s
	sc := m.scene
	if sc != nil && sc.Selected != m.selected {
		c := *sc // scenes are never changed once drawn: draw a copy
		c.Selected = m.selected
		sc = &c
	}
	o := m.overlays
	o.Annotations = m.annotationSet()
	m.worker.Request(renderRequest{view: v, scene: sc, overlays: o}, m.present)
}

// present shows a finished frame; it runs on the UI goroutine and hands
// the previous frame back to the worker.
func (m *Map) present(f *Frame) {
	old := m.front
	m.front = f
	if old != nil {
		m.worker.Release(old)
	}
	m.raster.Refresh()
	m.placeSelection()
}

// generate is the raster's image source: the frame on screen.
func (m *Map) generate(w, h int) image.Image {
	if w != m.devW || h != m.devH || m.devFor != m.Size() {
		// The window was resized or moved to a screen of another scale:
		// show the old frame stretched until one of this size is drawn.
		m.devW, m.devH, m.devFor = w, h, m.Size()
		fyne.Do(m.requestRender)
	}
	if m.front == nil || m.front.Img == nil {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	return m.front.Img
}

// toDevice converts a widget position to device pixels of the frame.
func (m *Map) toDevice(p fyne.Position) (float64, float64) {
	s := 1.0
	if m.front != nil {
		s = m.front.View.DeviceScale()
	}
	return float64(p.X) * s, float64(p.Y) * s
}

// Flush waits until every requested frame has been drawn and presented.
// Tests use it; the UI never needs to.
//
// With QueueFrames, Flush also presents the finished frames, on the
// caller's goroutine.
func (m *Map) Flush() { m.worker.Flush() }

// QueueFrames makes finished frames wait for Flush instead of reaching
// the UI through fyne.Do. Fyne's test driver runs fyne.Do at once on the
// calling goroutine, which would present frames on the render worker
// while a test drives the widget on its own; tests call QueueFrames so
// that everything UI-side happens on the test goroutine, as it does on
// the real driver's main goroutine.
func (m *Map) QueueFrames() { m.worker.Hold() }

// SetPost sets how finished frames reach the UI goroutine (fyne.Do by
// default); an app that routes its own workers' results through one
// function, as Frontier's tests do, passes it here. Call it before the
// map is shown.
func (m *Map) SetPost(post func(func())) { m.worker.SetPost(post) }

// Frame returns the frame on screen (nil before the first one).
func (m *Map) Frame() *Frame { return m.front }

// Destroy stops the render worker.
func (m *Map) Destroy() { m.worker.Stop() }

// CreateRenderer implements fyne.Widget.
func (m *Map) CreateRenderer() fyne.WidgetRenderer {
	return &mapRenderer{m: m, objects: []fyne.CanvasObject{m.raster, m.over.root, m.buttons}}
}

// mapRenderer lays the raster under the overlays.
type mapRenderer struct {
	m       *Map
	objects []fyne.CanvasObject
}

func (r *mapRenderer) Layout(size fyne.Size) {
	r.m.raster.Resize(size)
	r.m.raster.Move(fyne.NewPos(0, 0))
	r.m.over.root.Resize(size)
	bs := r.m.buttons.MinSize()
	pad := theme.Padding()
	r.m.buttons.Resize(bs)
	r.m.buttons.Move(fyne.NewPos(size.Width-bs.Width-pad, pad))
	r.m.over.layout(size)
	r.m.requestRender()
}

func (r *mapRenderer) MinSize() fyne.Size           { return fyne.NewSize(200, 150) }
func (r *mapRenderer) Refresh()                     { r.m.requestRender(); r.m.over.root.Refresh() }
func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *mapRenderer) Destroy()                     {}

// SetButtonsVisible shows or hides the zoom and fit buttons (a
// presentation hides them; the keys and the wheel still work).
func (m *Map) SetButtonsVisible(on bool) {
	if on {
		m.buttons.Show()
	} else {
		m.buttons.Hide()
	}
}

// ButtonsVisible reports whether the zoom and fit buttons show.
func (m *Map) ButtonsVisible() bool { return m.buttons.Visible() }

// zoomButtons are the +, − and fit-all buttons at the top right.
func (m *Map) zoomButtons() fyne.CanvasObject {
	in := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { m.ZoomBy(1) })
	out := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { m.ZoomBy(-1) })
	fit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), m.FitAll)
	return container.NewVBox(in, out, fit)
}

// renderRequest is what the worker draws next.
type renderRequest struct {
	view     Viewport
	scene    *Scene
	overlays Overlays
}
