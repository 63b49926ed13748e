package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frontier/data"
)

// savePathDialog asks where to write a file: a folder (typed, or picked
// with Choose…) and a file name. Frontier does not use Fyne's file-save
// dialog: that creates, and so empties, the chosen file before Frontier
// sees it — a store picked by mistake would be destroyed while open. Here
// nothing is touched until the caller writes the file (through a
// temporary file renamed into place), a Frontier store is never a target,
// and replacing an existing file is asked first.
type savePathDialog struct {
	dlg    *dialog.ConfirmDialog
	folder *widget.Entry
	name   *widget.Entry
}

// lastSaveFolderPref remembers the folder of the last file saved.
const lastSaveFolderPref = "save.lastFolder"

// showSavePath shows a savePathDialog titled title with intro above the
// form, starting at folder (empty: the last folder saved to, else the
// home folder) and name. ext, when not empty, is added to a name without
// it. save is called with the checked path once the user confirms (and,
// for an existing file, agrees to replace it).
func showSavePath(win fyne.Window, title, confirm, intro, folder, name, ext string, save func(path string)) *savePathDialog {
	d := &savePathDialog{}
	if folder == "" {
		folder = defaultSaveFolder()
	}
	var body fyne.CanvasObject
	body, d.folder, d.name = saveForm(win, intro, folder, name)
	d.dlg = dialog.NewCustomConfirm(title, confirm, "Cancel", body, func(ok bool) {
		if !ok {
			return
		}
		path, err := savePath(d.folder.Text, d.name.Text, ext)
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if a := fyne.CurrentApp(); a != nil {
			a.Preferences().SetString(lastSaveFolderPref, filepath.Dir(path))
		}
		if _, err := os.Stat(path); err == nil {
			dialog.ShowConfirm("Replace the file?", filepath.Base(path)+" already exists in\n"+filepath.Dir(path)+".\nReplace it?", func(ok bool) {
				if ok {
					save(path)
				}
			}, win)
			return
		}
		save(path)
	}, win)
	d.dlg.Resize(fyne.NewSize(620, d.dlg.MinSize().Height))
	d.dlg.Show()
	return d
}

// saveForm is the body of a dialog asking where to save: intro (when not
// empty) above a folder entry with a Choose… button and a file name entry.
func saveForm(win fyne.Window, intro, folder, name string) (body fyne.CanvasObject, folderEntry, nameEntry *widget.Entry) {
	folderEntry, nameEntry = widget.NewEntry(), widget.NewEntry()
	folderEntry.SetText(folder)
	nameEntry.SetText(name)
	browse := widget.NewButton("Choose…", func() { chooseFolder(win, folderEntry.SetText) })
	form := widget.NewForm(
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, browse, folderEntry)),
		widget.NewFormItem("File name", nameEntry))
	if intro == "" {
		return form, folderEntry, nameEntry
	}
	return container.NewVBox(widget.NewLabel(intro), form), folderEntry, nameEntry
}

// defaultSaveFolder is the folder last saved to, else the home folder.
func defaultSaveFolder() string {
	if a := fyne.CurrentApp(); a != nil {
		if dir := a.Preferences().String(lastSaveFolderPref); dir != "" {
			if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
				return dir
			}
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}

// savePath joins folder and name into the path to write, adding ext to a
// name without it, and refuses what must not be written over: a missing
// folder, a folder, a Frontier store or backup (a bbolt file).
func savePath(folder, name, ext string) (string, error) {
	folder, name = strings.TrimSpace(folder), strings.TrimSpace(name)
	if name == "" {
		return "", errors.New("save: give the file a name")
	}
	if strings.ContainsRune(name, os.PathSeparator) {
		return "", fmt.Errorf("save: %q is a file name with a folder in it; choose the folder above", name)
	}
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("save: there is no folder %s", folder)
	}
	if ext != "" && !strings.EqualFold(filepath.Ext(name), ext) {
		name += ext
	}
	path := filepath.Join(folder, name)
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return "", fmt.Errorf("save: %s is a folder", path)
	}
	if data.IsStoreFile(path) {
		return "", fmt.Errorf("save: %s is a Frontier store (or a backup of one); choose another name so it is not overwritten", path)
	}
	return path, nil
}
