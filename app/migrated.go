package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"frontier/data"
)

// noticeMigration tells the user, once the window w is up, that opening
// store upgraded it from an older Frontier and where the old file is
// kept. It does nothing when the store was not upgraded. Run calls it
// after the session opens, before the event loop starts: the dialog is
// posted to the loop, which shows it once the window is shown.
func noticeMigration(w fyne.Window, store *data.Store) {
	from, backup := store.Migration()
	if from == 0 {
		return
	}
	path := store.Path()
	go postToUI(func() { showMigrationNotice(w, path, from, backup) })
}

// showMigrationNotice shows, over w, the information dialog saying that
// the store at path was upgraded from schema version from and that the
// old file is kept at backup.
func showMigrationNotice(w fyne.Window, path string, from int, backup string) dialog.Dialog {
	d := dialog.NewInformation("Store upgraded", migrationMessage(path, from, backup), w)
	d.Show()
	return d
}

// migrationMessage is the text of the upgrade notice.
func migrationMessage(path string, from int, backup string) string {
	return fmt.Sprintf("This store was written by an older Frontier (schema version %d)\n"+
		"and has been upgraded to schema version %d:\n%s\n\n"+
		"The old file is kept, unchanged, at:\n%s\n\n"+
		"Older Frontiers can open that copy, not the upgraded store.\n"+
		"Delete the copy once you no longer need it.",
		from, data.SchemaVersion, path, backup)
}
