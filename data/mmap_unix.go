//go:build unix

package data

import (
	"unsafe"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// The advice LoadIndex gives the kernel about bbolt's read-only file
// mapping. bbolt maps the file with MADV_RANDOM, which turns the one
// full scan at open into a random 4 KiB read per page on a cold cache.
const (
	adviseScan    = unix.MADV_SEQUENTIAL // read ahead while the index loads
	adviseRelease = unix.MADV_DONTNEED   // drop the scanned pages from this process
	adviseRandom  = unix.MADV_RANDOM     // bbolt's own setting, restored after
)

// adviseMapping applies advice to the first size bytes of db's mapping.
// The mapping is shared and read-only, so dropping pages loses nothing:
// they are read back from the page cache on the next access. Errors are
// ignored; advice is only advice.
func adviseMapping(db *bolt.DB, size int64, advice int) {
	if size <= 0 {
		return
	}
	info := db.Info()
	// info.Data is the address of the mapping, which the garbage collector
	// does not manage, so viewing it as a pointer is safe.
	base := *(*unsafe.Pointer)(unsafe.Pointer(&info.Data))
	_ = unix.Madvise(unsafe.Slice((*byte)(base), size), advice)
}
