//go:build crash

package crashtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontier/data"
)

// annotLinePrefix and annotLine are the report lines of the app's
// TestCrashAnnotHelper (app/crash_helper_test.go), which documents them.
const annotLinePrefix = "CRASHANNOT "

type annotLine struct {
	Seq   int               `json:"seq"`
	Phase string            `json:"phase"`
	Op    string            `json:"op"`
	State []data.Annotation `json:"state"`
}

// annotKillWithin is the last edit after which a helper is killed; the
// helper makes more (150) before it stops by itself.
const annotKillWithin = 60

// TestKilledAnnotationEdits runs the app's annotation helper on one store
// again and again, SIGKILLing it right after a randomly chosen edit is
// reported done, and checks after each kill that the store passes bbolt's
// check and holds exactly the state of the last edit reported done — or,
// if the next edit was already under way, exactly the state that edit
// announced. Each run opens the store the last one was killed on.
func TestKilledAnnotationEdits(t *testing.T) {
	kills := envInt(t, "FRONTIER_CRASH_ANNOT_KILLS", 20)
	rng := newRand(t)
	bin := filepath.Join(t.TempDir(), "app.test")
	goTool(t, "test", "-c", "-tags", "ci,crash", "-o", bin, "./app")
	db := filepath.Join(t.TempDir(), "annot.db")

	want := "[]" // the stored annotations, as JSON without Modified times
	inFlight := 0
	for i := range kills {
		after := 1 + rng.IntN(annotKillWithin)
		what := fmt.Sprintf("kill %d", i)
		lines, diag := runAnnotHelper(t, bin, db, rng.Uint64(), after)
		if len(lines) == 0 || lines[0].Phase != "start" {
			t.Fatalf("%s: the helper did not start:\n%s", what, diag)
		}
		if got := stateJSON(t, lines[0].State); got != want {
			t.Fatalf("%s: the helper opened with\n%s\nwhere the store was checked to hold\n%s", what, got, want)
		}
		var last, next *annotLine
		for j := range lines {
			switch l := &lines[j]; l.Phase {
			case "done":
				last, next = l, nil
			case "intent":
				next = l
			case "end":
				t.Fatalf("%s: the helper ended before edit %d, where it was to be killed:\n%s", what, after, diag)
			}
		}
		if last == nil || last.Seq < after {
			t.Fatalf("%s: the helper died before reporting edit %d done:\n%s", what, after, diag)
		}

		s, err := data.Open(db, data.Options{})
		if err != nil {
			t.Fatalf("%s: reopen: %v", what, err)
		}
		if err := s.Check(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		stored, err := s.Annotations()
		s.Close()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		got := stateJSON(t, stored)
		switch {
		case got == stateJSON(t, last.State):
			t.Logf("%s after edit %d: the store holds edit %d (%s), the last reported done; %d annotations",
				what, after, last.Seq, last.Op, len(stored))
		case next != nil && matchesIntent(t, stored, next.State):
			inFlight++
			t.Logf("%s after edit %d: the store holds edit %d (%s), under way when killed, after edit %d; %d annotations",
				what, after, next.Seq, next.Op, last.Seq, len(stored))
		default:
			t.Fatalf("%s: after edit %d (%s) was reported done the store holds\n%s\nwant\n%s", what, last.Seq, last.Op, got, stateJSON(t, last.State))
		}
		want = got
	}
	t.Logf("%d kills: the store held the last edit reported done each time (%d times also the edit under way)", kills, inFlight)
}

// runAnnotHelper runs the app's annotation helper on db until it reports
// edit after done, SIGKILLs it at once and returns every report line it
// printed (also those after the kill's moment) and its other output.
func runAnnotHelper(t *testing.T, bin, db string, seed uint64, after int) ([]annotLine, string) {
	t.Helper()
	cmd := exec.Command(bin, "-test.run=^TestCrashAnnotHelper$", "-test.count=1")
	cmd.Dir = filepath.Join(moduleRoot(t), "app") // for its test data
	cmd.Env = append(os.Environ(), "FRONTIER_CRASH_ANNOT_DB="+db,
		"FRONTIER_CRASH_ANNOT_SEED="+strconv.FormatUint(seed, 10), "LANG=en_US.UTF-8")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var lines []annotLine
	var diag strings.Builder
	r := bufio.NewReaderSize(out, 1<<20)
	killed := false
	for {
		s, err := r.ReadString('\n')
		if rest, ok := strings.CutPrefix(s, annotLinePrefix); ok && strings.HasSuffix(rest, "\n") {
			var l annotLine
			if err := json.Unmarshal([]byte(rest), &l); err != nil {
				t.Fatalf("helper line %q: %v", s, err)
			}
			lines = append(lines, l)
			if !killed && l.Phase == "done" && l.Seq == after {
				cmd.Process.Kill() // SIGKILL
				killed = true
			}
		} else {
			diag.WriteString(s)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("read the helper's output: %v", err)
		}
	}
	start := time.Now()
	werr := cmd.Wait()
	if !killed || werr == nil {
		diag.WriteString(fmt.Sprintf("helper exit: %v (after %v)\n", werr, time.Since(start)))
	}
	diag.Write(stderr.Bytes())
	return lines, diag.String()
}

// stateJSON is annotations as JSON without their Modified times, which
// every write sets.
func stateJSON(t *testing.T, as []data.Annotation) string {
	t.Helper()
	c := make([]data.Annotation, len(as))
	for i, a := range as {
		a.Modified = time.Time{}
		c[i] = a
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// matchesIntent reports whether stored is the state an "intent" line
// announced: the same annotations, where one with ID 0 (a drawing whose ID
// was not known yet) stands for exactly one stored annotation that is not
// otherwise announced, equal to it but for its ID and Created time.
func matchesIntent(t *testing.T, stored, intent []data.Annotation) bool {
	t.Helper()
	var placeholder *data.Annotation
	known := map[uint64]bool{}
	var rest []data.Annotation
	for i := range intent {
		if intent[i].ID == 0 {
			placeholder = &intent[i]
			continue
		}
		known[intent[i].ID] = true
		rest = append(rest, intent[i])
	}
	var got, extra []data.Annotation
	for _, a := range stored {
		if known[a.ID] {
			got = append(got, a)
		} else {
			extra = append(extra, a)
		}
	}
	if stateJSON(t, got) != stateJSON(t, rest) {
		return false
	}
	if placeholder == nil {
		return len(extra) == 0
	}
	if len(extra) != 1 || extra[0].Created.IsZero() {
		return false
	}
	n := extra[0]
	n.ID, n.Created = 0, time.Time{}
	return stateJSON(t, []data.Annotation{n}) == stateJSON(t, []data.Annotation{*placeholder})
}
