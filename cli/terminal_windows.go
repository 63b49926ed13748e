package cli

import (
	"os"

	"golang.org/x/sys/windows"
)

// stdinIsTerminal reports whether the process's standard input is a
// console (so a person may answer a question).
func stdinIsTerminal() bool {
	var mode uint32
	return windows.GetConsoleMode(windows.Handle(os.Stdin.Fd()), &mode) == nil
}
