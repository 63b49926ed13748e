package app

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontier/data"
)

func TestOpenStoreFirstStartImportsSample(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "first.db")
	store, ix, err := openStore(path, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	n, err := store.Count()
	if err != nil {
		t.Fatal(err)
	}
	if len(data.SampleCSV()) > 0 && strings.Count(string(data.SampleCSV()), "\n") > 1 && n == 0 {
		t.Errorf("first start imported nothing from the sample")
	}
	if ix.Len() != n {
		t.Errorf("index has %d rows, store %d events", ix.Len(), n)
	}

	// A second Frontier on the same store is refused while the first runs.
	if _, _, err := openStore(path, 100*time.Millisecond); !errors.Is(err, data.ErrLocked) {
		t.Errorf("second open: %v, want ErrLocked", err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopening is not a first start: nothing is imported twice.
	store, ix, err = openStore(path, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if ix.Len() != n {
		t.Errorf("reopened store has %d events, want %d", ix.Len(), n)
	}
}

func TestRunNeedsAStore(t *testing.T) {
	if err := Run(Options{}); err == nil {
		t.Error("Run without a store path succeeded")
	}
}

// FyneApp.toml and the fallback metadata must agree.
func TestFallbackMetadataMatchesFyneAppToml(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if ok {
			got[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	want := map[string]string{"ID": AppID, "Name": appName, "Version": appVersion, "Build": strconv.Itoa(appBuild), "Icon": "Icon.png"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("FyneApp.toml %s = %q, want %q", k, got[k], v)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "Icon.png")); err != nil {
		t.Errorf("icon: %v", err)
	}
}
