package data

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrOlderSchema is returned by a read-only Open of a store that an older
// Frontier wrote: it must be upgraded first, which needs write access.
var ErrOlderSchema = errors.New("this store was written by an older Frontier and must be upgraded first")

// newerSchemaError says that a store of schema version have is beyond
// this build; it wraps ErrNewerSchema.
func newerSchemaError(have int) error {
	return fmt.Errorf("%w (schema version %d); this Frontier reads schema versions up to %d — open it with that newer Frontier, or restore a backup",
		ErrNewerSchema, have, SchemaVersion)
}

// olderSchemaError says that a store of schema version have needs an
// upgrade that a read-only open cannot make; it wraps ErrOlderSchema.
func olderSchemaError(have int) error {
	return fmt.Errorf("%w: it has schema version %d and this Frontier reads schema version %d; a read-only open cannot upgrade it — open it once with write access (a copy of the old file is kept beside it)",
		ErrOlderSchema, have, SchemaVersion)
}

// maxMigrationBackups bounds the numbered names tried for a backup.
const maxMigrationBackups = 1000

// migrationBackupPath returns the first free name for the copy of a store
// of schema version schema kept before upgrading it: <store>.schemaN.backup,
// else <store>.schemaN.2.backup, .3 and so on (an older backup is never
// replaced).
func migrationBackupPath(store string, schema int) (string, error) {
	base := fmt.Sprintf("%s.schema%d", store, schema)
	for i := 1; i <= maxMigrationBackups; i++ {
		p := base + ".backup"
		if i > 1 {
			p = fmt.Sprintf("%s.%d.backup", base, i)
		}
		_, err := os.Lstat(p)
		if errors.Is(err, os.ErrNotExist) {
			return p, nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("%s.backup and %d numbered backups beside it already exist", base, maxMigrationBackups-1)
}

// backupBeforeMigration writes a consistent copy of the store, still at
// schema version have, beside it and returns its name. The copy is on
// disk (synced) before this returns; when it cannot be written the store
// must not be upgraded.
func (s *Store) backupBeforeMigration(have int) (string, error) {
	fail := func(err error) (string, error) {
		return "", fmt.Errorf("it has schema version %d and this Frontier upgrades it to %d after keeping a copy of the old file, which could not be written: %w; the store was not changed (free some disk space or make its folder writable, then open it again)",
			have, SchemaVersion, err)
	}
	path, err := migrationBackupPath(s.path, have)
	if err != nil {
		return fail(err)
	}
	if _, err := s.Backup(context.Background(), path, nil); err != nil {
		return fail(err)
	}
	return path, nil
}

// Migration reports whether Open upgraded the store: from is the schema
// version it had (0 when Open did not upgrade it, as for a new or current
// store) and backup the copy of the old file written before the upgrade.
// Callers tell the user once.
func (s *Store) Migration() (from int, backup string) {
	return s.migratedFrom, s.migrationBackup
}
