package app

import (
	"errors"

	"fyne.io/fyne/v2/dialog"

	"frontier/brief"
	"frontier/data"
	"frontier/mapview"
)

// errNoBriefStore is the briefing dialogs' error when the window shows
// no store (only tests build one so).
var errNoBriefStore = errors.New("no store is open")

// briefSourceNow is the briefing Source of the store on screen.
func (u *mainUI) briefSourceNow() (*brief.Source, error) {
	if u.sess == nil || u.sess.store == nil {
		return nil, errNoBriefStore
	}
	return newBriefSource(u.sess.store, u.st.ix)
}

// briefCurrent is what Export image… and Export animation… draw: the map
// as it is on screen, captured as a view would be (centre and zoom, the
// current filter and time window, the layers shown, the selected event),
// untitled (the dialog asks for a title).
func (u *mainUI) briefCurrent() (*brief.Source, data.View, error) {
	src, err := u.briefSourceNow()
	if err != nil {
		return nil, data.View{}, err
	}
	v := u.brief.captureView()
	if vp := u.mapP.m.View(); vp.Zoom == 0 && vp.CenterX == 0 && vp.CenterY == 0 {
		home := mapview.FitBound(mapview.HomeBound(), 1920, 1080, 1, 0, 11) // a map never shown
		v.CenterLon, v.CenterLat = data.InverseMercator(home.CenterX, home.CenterY)
		v.Zoom = home.Zoom
	}
	return src, v, nil
}

// briefDeck is what Export deck… draws: the saved views in deck order.
func (u *mainUI) briefDeck() (*brief.Source, []data.View, error) {
	src, err := u.briefSourceNow()
	if err != nil {
		return nil, nil, err
	}
	views, err := u.sess.store.Views()
	return src, views, err
}

// briefPackage is what Export briefing package… writes: the events
// passing the current filter, and the saved views.
func (u *mainUI) briefPackage() (*brief.Source, []int32, []data.View, error) {
	src, views, err := u.briefDeck()
	if err != nil {
		return nil, nil, nil, err
	}
	return src, u.st.snap.result.Rows, views, nil
}

// mergeBriefing runs Merge briefing package into this store…, then loads
// the merged layers and events as an import does.
func (u *mainUI) mergeBriefing() {
	if u.refuseWrite("Merging a briefing package") {
		return
	}
	if u.sess == nil || u.sess.store == nil {
		dialog.ShowError(errNoBriefStore, u.win)
		return
	}
	showMergePackage(u.win, u.sess.store, func(brief.PackageReport) { u.sess.reloadAll("merged") })
}
