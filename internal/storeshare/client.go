package storeshare

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"time"
)

// Client timeouts.
const (
	dialTimeout = time.Second
	whoTimeout  = 3 * time.Second
	// copyIdleTimeout is how long a copy may go without a progress line
	// (the holder reports every few megabytes).
	copyIdleTimeout = time.Minute
)

// Who asks the holder of the store at storePath who it is. It fails with
// ErrNoAnswer when nothing answers.
func Who(storePath string) (Holder, error) {
	var h Holder
	err := call(storePath, request{Op: opWho}, whoTimeout, func(r reply) error {
		if r.Holder == nil {
			return errors.New("the holder did not say who it is")
		}
		h = *r.Holder
		return nil
	}, nil)
	return h, err
}

// Copy asks the holder of the store at storePath to write a consistent
// copy of it to dest (made absolute), reporting the holder's progress,
// and returns the copy's size. The copy appears under dest only once
// complete. It fails with ErrNoAnswer when nothing answers.
func Copy(storePath, dest string, progress func(done, total int64)) (int64, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return 0, fmt.Errorf("copy store %s to %s: %w", storePath, dest, err)
	}
	var size int64
	err = call(storePath, request{Op: opCopy, Path: abs}, copyIdleTimeout, func(r reply) error {
		size = r.Size
		return nil
	}, progress)
	return size, err
}

// call sends req to the holder of storePath and reads its replies, each
// within idle of the one before: progress ones go to progress, the final
// one to final.
func call(storePath string, req request, idle time.Duration, final func(reply) error, progress func(done, total int64)) error {
	path, err := SocketPath(storePath)
	if err != nil {
		return err
	}
	c, err := net.DialTimeout("unix", path, dialTimeout)
	if err != nil {
		return fmt.Errorf("ask the holder of %s: %w (%v)", storePath, ErrNoAnswer, err)
	}
	defer c.Close()
	c.SetWriteDeadline(time.Now().Add(dialTimeout))
	if _, err := c.Write(encodeLine(req)); err != nil {
		return fmt.Errorf("ask the holder of %s: %w (%v)", storePath, ErrNoAnswer, err)
	}
	br := bufio.NewReaderSize(c, 512)
	for {
		c.SetReadDeadline(time.Now().Add(idle))
		line, err := readLine(br)
		if err != nil {
			return fmt.Errorf("ask the holder of %s: no answer: %w", storePath, err)
		}
		r, err := parseReply(line)
		if err != nil {
			return fmt.Errorf("ask the holder of %s: %w", storePath, err)
		}
		if !r.Final {
			if progress != nil {
				progress(r.Done, r.Total)
			}
			continue
		}
		if r.Error != "" {
			return fmt.Errorf("the Frontier holding %s: %s", storePath, r.Error)
		}
		return final(r)
	}
}
