//go:build !unix

package data

import bolt "go.etcd.io/bbolt"

const (
	adviseScan = iota
	adviseRelease
	adviseRandom
)

// adviseMapping does nothing where madvise is not available.
func adviseMapping(*bolt.DB, int64, int) {}
