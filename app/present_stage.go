package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
	"frontier/mapview"
)

// stage is the full-screen presentation surface presenter mode and the
// step-through share: the main window goes full screen with its menu and
// every panel hidden, and shows only the map with overlays drawn on it.
// Leaving restores the window's layout, keyboard handling and the state
// (viewport, filter, layers, selection) exactly as they were.
type stage struct {
	b       *briefing
	on      bool
	root    *fyne.Container
	surface *stageSurface
	saved   savedLayout
	onExit  func()
	// refSize is the map's size in the window before the stage; size the
	// stage's as last laid out.
	refSize, size fyne.Size
}

// savedLayout is what entering the stage changed, to put back on leaving.
type savedLayout struct {
	content       fyne.CanvasObject
	winSize       fyne.Size
	menu          *fyne.MainMenu
	full, padded  bool
	key           func(*fyne.KeyEvent)
	typed         func(rune)
	focus         fyne.Focusable
	view          mapview.Viewport
	filter        data.Filter
	selected      int
	layers        layerState
	onViewChanged func(mapview.Viewport)
}

func newStage(b *briefing) *stage { return &stage{b: b} }

// enter shows the stage: the map with under drawn over it (below the
// input surface: trails), then over (titles, cards, controls). Keys go
// to key and typed characters to typed, wherever the focus is; onExit is
// told when the stage is left.
func (s *stage) enter(under, over fyne.CanvasObject, key func(*fyne.KeyEvent), typed func(rune), onExit func()) {
	if s.on {
		s.exit()
	}
	b := s.b
	u := b.u
	b.pausePlayback()
	b.panel.flushNotes()
	w, c := u.win, u.win.Canvas()
	s.saved = savedLayout{
		content: w.Content(), winSize: c.Size(), menu: w.MainMenu(), full: w.FullScreen(), padded: w.Padded(),
		key: c.OnTypedKey(), typed: c.OnTypedRune(), focus: c.Focused(),
		view: u.mapP.m.View(), filter: cloneFilter(&u.st.filter), selected: u.st.selected,
		layers: b.saveLayers(), onViewChanged: u.mapP.m.OnViewChanged,
	}
	s.on, s.onExit = true, onExit
	s.refSize, s.size = u.mapP.m.Size(), fyne.Size{}
	m := u.mapP.detachMap()
	m.SetButtonsVisible(false) // a slide shows the map, not its controls
	// Presentation type for the map's own credit, to match the stage's
	// large title and legend.
	m.SetPresentation(mapview.Presentation{TextScale: presentTextScale})
	s.surface = newStageSurface(m, key, typed)
	s.root = container.New(&stageLayout{s: s}, m, under, s.surface, over)
	prev := s.saved.onViewChanged
	m.OnViewChanged = func(v mapview.Viewport) {
		if prev != nil {
			prev(v)
		}
		b.fly.onFrame()
	}
	w.SetMainMenu(nil)
	// No import may rebuild the window under the stage.
	w.SetOnDropped(nil)
	c.RemoveShortcut(shortcutImport)
	c.RemoveShortcut(shortcutExport)
	w.SetPadded(false)
	w.SetContent(s.root)
	w.SetFullScreen(true)
	c.SetOnTypedKey(key)
	c.SetOnTypedRune(typed)
	s.focus()
}

// focus gives the keyboard back to the stage (after a button was used).
func (s *stage) focus() {
	if s.on {
		s.b.u.win.Canvas().Focus(s.surface)
	}
}

// presentTextScale enlarges the map's own text on the stage.
const presentTextScale = 1.5

// exit leaves the stage and restores what enter saved.
func (s *stage) exit() {
	if !s.on {
		return
	}
	b := s.b
	u := b.u
	s.on = false
	b.fly.stop()
	w, c := u.win, u.win.Canvas()
	sv := s.saved
	c.Unfocus()
	s.root.Remove(u.mapP.m)
	u.mapP.m.SetButtonsVisible(true)
	u.mapP.m.SetPresentation(mapview.Presentation{})
	u.mapP.attachMap()
	w.SetFullScreen(sv.full)
	w.SetContent(sv.content)
	if !sv.full && sv.winSize.Width > 0 {
		// Leaving full screen, some drivers keep the screen's size.
		w.Resize(sv.winSize)
	}
	w.SetPadded(sv.padded)
	w.SetMainMenu(sv.menu)
	w.SetOnDropped(u.dropped)
	c.AddShortcut(shortcutImport, func(fyne.Shortcut) { u.chooseImport() })
	c.AddShortcut(shortcutExport, func(fyne.Shortcut) { u.chooseExport() })
	c.SetOnTypedKey(sv.key)
	c.SetOnTypedRune(sv.typed)
	u.mapP.m.OnViewChanged = sv.onViewChanged
	u.mapP.m.SetView(sv.view)
	u.st.view = sv.view
	if !sameFilter(&u.st.filter, &sv.filter) {
		u.st.setFilter(sv.filter)
	}
	b.restoreLayers(sv.layers)
	u.st.selectRow(sv.selected)
	if sv.focus != nil {
		c.Focus(sv.focus)
	}
	s.root, s.surface = nil, nil
	if s.onExit != nil {
		s.onExit()
	}
}

// zoomOffset is how many zoom levels larger the stage's map is than the
// window's was (by the tighter of width and height; 0 before layout).
func (s *stage) zoomOffset() float64 {
	ref, cur := s.refSize, s.b.u.mapP.m.Size()
	if ref.Width < 1 || ref.Height < 1 || cur.Width < 1 || cur.Height < 1 {
		return 0
	}
	return math.Log2(float64(min(cur.Width/ref.Width, cur.Height/ref.Height)))
}

// stageLayout stacks the stage's layers over the whole window and tells
// the presenter when the window's size changes (going full screen is
// asynchronous on the desktop).
type stageLayout struct{ s *stage }

func (l *stageLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
	s := l.s
	if size != s.size && s.on {
		s.size = size
		s.b.u.st.post(func() {
			if s.on {
				s.b.pres.resized()
			}
		})
	}
}

func (l *stageLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(200, 150) }

// stageSurface lies over the map on the stage: it keeps the keyboard
// (so that the arrows step instead of panning the map) and hands every
// pointer event on to the map beneath, so the map still pans, zooms and
// selects.
type stageSurface struct {
	widget.BaseWidget
	m     *mapview.Map
	key   func(*fyne.KeyEvent)
	typed func(rune)
}

var (
	_ fyne.Focusable      = (*stageSurface)(nil)
	_ fyne.Tappable       = (*stageSurface)(nil)
	_ fyne.DoubleTappable = (*stageSurface)(nil)
	_ fyne.Scrollable     = (*stageSurface)(nil)
	_ fyne.Draggable      = (*stageSurface)(nil)
	_ desktop.Mouseable   = (*stageSurface)(nil)
	_ desktop.Hoverable   = (*stageSurface)(nil)
	_ desktop.Cursorable  = (*stageSurface)(nil)
)

func newStageSurface(m *mapview.Map, key func(*fyne.KeyEvent), typed func(rune)) *stageSurface {
	s := &stageSurface{m: m, key: key, typed: typed}
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer draws nothing: the map shows through.
func (s *stageSurface) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// refocus takes the keyboard back from the map, which takes it on a tap.
func (s *stageSurface) refocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil {
		c.Focus(s)
	}
}

// Tapped selects on the map.
func (s *stageSurface) Tapped(ev *fyne.PointEvent) { s.m.Tapped(ev); s.refocus() }

// DoubleTapped zooms the map in.
func (s *stageSurface) DoubleTapped(ev *fyne.PointEvent) { s.m.DoubleTapped(ev); s.refocus() }

// Scrolled zooms the map.
func (s *stageSurface) Scrolled(ev *fyne.ScrollEvent) { s.m.Scrolled(ev) }

// Dragged pans the map.
func (s *stageSurface) Dragged(ev *fyne.DragEvent) { s.m.Dragged(ev) }

// DragEnd ends a pan.
func (s *stageSurface) DragEnd() { s.m.DragEnd() }

// MouseDown implements desktop.Mouseable.
func (s *stageSurface) MouseDown(ev *desktop.MouseEvent) { s.m.MouseDown(ev) }

// MouseUp implements desktop.Mouseable.
func (s *stageSurface) MouseUp(ev *desktop.MouseEvent) { s.m.MouseUp(ev) }

// MouseIn implements desktop.Hoverable.
func (s *stageSurface) MouseIn(ev *desktop.MouseEvent) { s.m.MouseIn(ev) }

// MouseMoved shows the map's hover tips.
func (s *stageSurface) MouseMoved(ev *desktop.MouseEvent) { s.m.MouseMoved(ev) }

// MouseOut implements desktop.Hoverable.
func (s *stageSurface) MouseOut() { s.m.MouseOut() }

// Cursor is the map's.
func (s *stageSurface) Cursor() desktop.Cursor { return s.m.Cursor() }

// FocusGained implements fyne.Focusable.
func (s *stageSurface) FocusGained() {}

// FocusLost implements fyne.Focusable.
func (s *stageSurface) FocusLost() {}

// TypedKey hands the key to the stage.
func (s *stageSurface) TypedKey(ev *fyne.KeyEvent) {
	if s.key != nil {
		s.key(ev)
	}
}

// TypedRune hands the character to the stage.
func (s *stageSurface) TypedRune(r rune) {
	if s.typed != nil {
		s.typed(r)
	}
}

// presentTheme is the stage's theme: dark, with type scaled up for a
// projector.
type presentTheme struct{ scale float32 }

func (t presentTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, theme.VariantDark)
}

func (t presentTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t presentTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t presentTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText,
		theme.SizeNameCaptionText, theme.SizeNameInlineIcon:
		return s * t.scale
	}
	return s
}

// Stage colours.
var (
	cardFill   = color.NRGBA{R: 16, G: 20, B: 28, A: 218}
	trailColor = color.NRGBA{R: 255, G: 176, B: 32, A: 255}
)

// card puts content on a dark rounded panel.
func card(content fyne.CanvasObject) *fyne.Container {
	bg := canvas.NewRectangle(cardFill)
	bg.CornerRadius = 10
	return container.NewStack(bg, container.New(&padLayout{pad: 14}, content))
}

// padLayout insets its objects by pad on every side.
type padLayout struct{ pad float32 }

func (l *padLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(l.pad, l.pad))
		o.Resize(fyne.NewSize(max(0, size.Width-2*l.pad), max(0, size.Height-2*l.pad)))
	}
}

func (l *padLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			s = s.Max(o.MinSize())
		}
	}
	return s.AddWidthHeight(2*l.pad, 2*l.pad)
}

// corner says where a pinned overlay sits.
type corner int

// The corners (and edges' centres) an overlay can be pinned to.
const (
	topLeft corner = iota
	topRight
	bottomLeft
	bottomRight
	bottomCenter
)

// pinLayout pins its one object to a corner of the stage with a margin,
// at its minimum size, or at the width its width function asks for (given
// the stage's width) for objects that wrap. It asks for no space itself,
// so the stage never grows the window.
type pinLayout struct {
	at     corner
	dx, dy float32 // margins from the corner
	width  func(stageWidth float32) float32
}

func (l *pinLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		ms := o.MinSize()
		w := ms.Width
		if l.width != nil {
			w = max(l.width(size.Width), 1)
			o.Resize(fyne.NewSize(w, ms.Height)) // wrapping text needs the width first
			ms = o.MinSize()
		}
		w, h := max(0, min(w, size.Width-2*l.dx)), max(0, min(ms.Height, size.Height-2*l.dy))
		var x, y float32
		switch l.at {
		case topLeft:
			x, y = l.dx, l.dy
		case topRight:
			x, y = size.Width-w-l.dx, l.dy
		case bottomLeft:
			x, y = l.dx, size.Height-h-l.dy
		case bottomRight:
			x, y = size.Width-w-l.dx, size.Height-h-l.dy
		case bottomCenter:
			x, y = (size.Width-w)/2, size.Height-h-l.dy
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
	}
}

func (l *pinLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

// pinned pins o with l.
func pinned(o fyne.CanvasObject, l *pinLayout) *fyne.Container { return container.New(l, o) }
