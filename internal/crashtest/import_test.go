//go:build crash

package crashtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"frontier/data"
	"frontier/data/synth"
)

// importFixture is what every killed import is checked against: the real
// binary, the generated input and a clean import of it.
type importFixture struct {
	bin, csv string
	n        int
	// lines[k] is the line where data row k (1-based) starts; lines[0] is 0.
	lines []int
	// row maps a source ID to its 1-based data row; hash to the digest of
	// its event in the clean import.
	row  map[string]int
	hash map[string][32]byte
	// digest is the clean store's storeDigest; lastLine its record's
	// LastLine.
	digest   string
	lastLine int
	// durs are how long the imports that ran to the end took (from start
	// to exit), the clean one first; fileAt is when the clean import's
	// store file appeared.
	durs   []time.Duration
	fileAt time.Duration
}

// TestKilledImport kills a real `frontier import` with SIGKILL at moments
// spread over a clean import's duration (the first while the store file is
// being created, some after the end), checks what each kill left, reruns
// the import (killing some reruns too) and checks that the last rerun
// completes the store to a clean import's content.
func TestKilledImport(t *testing.T) {
	kills := envInt(t, "FRONTIER_CRASH_IMPORT_KILLS", 50)
	rows := envInt(t, "FRONTIER_CRASH_ROWS", 6*data.BatchSize+12345)
	rng := newRand(t)
	f := newImportFixture(t, rows)
	t.Logf("%d rows (%d batches of %d); clean import %v, store file after %v",
		f.n, (f.n+data.BatchSize-1)/data.BatchSize, data.BatchSize, f.durs[0].Round(time.Millisecond), f.fileAt.Round(time.Millisecond))

	// Kill i > 0 lands in slice slot[i-1] of kills-1 slices of the span,
	// in random order so that a change of the machine's load over the run
	// does not skew where kills land.
	slot := rng.Perm(kills - 1)
	var reruns, killedReruns int
	// stopped counts the first kills by where they stopped the import: -1
	// before its record, else the rows committed.
	stopped := map[int]int{}
	for i := range kills {
		// Kill 0 lands while the process starts and creates the store; the
		// others are spread uniformly, one in each slice of the span.
		span := f.span()
		delay := time.Duration(rng.Float64() * float64(f.fileAt))
		if i > 0 {
			delay = time.Duration((float64(slot[i-1]) + rng.Float64()) / float64(kills-1) * float64(span))
		}
		db := filepath.Join(t.TempDir(), "store.db")
		f.run(t, db, delay)
		st := f.check(t, fmt.Sprintf("kill %d at %v", i, delay.Round(time.Millisecond)), db, 0, 0)
		if st.records == 0 {
			stopped[-1]++
		} else {
			stopped[st.rows]++
		}
		// Rerun until one completes; some reruns are killed too, so that
		// an import resumed after a resumed import is checked.
		for r := 1; ; r++ {
			reruns++
			killRerun := r <= 3 && (rng.IntN(3) == 0 || i == 1 && r == 1) // always some
			d := time.Duration(-1)
			if killRerun {
				killedReruns++
				d = time.Duration(rng.Float64() * float64(f.span()))
			}
			out := f.run(t, db, d)
			next := f.check(t, fmt.Sprintf("kill %d rerun %d", i, r), db, st.count, st.records)
			if !killRerun || next.status == data.StatusDone && next.records > st.records {
				f.checkComplete(t, fmt.Sprintf("kill %d rerun %d", i, r), db, st.count, next, out)
				break
			}
			st = next
		}
		os.Remove(db) // a store per kill: do not keep gigabytes around
	}
	var where []string
	for _, rows := range slices.Sorted(maps.Keys(stopped)) {
		switch {
		case rows < 0:
			where = append(where, fmt.Sprintf("%d before the import record", stopped[rows]))
		case rows == f.n:
			where = append(where, fmt.Sprintf("%d after the end", stopped[rows]))
		default:
			where = append(where, fmt.Sprintf("%d after %d rows", stopped[rows], rows))
		}
	}
	t.Logf("%d kills: %s; %d reruns, %d of them killed; kills spread over %v at the end (%d imports ran %v–%v)",
		kills, strings.Join(where, ", "), reruns, killedReruns, f.span().Round(time.Millisecond),
		len(f.durs), slices.Min(f.durs).Round(time.Millisecond), slices.Max(f.durs).Round(time.Millisecond))
}

// newImportFixture builds the frontier binary, writes n generated rows
// and imports them into a clean store with the binary, timing it.
func newImportFixture(t *testing.T, n int) *importFixture {
	t.Helper()
	dir := t.TempDir()
	f := &importFixture{bin: filepath.Join(dir, "frontier"), csv: filepath.Join(dir, "in.csv"), n: n}
	goTool(t, "build", "-tags", "ci", "-o", f.bin, "frontier")
	if err := synth.WriteFile(f.csv, n, 7); err != nil {
		t.Fatal(err)
	}
	f.scanInput(t)

	db := filepath.Join(dir, "clean.db")
	cmd := exec.Command(f.bin, "import", "--db", db, f.csv)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	for f.fileAt == 0 {
		select {
		case err := <-exited:
			t.Fatalf("clean import: %v before its store appeared\n%s", err, out.Bytes())
		case <-time.After(200 * time.Microsecond):
			if _, err := os.Stat(db); err == nil {
				f.fileAt = time.Since(start)
			}
		}
	}
	if err := <-exited; err != nil {
		t.Fatalf("clean import: %v\n%s", err, out.Bytes())
	}
	f.durs = append(f.durs, time.Since(start))

	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hist, err := s.Imports()
	if err != nil || len(hist) != 1 {
		t.Fatalf("clean import: %d records, %v", len(hist), err)
	}
	if r := hist[0]; r.Status != data.StatusDone || r.Added != n || r.Rows != n || r.Rejected != 0 {
		t.Fatalf("clean import record: %+v (the generated rows must all be new and valid)", r)
	}
	f.lastLine = hist[0].LastLine
	f.hash = make(map[string][32]byte, n)
	err = s.Events(func(e *data.Event) error {
		f.hash[e.SourceID] = eventHash(e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f.digest = storeDigest(t, s)
	return f
}

// scanInput records the line and source ID of every data row.
func (f *importFixture) scanInput(t *testing.T) {
	t.Helper()
	in, err := os.Open(f.csv)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // header: event_id_cnty first
		t.Fatal(err)
	}
	f.lines = make([]int, 1, f.n+1)
	f.row = make(map[string]int, f.n)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := r.FieldPos(0)
		f.lines = append(f.lines, line)
		f.row[rec[0]] = len(f.lines) - 1
	}
	if len(f.lines) != f.n+1 || len(f.row) != f.n {
		t.Fatalf("%s: %d rows with %d distinct IDs, want %d", f.csv, len(f.lines)-1, len(f.row), f.n)
	}
}

// run imports the fixture into db with the binary and, when kill is not
// negative, SIGKILLs it kill after its start (if it is still running). It
// returns the output of a run that was not killed.
func (f *importFixture) run(t *testing.T, db string, kill time.Duration) []byte {
	t.Helper()
	cmd := exec.Command(f.bin, "import", "--json", "--db", db, f.csv)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var killAt <-chan time.Time
	if kill >= 0 {
		killAt = time.After(kill)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("import into %s: %v\n%s", db, err, out.Bytes())
		}
		f.durs = append(f.durs, time.Since(start))
		return out.Bytes()
	case <-killAt:
		cmd.Process.Kill() // SIGKILL
		<-exited
		return nil
	}
}

// span is the time over which kills are spread: the median duration of
// the imports that ran to the end so far (the machine's load changes it),
// plus a tenth, so that about one kill in ten comes after the end.
func (f *importFixture) span() time.Duration {
	d := slices.Clone(f.durs)
	slices.Sort(d)
	return d[len(d)/2] * 11 / 10
}

// storeState is what one check found.
type storeState struct {
	count, records int
	rows           int    // rows the last import record read
	status         string // of the last import record
}

// check reopens db after a run that started with before events and prior
// import records: the store passes bbolt's check, and either the run left
// no record and no events, or its record says exactly what the store holds
// — whole committed batches (all rows if done), their rows in file order,
// each event equal to the clean import's, the last committed row's line.
func (f *importFixture) check(t *testing.T, what, db string, before, prior int) storeState {
	t.Helper()
	s, err := data.Open(db, data.Options{})
	if err != nil {
		t.Fatalf("%s: reopen: %v", what, err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	count, err := s.Count()
	if err != nil {
		t.Fatal(err)
	}
	hist, err := s.Imports()
	if err != nil {
		t.Fatal(err)
	}
	st := storeState{count: count, records: len(hist)}
	for _, r := range hist {
		if r.Status != data.StatusInterrupted && r.Status != data.StatusDone {
			t.Errorf("%s: import record %d has status %q after reopen, want interrupted or done", what, r.ID, r.Status)
		}
	}
	switch len(hist) {
	case prior: // killed before its record was committed
		if count != before {
			t.Fatalf("%s: no new import record, but %d events where there were %d", what, count, before)
		}
		t.Logf("%s: died before its import record (%d events)", what, count)
		if len(hist) > 0 {
			st.status, st.rows = hist[len(hist)-1].Status, hist[len(hist)-1].Rows
		}
		return st
	case prior + 1:
	default:
		t.Fatalf("%s: %d import records, want %d or %d", what, len(hist), prior, prior+1)
	}
	r := hist[len(hist)-1]
	st.status, st.rows = r.Status, r.Rows
	wantRows := r.Rows
	switch r.Status {
	case data.StatusDone:
		wantRows = f.n
	case data.StatusInterrupted:
		if r.Rows%data.BatchSize != 0 || r.Rows > f.n {
			t.Errorf("%s: interrupted after %d rows, not a whole number of %d-row batches", what, r.Rows, data.BatchSize)
		}
	}
	unchanged := min(wantRows, before)
	want := data.ImportReport{Rows: wantRows, Added: wantRows - unchanged, Unchanged: unchanged, LastLine: f.lines[min(wantRows, f.n)]}
	if r.Status == data.StatusDone {
		want.LastLine = f.lastLine
	}
	if r.Rows != want.Rows || r.Added != want.Added || r.Unchanged != want.Unchanged || r.Updated != 0 ||
		r.Rejected != 0 || r.LastLine != want.LastLine {
		t.Errorf("%s: record %s rows %d added %d unchanged %d updated %d rejected %d last line %d, want rows %d added %d unchanged %d, last line %d",
			what, r.Status, r.Rows, r.Added, r.Unchanged, r.Updated, r.Rejected, r.LastLine, want.Rows, want.Added, want.Unchanged, want.LastLine)
	}
	if count != before+r.Added {
		t.Errorf("%s: store holds %d events, want %d before the run + %d added", what, count, before, r.Added)
	}
	f.checkPrefix(t, what, s, count)
	t.Logf("%s: %s at line %d, %d events (%d added, %d unchanged)", what, r.Status, r.LastLine, count, r.Added, r.Unchanged)
	return st
}

// checkPrefix checks that the store holds exactly the first count rows of
// the input, each as the clean import stored it.
func (f *importFixture) checkPrefix(t *testing.T, what string, s *data.Store, count int) {
	t.Helper()
	bad := 0
	err := s.Events(func(e *data.Event) error {
		if row, ok := f.row[e.SourceID]; !ok || row > count || eventHash(e) != f.hash[e.SourceID] {
			if bad++; bad <= 3 {
				t.Errorf("%s: event %s (row %d) is not row ≤ %d as a clean import stores it", what, e.SourceID, row, count)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: read events: %v", what, err)
	}
}

// checkComplete checks a completed rerun that started on before events:
// it reports before rows unchanged and the rest added, on its record and
// in its --json output, and the store equals a clean import.
func (f *importFixture) checkComplete(t *testing.T, what, db string, before int, st storeState, out []byte) {
	t.Helper()
	if st.status != data.StatusDone || st.count != f.n {
		t.Fatalf("%s: completed with status %s and %d events, want done and %d", what, st.status, st.count, f.n)
	}
	if out != nil { // nil: killed after it committed the end
		var res struct{ Added, Updated, Unchanged, Rejected int }
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("%s: output %q: %v", what, out, err)
		}
		if res.Added != f.n-before || res.Unchanged != before || res.Updated != 0 || res.Rejected != 0 {
			t.Errorf("%s: printed %+v, want %d added and %d unchanged", what, res, f.n-before, before)
		}
	}
	s, err := data.Open(db, data.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := storeDigest(t, s); got != f.digest {
		t.Errorf("%s: the completed store differs from a clean import", what)
	}
}

// eventHash digests one event without its store ID.
func eventHash(e *data.Event) [32]byte {
	c := *e
	c.ID = 0
	return sha256.Sum256(fmt.Appendf(nil, "%+v", c))
}

// storeDigest hashes every stored event (without store IDs) in the
// store's order (by time, then ID).
func storeDigest(t *testing.T, s *data.Store) string {
	t.Helper()
	h := sha256.New()
	err := s.Events(func(e *data.Event) error {
		e.ID = 0
		fmt.Fprintf(h, "%+v\n", *e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
