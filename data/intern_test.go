package data

import (
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestInternerStaging(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.newInterner(), s.newInterner()
	idA, _ := a.intern("TTP")
	idB, _ := b.intern("TTP")
	if idA != idB || idA == 0 {
		t.Fatalf("one string, two IDs: %d %d", idA, idB)
	}
	if s.lookup(idA) != "TTP" {
		t.Fatalf("reserved string not visible to lookup")
	}
	// a's transaction fails; b's commits: b must have written the string.
	fa, fb := a.take(), b.take()
	if len(fa) != 1 || len(fb) != 1 {
		t.Fatalf("both interners must carry the staged string: %v %v", fa, fb)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return putStrings(tx, fb) }); err != nil {
		t.Fatal(err)
	}
	s.markDurable(fb)
	c := s.newInterner()
	c.intern("TTP")
	if f := c.take(); len(f) != 0 {
		t.Errorf("durable string still staged: %v", f)
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.lookup(idA) != "TTP" {
		t.Errorf("string lost across reopen")
	}
	d := s.newInterner()
	if id, _ := d.intern("ISKP"); id == idA {
		t.Errorf("new string reused ID %d", id)
	}
}
