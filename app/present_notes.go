package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// notesWindow is the speaker notes window: a separate, ordinary window
// showing the current view's title and notes and the next view's title.
// Fyne cannot tell which screen a window is on, nor list the screens, so
// the presenter opens it (View → Speaker Notes Window) and drags it to
// the second screen; presenter mode keeps it open and drives it. While
// not presenting it shows the view selected in the Views tab, for
// rehearsing.
type notesWindow struct {
	b                        *briefing
	w                        fyne.Window
	pos, title, notes, later *widget.Label
}

// open shows the window (once).
func (n *notesWindow) open() {
	if n.w != nil {
		n.w.RequestFocus()
		return
	}
	a := n.b.u.app
	n.w = a.NewWindow("Speaker notes")
	n.pos = widget.NewLabel("")
	n.pos.SizeName = theme.SizeNameCaptionText
	n.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	n.title.SizeName = theme.SizeNameHeadingText
	n.title.Wrapping = fyne.TextWrapWord
	n.notes = widget.NewLabel("")
	n.notes.Wrapping = fyne.TextWrapWord
	n.notes.SizeName = theme.SizeNameSubHeadingText
	n.later = widget.NewLabel("")
	n.later.Wrapping = fyne.TextWrapWord
	n.later.TextStyle.Italic = true
	top := container.NewVBox(n.pos, n.title, widget.NewSeparator())
	bottom := container.NewVBox(widget.NewSeparator(), n.later)
	n.w.SetContent(container.NewBorder(top, bottom, nil, nil, container.NewVScroll(n.notes)))
	n.w.Resize(fyne.NewSize(560, 420))
	// The clicker may be talking to this window: the same keys work here.
	n.w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch {
		case n.b.pres.active:
			n.b.pres.key(ev)
		case ev.Name == fyne.KeyF5:
			n.b.present(0)
		}
	})
	n.w.SetOnClosed(func() {
		n.w = nil
		n.b.setNotesChecked(false)
	})
	if n.b.pres.active {
		n.show(n.b.pres.deck, n.b.pres.i)
	} else {
		n.showSelected()
	}
	n.w.Show()
	n.b.setNotesChecked(true)
}

// close closes the window.
func (n *notesWindow) close() {
	if n.w != nil {
		n.w.Close() // SetOnClosed clears n.w
		n.w = nil
		n.b.setNotesChecked(false)
	}
}

// isOpen reports whether the window is shown.
func (n *notesWindow) isOpen() bool { return n.w != nil }

// show writes view i of deck (with the next one's title).
func (n *notesWindow) show(deck []data.View, i int) {
	if n.w == nil {
		return
	}
	if i < 0 || i >= len(deck) {
		n.pos.SetText("No view")
		n.title.SetText("")
		n.notes.SetText("Select a view in the Views tab, or present the deck (F5).")
		n.later.SetText("")
		return
	}
	v := deck[i]
	n.pos.SetText(fmt.Sprintf("View %d of %d · %s", i+1, len(deck), windowLine(&v.Filter)))
	n.title.SetText(v.Title)
	notes := v.Notes
	if notes == "" {
		notes = "(no speaker notes)"
	}
	n.notes.SetText(notes)
	if i+1 < len(deck) {
		n.later.SetText("Next: " + deck[i+1].Title)
	} else {
		n.later.SetText("Last view of the deck.")
	}
}

// showSelected shows the view selected in the Views tab.
func (n *notesWindow) showSelected() {
	if n.w == nil {
		return
	}
	n.show(n.b.panel.deck, n.b.panel.selectedIndex())
}

// toggleNotesWindow opens or closes the speaker notes window.
func (b *briefing) toggleNotesWindow() {
	if b.notes.isOpen() {
		b.notes.close()
	} else {
		b.notes.open()
	}
}

// setNotesChecked ticks View → Speaker Notes Window.
func (b *briefing) setNotesChecked(on bool) {
	if b.notesItem == nil || b.notesItem.Checked == on {
		return
	}
	b.notesItem.Checked = on
	if m := b.u.win.MainMenu(); m != nil {
		m.Refresh()
	}
}
