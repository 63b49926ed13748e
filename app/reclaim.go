package app

import (
	"runtime/debug"
	"sync"
	"time"
)

// idleReclaimAfter is how long the app must have had no new snapshot
// (filtering, brushing, playback, loading) before it hands freed memory
// back to the system.
const idleReclaimAfter = 3 * time.Second

// idleReclaimer hands the heap's free memory back to the system once the
// app goes idle after a burst of work. With a million events the Go heap
// otherwise sits at its collection goal — half again the live heap
// (SetGCPercent(50)), ≈60 MB over it — until the next collection, which
// an idle app never triggers. One forced collection of a mostly
// pointer-free heap costs a few milliseconds, off the UI goroutine.
type idleReclaimer struct {
	mu      sync.Mutex
	timer   *time.Timer
	after   time.Duration
	reclaim func() // debug.FreeOSMemory; tests count calls
}

// reclaimer is the app's one idle reclaimer.
var reclaimer = &idleReclaimer{after: idleReclaimAfter, reclaim: debug.FreeOSMemory}

// poke notes work: the reclaim runs idleReclaimAfter after the last poke.
func (r *idleReclaimer) poke() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.timer == nil {
		r.timer = time.AfterFunc(r.after, r.reclaim)
		return
	}
	r.timer.Reset(r.after)
}
