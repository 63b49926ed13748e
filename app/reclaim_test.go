package app

import (
	"sync/atomic"
	"testing"
	"time"
)

// The reclaim runs once after a burst of pokes, not once per poke, and
// again after the next burst.
func TestIdleReclaimer(t *testing.T) {
	var calls atomic.Int32
	r := &idleReclaimer{after: 300 * time.Millisecond, reclaim: func() { calls.Add(1) }}
	for range 5 {
		r.poke()
		time.Sleep(5 * time.Millisecond)
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("reclaimed %d times while still busy", n)
	}
	waitFor(t, func() bool { return calls.Load() == 1 })
	r.poke()
	waitFor(t, func() bool { return calls.Load() == 2 })
	time.Sleep(400 * time.Millisecond)
	if n := calls.Load(); n != 2 {
		t.Errorf("reclaimed %d times for two bursts", n)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
