//go:build !unix

package data

import "time"

// processCPU returns -1: the process's CPU time is not measured here.
func processCPU() time.Duration { return -1 }
