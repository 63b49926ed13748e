// Package envlocale keeps Fyne from logging "Error parsing user locale C"
// on every start when the process runs under the C or POSIX locale (common
// in terminals, containers and CI). Fyne reads the locale while its
// packages initialise, so this package fixes the environment in its own
// init: main imports it, and Go initialises packages in import-path order,
// "frontier/…" before "fyne.io/…".
//
// The locale environment has no other effect on a Go program: only the
// language Fyne picks for its own strings (English, as it would fall back
// to anyway) changes.
package envlocale

import (
	"os"
	"strings"
)

func init() { Fix(os.Getenv, os.Setenv, os.Unsetenv) }

// cLike reports whether a locale name is the C/POSIX locale, which has no
// language Fyne can parse.
func cLike(v string) bool {
	return v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.")
}

// Fix makes the message locale English when the environment gives none or
// the C locale, in the variables Fyne consults (LC_ALL, LC_MESSAGES, LANG,
// first set wins). A real locale is left alone.
func Fix(getenv func(string) string, setenv func(string, string) error, unsetenv func(string) error) {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		if !cLike(v) {
			return
		}
		if k == "LC_ALL" {
			_ = unsetenv("LC_ALL")
		}
		break
	}
	_ = setenv("LC_MESSAGES", "en_US.UTF-8")
}
