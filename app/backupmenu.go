package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/internal/files"
)

// backupItem is File → Back Up Store…
func (u *mainUI) backupItem() *fyne.MenuItem {
	return fyne.NewMenuItem("Back Up Store…", func() { u.chooseBackup() })
}

// defaultBackupName names a backup made at t:
// frontier-backup-2026-11-26-1405.db.
func defaultBackupName(t time.Time) string {
	return "frontier-backup-" + t.Format("2006-01-02-1504") + ".db"
}

// backupDialog asks where to write a backup: a folder (the store's by
// default) and a file name, as savePathDialog does (see there why not
// Fyne's file-save dialog), with the backup's own checks: a backup may
// replace an older backup, never the store.
type backupDialog struct {
	dlg    *dialog.ConfirmDialog
	folder *widget.Entry
	name   *widget.Entry
	// done, when set, is told the outcome instead of a dialog (tests).
	done func(path string, size int64, err error)
}

// chooseBackup shows the backup dialog; Back Up writes the copy.
func (u *mainUI) chooseBackup() *backupDialog {
	if u.sess == nil || u.sess.store == nil {
		u.fail(errors.New("back up: no store is open"))
		return nil
	}
	b := &backupDialog{}
	what := "A consistent copy of the store as it is now; Frontier stays open and usable meanwhile."
	if ro := u.sess.ro; ro != nil {
		what = "A copy of this read-only copy, as taken at " + ro.taken.Format("15:04") + "."
	}
	var body fyne.CanvasObject
	body, b.folder, b.name = saveForm(u.win, what, filepath.Dir(u.storeOnDisk()), defaultBackupName(time.Now()))
	b.dlg = dialog.NewCustomConfirm("Back Up Store", "Back Up", "Cancel", body, func(ok bool) {
		if ok {
			u.backupTo(filepath.Join(strings.TrimSpace(b.folder.Text), strings.TrimSpace(b.name.Text)), b.done)
		}
	}, u.win)
	b.dlg.Resize(fyne.NewSize(620, b.dlg.MinSize().Height))
	b.dlg.Show()
	return b
}

// storeOnDisk is the store file the window shows (for a read-only copy:
// the store it was copied from).
func (u *mainUI) storeOnDisk() string {
	if ro := u.sess.ro; ro != nil {
		return ro.of
	}
	return absPath(u.sess.store.Path())
}

// backupTo checks path and writes the backup there on a worker, with a
// progress dialog, then says where it went and how big it is (or tells
// done).
func (u *mainUI) backupTo(path string, done func(path string, size int64, err error)) {
	report := func(size int64, err error) {
		switch {
		case done != nil:
			done(path, size, err)
		case err != nil:
			u.fail(err)
		default:
			dialog.ShowInformation("Backup written", fmt.Sprintf("The store was backed up to\n%s\n(%s).", path, files.SizeText(size)), u.win)
		}
	}
	if err := u.checkBackupPath(path); err != nil {
		report(0, err)
		return
	}
	write := func() {
		bar := widget.NewProgressBar()
		prog := dialog.NewCustomWithoutButtons("Backing up", container.NewVBox(widget.NewLabel("Writing "+path+"…"), bar), u.win)
		prog.Resize(fyne.NewSize(520, prog.MinSize().Height))
		prog.Show()
		store := u.sess.store
		go func() {
			size, err := store.Backup(context.Background(), path, func(d, t int64) {
				if t > 0 {
					postToUI(func() { bar.SetValue(float64(d) / float64(t)) })
				}
			})
			postToUI(func() {
				prog.Hide()
				report(size, err)
			})
		}()
	}
	if _, err := os.Stat(path); err == nil {
		dialog.ShowConfirm("Replace the file?", filepath.Base(path)+" already exists in\n"+filepath.Dir(path)+".\nReplace it with the backup?", func(ok bool) {
			if ok {
				write()
			}
		}, u.win)
		return
	}
	write()
}

// checkBackupPath refuses a backup path that is not a file in an
// existing folder, or is the store (or the store a read-only copy was
// taken from).
func (u *mainUI) checkBackupPath(path string) error {
	dir, name := filepath.Split(path)
	if strings.TrimSpace(name) == "" {
		return errors.New("back up: give the backup a file name")
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("back up: no folder %s", dir)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("back up: %s is a folder", path)
	}
	for _, own := range []string{u.sess.store.Path(), u.storeOnDisk()} {
		if files.Same(own, path) {
			return fmt.Errorf("back up: %s is the store itself; choose another file for the backup", path)
		}
	}
	return nil
}
