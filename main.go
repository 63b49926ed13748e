// Command frontier is an offline map-and-timeline explorer for geotagged
// events. With no subcommand it opens the desktop app; `frontier help`
// lists the subcommands that work on a store from the shell.
package main

import (
	"os"

	"frontier/app"
	"frontier/cli"
	_ "frontier/internal/envlocale" // before Fyne initialises: see the package doc
)

func main() {
	env := &cli.Env{
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		GUI:    func(db string) error { return app.Run(app.Options{DBPath: db}) },
	}
	os.Exit(cli.Run(env, os.Args[1:]))
}
