package data

import (
	"context"
	"errors"
	"slices"
)

// The import reader is itself two goroutines: one calls the source's Next
// (CSV parsing, field clean-up, dates and coordinates: two thirds of the
// reader's work) and hands copies of the events on in groups; the other
// validates, interns, encodes and sorts them into batches. With the writer
// that makes three stages, so both CPUs stay busy: before, one goroutine
// did all the reading and bounded the import's time on two cores.

// prefetchGroup is how many events go from the source's goroutine to the
// batch builder at a time: enough to make the hand-off cheap, few enough
// to keep the builder busy from the start.
const prefetchGroup = 256

// sourced is one result of EventSource.Next, with the event copied out of
// the source's reused one.
type sourced struct {
	ev   Event
	line int
	err  error
}

// prefetcher runs src.Next on its own goroutine.
type prefetcher struct {
	groups chan []sourced
	free   chan []sourced
	cancel context.CancelFunc
	done   bool
}

// startPrefetch starts reading src. The last group ends with a result
// whose err is set (io.EOF at the end of the input); the goroutine stops
// after it, or when ctx ends, or when stop is called.
func startPrefetch(ctx context.Context, src EventSource) *prefetcher {
	ctx, cancel := context.WithCancel(ctx)
	p := &prefetcher{groups: make(chan []sourced, 4), free: make(chan []sourced, 6), cancel: cancel}
	go p.run(ctx, src)
	return p
}

func (p *prefetcher) run(ctx context.Context, src EventSource) {
	defer close(p.groups)
	for {
		var g []sourced
		select {
		case g = <-p.free:
			g = g[:0]
		default:
			g = make([]sourced, 0, prefetchGroup)
		}
		last := false
		for len(g) < prefetchGroup && !last {
			if len(g)%64 == 0 && ctx.Err() != nil {
				return
			}
			ev, line, err := src.Next()
			g = append(g, sourced{line: line, err: err})
			if err != nil {
				last = !isRowError(err)
				continue
			}
			// The source may reuse its event and its lists.
			s := &g[len(g)-1]
			s.ev = *ev
			s.ev.Assoc1, s.ev.Assoc2 = slices.Clone(ev.Assoc1), slices.Clone(ev.Assoc2)
			s.ev.Tags, s.ev.UserTags = slices.Clone(ev.Tags), slices.Clone(ev.UserTags)
		}
		select {
		case p.groups <- g:
		case <-ctx.Done():
			return
		}
		if last {
			return
		}
	}
}

// next returns the next group, or nil once the goroutine has stopped.
func (p *prefetcher) next() []sourced {
	return <-p.groups
}

// recycle hands a consumed group back for reuse.
func (p *prefetcher) recycle(g []sourced) {
	clear(g) // drop the events' strings
	select {
	case p.free <- g:
	default:
	}
}

// stop ends the goroutine and waits for it, so that src is no longer in
// use when it returns. It may be called more than once.
func (p *prefetcher) stop() {
	if p.done {
		return
	}
	p.done = true
	p.cancel()
	for range p.groups {
	}
}

// isRowError reports whether err rejects one row only.
func isRowError(err error) bool {
	var rowErr *RowError
	return errors.As(err, &rowErr)
}
