// Package renderworker draws a widget's frames on a goroutine of its own,
// so the UI never waits for a picture. The map and the timeline both use
// it.
//
// Requests coalesce: only the newest waiting one is drawn. Two frames
// circulate: one on screen, one being drawn; the UI hands the old one back
// (Release) when it shows the new one. Finished frames reach the UI
// goroutine through fyne.Do, or a function set with SetPost.
package renderworker

import (
	"sync"

	"fyne.io/fyne/v2"
)

// Worker draws frames of type F for requests of type R.
type Worker[F, R any] struct {
	render func(f *F, req R)

	mu   sync.Mutex
	cond *sync.Cond
	next *R
	show func(*F)
	free []*F
	busy bool
	done bool
	post func(func())
	// held makes finished frames wait in ready until Flush shows them on
	// its caller's goroutine. Tests set it: fyne's test driver runs
	// fyne.Do inline, which would show frames on the worker goroutine.
	held  bool
	ready []func()
}

// New starts a worker that draws with render into one of two frames.
func New[F, R any](render func(f *F, req R)) *Worker[F, R] {
	w := &Worker[F, R]{render: render, free: []*F{new(F), new(F)}, post: fyne.Do}
	w.cond = sync.NewCond(&w.mu)
	go w.loop()
	return w
}

// Request replaces the waiting request; show runs on the UI goroutine
// with the finished frame.
func (w *Worker[F, R]) Request(req R, show func(*F)) {
	w.mu.Lock()
	w.next, w.show = &req, show
	w.mu.Unlock()
	w.cond.Broadcast()
}

// Release hands a frame that left the screen back to the worker.
func (w *Worker[F, R]) Release(f *F) {
	w.mu.Lock()
	w.free = append(w.free, f)
	w.mu.Unlock()
	w.cond.Broadcast()
}

func (w *Worker[F, R]) loop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for {
		for !w.done && (w.next == nil || len(w.free) == 0) {
			w.cond.Wait()
		}
		if w.done {
			return
		}
		req, show := *w.next, w.show
		w.next = nil
		f := w.free[len(w.free)-1]
		w.free = w.free[:len(w.free)-1]
		w.busy = true
		w.mu.Unlock()
		w.render(f, req)
		w.mu.Lock()
		if w.held {
			w.ready = append(w.ready, func() { show(f) })
		} else {
			post := w.post
			w.mu.Unlock()
			post(func() { show(f) })
			w.mu.Lock()
		}
		w.busy = false
		w.cond.Broadcast()
	}
}

// SetPost sets the function that runs show on the UI goroutine (nil:
// fyne.Do).
func (w *Worker[F, R]) SetPost(post func(func())) {
	if post == nil {
		post = fyne.Do
	}
	w.mu.Lock()
	w.post = post
	w.mu.Unlock()
}

// Hold makes finished frames wait for Flush (see Worker.held).
func (w *Worker[F, R]) Hold() {
	w.mu.Lock()
	w.held = true
	w.mu.Unlock()
}

// Flush waits until no request is waiting or being drawn, showing held
// frames (which may request more) on the caller's goroutine.
func (w *Worker[F, R]) Flush() {
	for {
		w.mu.Lock()
		for !w.done && (w.busy || (w.next != nil && len(w.free) > 0)) {
			w.cond.Wait()
		}
		ready := w.ready
		w.ready = nil
		w.mu.Unlock()
		if len(ready) == 0 {
			return
		}
		for _, show := range ready {
			show()
		}
	}
}

// Stop ends the worker goroutine.
func (w *Worker[F, R]) Stop() {
	w.mu.Lock()
	w.done = true
	w.mu.Unlock()
	w.cond.Broadcast()
}
