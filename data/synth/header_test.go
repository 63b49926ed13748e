package synth_test

import (
	"slices"
	"testing"

	"frontier/data"
	"frontier/data/synth"
)

// The generator keeps its own copy of the column names (package data's
// tests import this package, so it cannot import data); this keeps the two
// in step.
func TestHeaderMatchesACLEDColumns(t *testing.T) {
	if got := synth.ACLEDHeader(); !slices.Equal(got, data.ACLEDColumns) {
		t.Errorf("synth header %q\ndiffers from data.ACLEDColumns %q", got, data.ACLEDColumns)
	}
}
