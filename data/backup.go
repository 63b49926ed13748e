package data

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"frontier/internal/atomicfile"
)

// Backup writes a consistent copy of the whole store to path while the
// store stays open and usable: the copy is read in one bbolt read
// transaction, so edits committed meanwhile are either wholly in it or
// not at all. The file appears under path only once complete and synced
// (an older file there is replaced); it is private to the user (0600), as
// the store is. progress, when not nil, is called now and then with the
// bytes written so far and the total. Cancelling ctx stops the copy,
// leaving nothing under path. Backup returns the copy's size.
func (s *Store) Backup(ctx context.Context, path string, progress func(done, total int64)) (int64, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, fmt.Errorf("back up store %s to %s: %w", s.path, path, err)
	}
	if own, err := filepath.Abs(s.path); err == nil && own == abs {
		return 0, fmt.Errorf("back up store %s: the backup cannot replace the store itself", s.path)
	}
	var size int64
	err = s.db.View(func(tx *bolt.Tx) error {
		return atomicfile.WriteMode(path, fileMode, func(w io.Writer) error {
			n, err := tx.WriteTo(&progressWriter{ctx: ctx, w: w, total: tx.Size(), progress: progress})
			size = n
			return err
		})
	})
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			err = cerr // bbolt's copy loses the cause's identity
		}
		return 0, fmt.Errorf("back up store %s to %s: %w", s.path, path, err)
	}
	return size, nil
}

// progressWriter counts what passes through it and reports every 4 MiB;
// it fails once ctx is done.
type progressWriter struct {
	ctx        context.Context
	w          io.Writer
	done       int64
	total      int64
	lastReport int64
	progress   func(done, total int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.w.Write(b)
	p.done += int64(n)
	if p.progress != nil && (p.done-p.lastReport >= 4<<20 || p.done == p.total) {
		p.lastReport = p.done
		p.progress(p.done, p.total)
	}
	return n, err
}

// ReadOnly reports whether the store was opened without write access.
func (s *Store) ReadOnly() bool { return s.db.IsReadOnly() }

// fileMode is how a store file and its backups are created: private to
// the user.
const fileMode os.FileMode = 0o600

// IsStoreFile reports whether path is a bbolt database — a Frontier store
// or a backup of one — by the magic number of its first meta page. Save
// dialogs use it to refuse writing an export over a store.
func IsStoreFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [24]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return false
	}
	const boltMagic = 0xED0CDAED // after the 16-byte page header
	return binary.LittleEndian.Uint32(head[16:20]) == boltMagic || binary.BigEndian.Uint32(head[16:20]) == boltMagic
}
