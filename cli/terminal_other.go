//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package cli

// stdinIsTerminal reports false: this system's terminals are not known.
func stdinIsTerminal() bool { return false }
