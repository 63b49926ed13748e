package storeshare

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Server answers, for the process holding a store, the other Frontiers
// that want it. Close it before closing the store.
type Server struct {
	ln     net.Listener
	path   string
	holder Holder
	store  Copier

	// ctx ends with Close: a copy being written stops.
	ctx    context.Context
	cancel context.CancelFunc

	mu     sync.Mutex
	conns  map[net.Conn]bool
	closed bool
	wg     sync.WaitGroup
	slots  chan struct{} // bounds the connections served at once
}

// Server timeouts and limits.
const (
	requestTimeout = 5 * time.Second  // to read the request
	writeTimeout   = 10 * time.Second // for each reply line
	maxConns       = 4
)

// Serve starts answering for the store at storePath, which this process
// holds, as what ("desktop app", "frontier import"). A socket left by a
// process that died is replaced; a socket another live process answers on
// is an error (it holds the store too, read-only).
func Serve(storePath, what string, store Copier) (*Server, error) {
	path, err := SocketPath(storePath)
	if err != nil {
		return nil, err
	}
	if err := privateDir(filepath.Dir(path)); err != nil {
		return nil, fmt.Errorf("answer for store %s: %w", storePath, err)
	}
	if _, err := os.Lstat(path); err == nil {
		if c, derr := net.DialTimeout("unix", path, 300*time.Millisecond); derr == nil {
			c.Close()
			return nil, fmt.Errorf("answer for store %s: another process already answers on %s", storePath, path)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("answer for store %s: remove the stale socket %s: %w", storePath, path, err)
		}
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("answer for store %s: %w", storePath, err)
	}
	s := &Server{ln: ln, path: path, store: store, conns: map[net.Conn]bool{}, slots: make(chan struct{}, maxConns),
		holder: Holder{PID: os.Getpid(), What: what, Since: time.Now()}}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Path returns the socket's file name.
func (s *Server) Path() string { return s.path }

// Close stops answering and removes the socket. A copy being written is
// stopped (its client is told) and Close waits for it to end, so the store
// may be closed once it returns.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.cancel()
	err := s.ln.Close()
	for c := range s.conns {
		c.SetReadDeadline(time.Now()) // unblocks a handler waiting for its request
	}
	s.mu.Unlock()
	s.wg.Wait()
	if err != nil && !errors.Is(err, net.ErrClosed) {
		return fmt.Errorf("stop answering on %s: %w", s.path, err)
	}
	return nil
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(50 * time.Millisecond) // e.g. out of file descriptors
			continue
		}
		select {
		case s.slots <- struct{}{}:
		default:
			c.Close() // busy: the client sees no answer and may try again
			continue
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			c.Close()
			<-s.slots
			return
		}
		// The request's deadline is set before Close can see the
		// connection, so Close's own deadline is never overwritten.
		c.SetReadDeadline(time.Now().Add(requestTimeout))
		s.conns[c] = true
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer func() {
				c.Close()
				s.mu.Lock()
				delete(s.conns, c)
				s.mu.Unlock()
				<-s.slots
				s.wg.Done()
			}()
			s.serve(c)
		}()
	}
}

// serve answers one connection's request (its read deadline set).
func (s *Server) serve(c net.Conn) {
	line, err := readLine(bufio.NewReaderSize(c, 512))
	if err != nil {
		s.send(c, reply{Final: true, Error: "read the request: " + err.Error()})
		return
	}
	req, err := parseRequest(line)
	if err != nil {
		s.send(c, reply{Final: true, Error: err.Error()})
		return
	}
	switch req.Op {
	case opWho:
		h := s.holder
		s.send(c, reply{Final: true, Holder: &h})
	case opCopy:
		// A client gone (killed, or given up waiting) stops the copy: it
		// would only be thrown away.
		ctx, cancel := context.WithCancel(s.ctx)
		defer cancel()
		size, err := s.store.Backup(ctx, req.Path, func(done, total int64) {
			if s.send(c, reply{Done: done, Total: total}) != nil {
				cancel()
			}
		})
		if err != nil {
			s.send(c, reply{Final: true, Error: err.Error()})
			return
		}
		s.send(c, reply{Final: true, Size: size})
	}
}

// send writes one reply line; an error means the client is gone.
func (s *Server) send(c net.Conn, r reply) error {
	c.SetWriteDeadline(time.Now().Add(writeTimeout))
	_, err := c.Write(encodeLine(r))
	return err
}

// readLine reads one line of at most maxLine bytes, without its newline.
func readLine(r *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) >= maxLine {
			return nil, fmt.Errorf("line longer than %d bytes", maxLine-1)
		}
		if err == nil {
			return line[:len(line)-1], nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
	}
}
