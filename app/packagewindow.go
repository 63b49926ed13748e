package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"frontier/brief"
	"frontier/data"
)

// openBriefingPackage is File → Open Briefing Package…: the package is
// unpacked into a temporary store of its own and shown in a second window,
// at its first saved view. The user's own store is not touched; Merge
// Briefing Package into This Store… keeps it.
func (u *mainUI) openBriefingPackage() {
	showOpenPackage(u.win, func(storePath string, _ brief.PackageReport) {
		if _, err := openPackageWindow(u.sess.a, storePath); err != nil {
			dialog.ShowError(err, u.win)
			_ = removePackageTemp(storePath)
		}
	})
}

// openPackageWindow shows the temporary store of a briefing package in a
// new window; closing the window closes and removes the store.
func openPackageWindow(a fyne.App, storePath string) (*session, error) {
	name := strings.TrimSuffix(filepath.Base(storePath), filepath.Ext(storePath))
	store, err := data.Open(storePath, data.Options{LockTimeout: time.Second})
	if err != nil {
		return nil, fmt.Errorf("open briefing package %s: %w", name, err)
	}
	ix, err := data.LoadIndex(store)
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("open briefing package %s: %w", name, err)
	}
	w := a.NewWindow("Briefing package " + name + " — a temporary copy (merge it to keep it)")
	s := &session{a: a, w: w, store: store}
	s.open(ix)
	if views, err := store.Views(); err == nil && len(views) > 0 {
		s.ui.brief.applyView(&views[0])
	}
	srv := serveStore(store) // another Frontier on this file is told who has it
	w.SetOnClosed(func() {
		s.close()
		if srv != nil {
			srv.Close()
		}
		store.Close()
		_ = removePackageTemp(storePath)
	})
	w.Resize(fyne.NewSize(1400, 900))
	w.Show()
	return s, nil
}
