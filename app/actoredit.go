package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// showActorMenu shows the menu of actor id (the Actors panel's
// right-click or ⋯ button) at a window position: rename, merge into
// another actor, colour, type, groups, and splitting off its aliases.
func (u *mainUI) showActorMenu(id uint32, at fyne.Position) {
	if u.sess.curation() == nil {
		return
	}
	u.lastContextMenu = u.actorMenu(id)
	widget.ShowPopUpMenuAtPosition(u.lastContextMenu, u.win.Canvas(), at)
}

// actorMenu is the menu of actor id.
func (u *mainUI) actorMenu(id uint32) *fyne.Menu {
	ix := u.st.ix
	name := ix.Strings[id]
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Rename…", func() { u.askRenameActor(name) }),
		fyne.NewMenuItem("Merge Into Another Actor…", func() { u.askMergeActor(name) }),
		fyne.NewMenuItem("Colour…", func() { u.askActorColour(id) }),
		fyne.NewMenuItem("Type…", func() { u.askActorType(id) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Add to Group…", func() { u.askActorGroup(name) }),
	}
	canon := ix.Canonical(name)
	for _, g := range ix.GroupNames() {
		if slices.Contains(ix.GroupMembers(g), canon) {
			items = append(items, fyne.NewMenuItem("Remove from Group "+g, func() { u.removeFromGroup(g, name) }))
		}
	}
	if al := ix.AliasesOf(id); len(al) > 0 {
		items = append(items, fyne.NewMenuItemSeparator())
		for _, a := range al {
			items = append(items, fyne.NewMenuItem("Split Off Alias “"+a+"”", func() { u.splitAlias(a) }))
		}
	}
	return fyne.NewMenu(name, items...)
}

// actorChange runs an actor change (rename, merge, style, group) and
// reports it in the status line; the rebuilt window's actor list, filter
// counts and map colours follow it. fail (nil: an error dialog) is told
// of a problem, done (may be nil) of success.
func (u *mainUI) actorChange(build func(s *data.Store) (data.EventChange, error), fail func(error), done func()) {
	u.runCuration(func(s *data.Store, _ *data.Index) (data.EventChange, error) { return build(s) }, nil,
		func(nu *mainUI, c data.EventChange, err error) bool {
			if err != nil {
				if fail != nil {
					fail(err)
					return true
				}
				return false
			}
			if done != nil {
				done()
			}
			return true
		})
}

// askActor shows a small form with one field, a message line for its
// problems, and OK; ok is called with the field's text and a function
// that reports a problem (the dialog stays open) or closes it.
func (u *mainUI) askActor(title, label string, field fyne.CanvasObject, text func() string,
	ok func(text string, fail func(error), done func())) {
	if u.refuseWrite(title) {
		return
	}
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	var d *dialog.CustomDialog
	fail := func(err error) {
		msg.SetText(err.Error())
		msg.Show()
	}
	okB := widget.NewButton("OK", func() { ok(text(), fail, func() { d.Hide() }) })
	okB.Importance = widget.HighImportance
	body := container.NewVBox(widget.NewLabel(label), field, msg)
	d = dialog.NewCustomWithoutButtons(title, body, u.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", func() { d.Hide() }), okB})
	d.Resize(fyne.NewSize(480, 0))
	u.actorDlg = d
	u.actorOK = okB
	u.actorMsg = msg
	d.Show()
	if f, isF := field.(fyne.Focusable); isF {
		u.win.Canvas().Focus(f)
	}
}

// askRenameActor asks for actor name's new name.
func (u *mainUI) askRenameActor(name string) {
	e := widget.NewEntry()
	e.SetText(name)
	u.askActor("Rename actor", "New name for “"+name+"” (the old name stays as its alias):", e,
		func() string { return e.Text }, func(to string, fail func(error), done func()) {
			to = strings.TrimSpace(to)
			if to == "" || to == name {
				fail(fmt.Errorf("enter a different name"))
				return
			}
			u.actorChange(func(s *data.Store) (data.EventChange, error) { return s.RenameActorChange(name, to) }, fail, done)
		})
	e.OnSubmitted = func(string) { u.actorOK.OnTapped() }
}

// askMergeActor asks which actor name is another spelling of.
func (u *mainUI) askMergeActor(name string) {
	others := slices.DeleteFunc(u.st.ix.ActorNames(), func(s string) bool { return s == name })
	e := widget.NewSelectEntry(data.Complete(others, "", maxCompletions))
	e.SetPlaceHolder("the actor to merge into")
	hint := widget.NewLabel("")
	hint.SizeName = theme.SizeNameCaptionText
	hint.Importance = widget.LowImportance
	e.OnChanged = func(s string) {
		opts := data.Complete(others, s, maxCompletions)
		e.SetOptions(opts)
		switch {
		case strings.TrimSpace(s) == "" || slices.Contains(others, strings.TrimSpace(s)):
			hint.SetText("")
		case len(opts) == 1:
			hint.SetText("OK merges into “" + opts[0] + "”")
		case len(opts) > 1:
			hint.SetText(fmt.Sprintf("%d actors match: pick one from the list", len(opts)))
		default:
			hint.SetText("No known actor matches")
		}
	}
	e.OnSubmitted = func(string) { u.actorOK.OnTapped() }
	u.askActor("Merge actor", "Merge “"+name+"” into (it becomes an alias, here and in later imports):", container.NewVBox(e, hint),
		func() string { return e.Text }, func(into string, fail func(error), done func()) {
			into = strings.TrimSpace(into)
			if opts := data.Complete(others, into, 2); !slices.Contains(others, into) && len(opts) == 1 {
				into = opts[0] // a unique completion
			}
			if !slices.Contains(others, into) {
				fail(fmt.Errorf("choose one of the known actors"))
				return
			}
			u.actorChange(func(s *data.Store) (data.EventChange, error) {
				c, err := s.MergeActorsChange([]string{name}, into)
				c.Label = fmt.Sprintf("Merge %s into %s", name, into)
				return c, err
			}, fail, done)
		})
	u.win.Canvas().Focus(e)
}

// askActorColour lets the user pick actor id's colour from the palette
// or as #rrggbb, or go back to the colour derived from its name.
func (u *mainUI) askActorColour(id uint32) {
	name := u.st.ix.Strings[id]
	var d *dialog.CustomDialog
	pick := func(rgb data.RGB) {
		u.actorChange(func(s *data.Store) (data.EventChange, error) {
			return s.SetActorStyleChange(name, &rgb, nil)
		}, nil, func() { d.Hide() })
	}
	field := newColourField(func(hex string) {
		rgb, err := data.ParseRGB(hex)
		if err != nil {
			return
		}
		if rgb.IsZero() {
			rgb = data.RGB{R: 1, G: 1, B: 1} // black; zero means "not set"
		}
		pick(rgb)
	})
	field.set(u.st.ix.ActorColor(id).Hex())
	def := widget.NewButton("Default Colour", func() { pick(data.RGB{}) })
	def.Importance = widget.LowImportance
	body := container.NewVBox(widget.NewLabel("Colour of “"+name+"” on the map, the timeline and in exports:"),
		field.content, def)
	d = dialog.NewCustom("Actor colour", "Close", body, u.win)
	u.actorDlg = d
	u.actorColour = field
	d.Show()
}

// askActorType asks for actor id's type (ACLED's, or any).
func (u *mainUI) askActorType(id uint32) {
	name := u.st.ix.Strings[id]
	e := widget.NewSelectEntry(actorTypeOrder)
	e.SetText(u.st.ix.ActorInfo[id].Type)
	u.askActor("Actor type", "Type of “"+name+"” (groups the Actors list):", e,
		func() string { return e.Text }, func(t string, fail func(error), done func()) {
			t = strings.TrimSpace(t)
			u.actorChange(func(s *data.Store) (data.EventChange, error) {
				return s.SetActorStyleChange(name, nil, &t)
			}, fail, done)
		})
}

// askActorGroup asks which group (new or existing) to put name in.
func (u *mainUI) askActorGroup(name string) {
	e := widget.NewSelectEntry(u.st.ix.GroupNames())
	e.SetPlaceHolder("group name, e.g. Pakistani state")
	u.askActor("Add to group", "Put “"+name+"” in the group (the Actors panel can then toggle the whole group):", e,
		func() string { return e.Text }, func(g string, fail func(error), done func()) {
			g = strings.TrimSpace(g)
			if g == "" {
				fail(fmt.Errorf("enter a group name"))
				return
			}
			members := append(slices.Clone(u.st.ix.Groups[g]), name)
			u.actorChange(func(s *data.Store) (data.EventChange, error) { return s.SetGroupChange(g, members) }, fail, done)
		})
}

// removeFromGroup takes name (or the actor it stands for) out of group g.
func (u *mainUI) removeFromGroup(g, name string) {
	ix := u.st.ix
	canon := ix.Canonical(name)
	members := slices.DeleteFunc(slices.Clone(ix.Groups[g]), func(m string) bool { return ix.Canonical(m) == canon })
	u.actorChange(func(s *data.Store) (data.EventChange, error) { return s.SetGroupChange(g, members) }, nil, nil)
}

// splitAlias makes alias an actor of its own again.
func (u *mainUI) splitAlias(alias string) {
	u.actorChange(func(s *data.Store) (data.EventChange, error) { return s.UnaliasActorChange(alias) }, nil, nil)
}
