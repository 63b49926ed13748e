// Package app is Frontier's desktop app: the composition root that opens
// the store, builds the main window and is the one place where worker
// goroutines meet the UI (through fyne.Do, see state.go).
package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"frontier/app/appicon"
	"frontier/data"
)

// AppID is the application ID; it matches FyneApp.toml.
const AppID = "io.frontier.app"

// Fallback metadata, used when the binary was built without the fyne tool
// and FyneApp.toml is not beside it. It matches FyneApp.toml (a test
// checks).
const (
	appName    = "Frontier"
	appVersion = "0.1.0"
	appBuild   = 1
)

// Options configure Run.
type Options struct {
	// DBPath is the store file; it is created, with the embedded sample
	// imported, when it does not exist.
	DBPath string
}

// Run opens the store at opt.DBPath, shows the main window and returns when
// the user quits. When the store cannot be opened a window says why; for a
// store another Frontier holds it offers a read-only copy (startup.go).
func Run(opt Options) (err error) {
	if opt.DBPath == "" {
		return errors.New("open the desktop app: no store file given")
	}
	// The index is a large, long-lived and mostly pointer-free heap that is
	// cheap to mark; collecting at 50% growth instead of 100% keeps ~30 MB
	// less resident with a million events loaded.
	debug.SetGCPercent(50)
	a := fyneapp.NewWithID(AppID)
	ensureMetadata(a)
	store, ix, err := openStore(opt.DBPath, time.Second)
	if err != nil {
		// A window says why and, for a store another Frontier holds,
		// offers a read-only copy of it.
		return runStartup(a, opt.DBPath, err)
	}
	m := showMain(a, store, ix, nil, "")
	a.Run()
	return m.close()
}

// windowTitle names the window after the store it shows.
func windowTitle(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return "Frontier — " + path
}

// openStore opens the store at path, waiting up to lockTimeout for another
// Frontier to let go of it, and loads its index. A store that did not exist
// is a first start: the embedded sample is imported into it.
func openStore(path string, lockTimeout time.Duration) (*data.Store, *data.Index, error) {
	_, statErr := os.Stat(path)
	firstStart := errors.Is(statErr, os.ErrNotExist)
	store, err := data.Open(path, data.Options{LockTimeout: lockTimeout})
	if err != nil {
		return nil, nil, err
	}
	if firstStart {
		if _, err := store.ImportSample(context.Background()); err != nil {
			store.Close()
			os.Remove(path) // so that the next start tries again
			return nil, nil, fmt.Errorf("first start: import the sample into %s: %w", path, err)
		}
	}
	ix, err := data.LoadIndex(store)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return store, ix, nil
}

// appMetadata returns a's metadata with the name, ID, version and build
// filled in from the fallbacks where missing (a binary built without the fyne
// tool and run away from FyneApp.toml, or the test driver).
func appMetadata(a fyne.App) fyne.AppMetadata {
	md := a.Metadata()
	if md.Name == "" {
		md.ID, md.Name, md.Version, md.Build = AppID, appName, appVersion, appBuild
	}
	return md
}

// ensureMetadata makes the fallback metadata and the drawn icon the app's
// own when none was packaged.
func ensureMetadata(a fyne.App) {
	md := appMetadata(a)
	if md.Icon == nil {
		var buf bytes.Buffer
		if err := png.Encode(&buf, appicon.Draw(256)); err == nil {
			md.Icon = fyne.NewStaticResource("Icon.png", buf.Bytes())
		}
	}
	fyneapp.SetMetadata(md)
	if md.Icon != nil {
		a.SetIcon(md.Icon)
	}
}
