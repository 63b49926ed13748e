package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
	"frontier/internal/storeshare"
)

// startup is the small window the desktop app shows when it cannot open
// its store: for a store another Frontier holds, the choice of a
// read-only copy taken from it (or Try Again when the holder does not
// answer); for any other failure, the error. It lives on the UI goroutine.
type startup struct {
	a       fyne.App
	path    string // the store, absolute
	openErr error  // why the store did not open (last try)
	w       fyne.Window
	dlg     dialog.Dialog
	// What the dialog on show says and its buttons (the tests read and
	// tap them); progress while a copy is taken.
	message  *widget.Label
	primary  *widget.Button // Open Read-Only Copy or Try Again (nil when none)
	cancel   *widget.Button // Cancel or Quit
	progress *widget.ProgressBar
	main     *mainWindow // the main window once opened
}

// runStartup shows why the store at path did not open (openErr) and runs
// the app until the user cancels or closes the main window opened from
// it. It returns openErr when the user gave up, else nil.
func runStartup(a fyne.App, path string, openErr error) error {
	st := newStartup(a, path, openErr)
	a.Run()
	if st.main == nil {
		return fmt.Errorf("open the desktop app: %w", st.openErr)
	}
	return st.main.close()
}

// newStartup shows the startup window for openErr.
func newStartup(a fyne.App, path string, openErr error) *startup {
	st := &startup{a: a, path: absPath(path), openErr: openErr}
	st.w = a.NewWindow("Frontier")
	st.w.Resize(fyne.NewSize(640, 260))
	st.w.SetFixedSize(true)
	st.w.CenterOnScreen()
	st.w.SetOnClosed(func() {
		if st.main == nil {
			a.Quit() // closed without choosing: nothing else is open
		}
	})
	st.w.Show()
	st.explain(openErr)
	return st
}

// explain shows the dialog for why the store did not open.
func (st *startup) explain(err error) {
	st.openErr = err
	if !errors.Is(err, data.ErrLocked) {
		st.show("Frontier cannot open the store", failureText(st.path, err), "", nil, "Quit")
		return
	}
	holder, werr := storeshare.Who(st.path)
	if werr != nil {
		st.show("Store in use", fmt.Sprintf("Another program holds the store\n%s\nand does not answer: an older Frontier, or a frontier command still running.\n\n"+
			"Close it, then try again.", st.path), "Try Again", st.tryAgain, "Cancel")
		return
	}
	st.show("Store open in another Frontier", fmt.Sprintf("This store is open in another Frontier (%s):\n%s\n\n"+
		"Open a read-only copy of it as it is now, or Cancel.", holder, st.path), "Open Read-Only Copy", st.takeCopy, "Cancel")
}

// failureText explains a store that did not open for another reason than
// another Frontier holding it.
func failureText(path string, err error) string {
	hint := "Check the file, or start Frontier with another store (--db PATH)."
	if errors.Is(err, data.ErrNewerSchema) {
		hint = "Open it with the newer Frontier that wrote it, or start this one with another store (--db PATH)."
	}
	return fmt.Sprintf("The store\n%s\ncould not be opened:\n%v\n\n%s", path, err, hint)
}

// show replaces the dialog on show with title and text, a primary button
// (none when label is "") and the cancelling one, which quits.
func (st *startup) show(title, text, label string, action func(), cancelLabel string) {
	if st.dlg != nil {
		st.dlg.Hide()
	}
	st.message = widget.NewLabel(text)
	st.message.Wrapping = fyne.TextWrapWord
	st.cancel = widget.NewButton(cancelLabel, st.quit)
	buttons := []fyne.CanvasObject{st.cancel}
	st.primary = nil
	if label != "" {
		st.primary = widget.NewButton(label, action)
		st.primary.Importance = widget.HighImportance
		buttons = append(buttons, st.primary)
	}
	st.progress = nil
	body := container.NewBorder(nil, container.NewCenter(container.NewHBox(buttons...)), nil, nil, st.message)
	st.dlg = dialog.NewCustomWithoutButtons(title, body, st.w)
	st.dlg.Resize(fyne.NewSize(600, 220))
	st.dlg.Show()
}

// quit ends the app: the user chose not to go on.
func (st *startup) quit() {
	st.dlg.Hide()
	st.w.Close()
	st.a.Quit()
}

// busy shows text with a progress bar (and no buttons) while work runs.
func (st *startup) busy(title, text string) {
	if st.dlg != nil {
		st.dlg.Hide()
	}
	st.message = widget.NewLabel(text)
	st.progress = widget.NewProgressBar()
	st.primary, st.cancel = nil, nil
	st.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(st.message, st.progress), st.w)
	st.dlg.Resize(fyne.NewSize(600, 160))
	st.dlg.Show()
}

// tryAgain opens the store again, off the UI goroutine.
func (st *startup) tryAgain() {
	st.busy("Opening the store", "Opening "+st.path+"…")
	go func() {
		store, ix, err := openStore(st.path, time.Second)
		postToUI(func() {
			if err != nil {
				st.explain(err)
				return
			}
			st.open(store, ix, nil, "")
		})
	}()
}

// takeCopy asks the holder for a copy of the store in a private temporary
// folder and opens it read-only, off the UI goroutine.
func (st *startup) takeCopy() {
	st.busy("Taking a read-only copy", "Copying "+st.path+"…")
	bar := st.progress
	go func() {
		store, ix, ro, dir, err := takeReadOnlyCopy(st.path, func(done, total int64) {
			postToUI(func() {
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
				}
			})
		})
		postToUI(func() {
			if err != nil {
				st.show("No copy taken", fmt.Sprintf("The copy of\n%s\ncould not be taken:\n%v", st.path, err), "Try Again", func() { st.explain(data.ErrLocked) }, "Cancel")
				return
			}
			st.open(store, ix, ro, dir)
		})
	}()
}

// takeReadOnlyCopy has the holder of the store at path write a copy into
// a new private temporary folder, opens the copy read-only and loads its
// index. On error nothing is left behind.
func takeReadOnlyCopy(path string, progress func(done, total int64)) (*data.Store, *data.Index, *readOnlyCopy, string, error) {
	dir, err := os.MkdirTemp("", "frontier-copy-*")
	if err != nil {
		return nil, nil, nil, "", fmt.Errorf("make a folder for the copy: %w", err)
	}
	copyPath := filepath.Join(dir, filepath.Base(path))
	taken := time.Now()
	if _, err := storeshare.Copy(path, copyPath, progress); err != nil {
		os.RemoveAll(dir)
		return nil, nil, nil, "", err
	}
	store, err := data.Open(copyPath, data.Options{ReadOnly: true})
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, nil, "", fmt.Errorf("open the copy: %w", err)
	}
	ix, err := data.LoadIndex(store)
	if err != nil {
		store.Close()
		os.RemoveAll(dir)
		return nil, nil, nil, "", fmt.Errorf("load the copy: %w", err)
	}
	unlinkOpenCopy(dir)
	return store, ix, &readOnlyCopy{of: path, taken: taken}, dir, nil
}

// unlinkOpenCopy removes the folder of a copy that is open, where the
// system lets an open file go on being read once it has no name (all but
// Windows): then nothing is left behind even if the app is killed. On
// Windows the folder goes when the window closes.
func unlinkOpenCopy(dir string) {
	if runtime.GOOS != "windows" {
		os.RemoveAll(dir)
	}
}

// open shows the store in the main window and closes the startup window.
func (st *startup) open(store *data.Store, ix *data.Index, ro *readOnlyCopy, copyDir string) {
	st.main = showMain(st.a, store, ix, ro, copyDir)
	st.dlg.Hide()
	st.w.Close()
}
