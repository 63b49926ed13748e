package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const ttp = "TTP: Tehrik-i-Taliban Pakistan"

func actorList(t *testing.T, db string) map[string]ActorInfo {
	t.Helper()
	var l ActorList
	if err := json.Unmarshal([]byte(mustRun(t, db, "actors", "list", "--json")), &l); err != nil {
		t.Fatal(err)
	}
	m := map[string]ActorInfo{}
	for _, a := range l.Actors {
		m[a.Name] = a
	}
	return m
}

func TestActorsCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "import", testdata+"curate_acled.csv", testdata+"curate_ucdp.csv", testdata+"ucdp_current.csv")
	before := statsOf(t, db, "--actor", ttp)
	if before.Events != 1 || before.Actors["TTP"] != 0 {
		t.Fatalf("before merge %+v", before)
	}
	out := mustRun(t, db, "actors", "merge", "TTP", "Tehreek-i-Taliban Pakistan", "--into", ttp)
	if !strings.Contains(out, "2 names now stand for") {
		t.Errorf("merge said %q", out)
	}
	after := statsOf(t, db, "--actor", ttp)
	all := statsOf(t, db)
	if after.Events <= before.Events+1 || all.Actors["TTP"] != 0 || all.Actors[ttp] != after.Events {
		t.Fatalf("after merge %d events, actors %v", after.Events, all.Actors)
	}
	if st := statsOf(t, db, "--actor", "TTP"); st.Events != after.Events {
		t.Errorf("alias as filter %d, want %d", st.Events, after.Events)
	}
	// Re-importing the files keeps the merge.
	mustRun(t, db, "import", testdata+"curate_ucdp.csv", testdata+"ucdp_current.csv")
	if st := statsOf(t, db, "--actor", ttp); st.Events != after.Events {
		t.Errorf("after re-import %d", st.Events)
	}
	mustRun(t, db, "actors", "colour", ttp, "#cc0000")
	mustRun(t, db, "actors", "type", "TTP", "Rebel group")
	mustRun(t, db, "actors", "rename", "ISKP: Islamic State Khorasan Province", "Islamic State Khorasan")
	mustRun(t, db, "actors", "group", "Pakistani state", "Government of Pakistan", "--like", "Military Forces of Pakistan")
	l := actorList(t, db)
	a := l[ttp]
	if a.Events != after.Events || a.Color != "#cc0000" || !a.ColorSet || a.Type != "Rebel group" ||
		!slices.Equal(a.Aliases, []string{"TTP", "Tehreek-i-Taliban Pakistan"}) {
		t.Errorf("listed %+v", a)
	}
	if _, ok := l["TTP"]; ok {
		t.Error("alias listed as an actor")
	}
	if l["Islamic State Khorasan"].Events != 4 || !slices.Equal(l["Government of Pakistan"].Groups, []string{"Pakistani state"}) {
		t.Errorf("renamed %+v, group member %+v", l["Islamic State Khorasan"], l["Government of Pakistan"])
	}
	if st := statsOf(t, db, "--group", "Pakistani state"); st.Events < 3 {
		t.Errorf("group filter %d events", st.Events)
	}
	mustRun(t, db, "actors", "group", "--remove", "Pakistani state", "Government of Pakistan")
	mustRun(t, db, "actors", "split", "Tehreek-i-Taliban Pakistan")
	if st := statsOf(t, db, "--actor", ttp); st.Events != after.Events-1 {
		t.Errorf("after split %d, want %d", st.Events, after.Events-1)
	}
	text := mustRun(t, db, "actors", "list")
	if !strings.Contains(text, ttp+" [Rebel group] #cc0000 (also: TTP)") || !strings.Contains(text, "Pakistani state: Military Forces of Pakistan (2022-)") {
		t.Errorf("text list:\n%s", text)
	}
	mustRun(t, db, "actors", "group", "--delete", "Pakistani state")
	for _, args := range [][]string{
		{"actors"}, {"actors", "dance"}, {"actors", "rename", "A"}, {"actors", "merge", "A"},
		{"actors", "colour", ttp, "red"}, {"actors", "group", "G"}, {"actors", "list", "extra"},
	} {
		code, out, errs := run(t, db, args...)
		if code != ExitUsage || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d out %q err %q", args, code, out, errs)
		}
	}
	if code, _, errs := run(t, db, "actors", "rename", "Nobody", "X"); code != ExitFailed || !strings.Contains(errs, "no actor") {
		t.Errorf("rename unknown: %d %s", code, errs)
	}
}

func TestTagCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, db, "import", testdata+"curate_acled.csv")
	out := mustRun(t, db, "tag", "Bajaur wave", "--actor", "ISKP: Islamic State Khorasan Province", "--from", "2023-07-30", "--to", "2023-07-31")
	if !strings.Contains(out, "tagged 3 of 3 events") {
		t.Errorf("tag said %q", out)
	}
	mustRun(t, db, "tag", "Bajaur wave", "--id", "ACLED:PAK5005")
	if st := statsOf(t, db, "--tag", "Bajaur wave"); st.Events != 4 {
		t.Errorf("tagged %d", st.Events)
	}
	mustRun(t, db, "tag", "--remove", "Bajaur wave", "--text", "grenade")
	mustRun(t, db, "tag", "everything", "--all")
	var tags []struct {
		Tag    string
		Events int
	}
	json.Unmarshal([]byte(mustRun(t, db, "tag", "--list", "--json")), &tags)
	if len(tags) != 2 || tags[0].Tag != "Bajaur wave" || tags[0].Events != 3 || tags[1].Events != 7 {
		t.Errorf("tags %+v", tags)
	}
	if st := statsOf(t, db, "--tag", "Bajaur wave", "--tag", "everything"); st.Events != 7 {
		t.Errorf("either tag %d", st.Events)
	}
	// Export and render take --tag too.
	csvPath := filepath.Join(t.TempDir(), "t.csv")
	code, _, errs := run(t, db, "export", "--format", "csv", "--out", csvPath, "--tag", "Bajaur wave")
	if code != ExitOK || !strings.Contains(errs, "wrote 3 events") {
		t.Errorf("export --tag: %d %s", code, errs)
	}
	for _, args := range [][]string{{"tag"}, {"tag", "x"}, {"tag", "a,b", "--all"}, {"tag", "--list", "x"}} {
		code, out, errs := run(t, db, args...)
		if code != ExitUsage || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d out %q err %q", args, code, out, errs)
		}
	}
}
