package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// setRawSchema writes schema version v into the store file at path with
// bbolt directly, as another Frontier would have.
func setRawSchema(t *testing.T, path string, v int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(v))
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), b[:])
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

// A store from a newer Frontier is refused, writable or read-only, with a
// message naming both versions and what to do; nothing is written to it.
func TestNewerSchemaRefused(t *testing.T) {
	s := openTemp(t)
	path := s.Path()
	addTestLayer(t, s, "Work")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	newer := SchemaVersion + 1
	setRawSchema(t, path, newer)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		if !errors.Is(err, ErrNewerSchema) {
			t.Fatalf("read-only %v: %v, want ErrNewerSchema", ro, err)
		}
		msg := err.Error()
		for _, want := range []string{
			path,
			fmt.Sprintf("written by a newer Frontier (schema version %d)", newer),
			fmt.Sprintf("this Frontier reads schema versions up to %d", SchemaVersion),
			"open it with that newer Frontier, or restore a backup",
		} {
			if !strings.Contains(msg, want) {
				t.Errorf("read-only %v: %q does not say %q", ro, msg, want)
			}
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("read-only %v: the refused store's bytes changed", ro)
		}
		if m, _ := filepath.Glob(path + ".*"); len(m) != 0 {
			t.Errorf("read-only %v: files written beside a refused store: %v", ro, m)
		}
	}
}

// A new store and a current one are not backed up: only upgrading a store
// that holds data is.
func TestNoMigrationNoBackup(t *testing.T) {
	s := openTemp(t)
	if from, backup := s.Migration(); from != 0 || backup != "" {
		t.Errorf("new store: Migration() = %d %q", from, backup)
	}
	s = reopen(t, s)
	if from, backup := s.Migration(); from != 0 || backup != "" {
		t.Errorf("current store: Migration() = %d %q", from, backup)
	}
	if m, _ := filepath.Glob(s.Path() + ".*"); len(m) != 0 {
		t.Errorf("files beside the store: %v", m)
	}
}

// An existing backup is never replaced: the next one gets a number.
func TestMigrationBackupKeepsOlderBackups(t *testing.T) {
	path := copyFixture(t, 1)
	first := path + ".schema1.backup"
	second := path + ".schema1.2.backup"
	if err := os.WriteFile(first, []byte("an earlier backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(second, []byte("another"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := path + ".schema1.3.backup"
	if from, backup := s.Migration(); from != 1 || backup != want {
		t.Errorf("Migration() = %d %q, want 1 %q", from, backup, want)
	}
	if schema, n, _ := rawStore(t, want); schema != 1 || n == 0 {
		t.Errorf("backup %s: schema %d, %d events", want, schema, n)
	}
	for p, content := range map[string]string{first: "an earlier backup", second: "another"} {
		if b, _ := os.ReadFile(p); string(b) != content {
			t.Errorf("%s was replaced: %q", p, b)
		}
	}
}

// checkBackupRefusal opens the old store at path, whose backup cannot be
// written: Open refuses, saying why and that the store was not changed,
// and the file is byte for byte what it was.
func checkBackupRefusal(t *testing.T, path string) {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err == nil {
		s.Close()
		t.Fatal("an old store whose backup cannot be written was opened")
	}
	for _, want := range []string{"schema version 1", fmt.Sprintf("upgrades it to %d", SchemaVersion), "could not be written", "the store was not changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the store's bytes changed although its backup failed")
	}
	if schema, _, _ := rawStore(t, path); schema != 1 {
		t.Errorf("store schema %d after a refused upgrade, want 1", schema)
	}
}

// A backup that cannot be written beside the store (its name is too long
// for the file system, as it is for every user, root included) stops the
// upgrade.
func TestMigrationRefusedWhenBackupFails(t *testing.T) {
	src := copyFixture(t, 1)
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// 250 bytes: a valid file name; with ".schema1.backup" it is not.
	path := filepath.Join(t.TempDir(), strings.Repeat("s", 247)+".db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Skipf("this file system takes no 250-byte names: %v", err)
	}
	checkBackupRefusal(t, path)
}

// A read-only folder stops the upgrade too (where permissions bind: not
// for root).
func TestMigrationRefusedInReadOnlyFolder(t *testing.T) {
	path := copyFixture(t, 1)
	dir := filepath.Dir(path)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if f, err := os.CreateTemp(dir, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Skip("the folder stays writable (running as root)")
	}
	checkBackupRefusal(t, path)
}
