package data

import "testing"

func TestActorRecords(t *testing.T) {
	s := openTemp(t)
	importFile(t, s, "testdata/curate_acled.csv")
	iskp := "ISKP: Islamic State Khorasan Province"
	if err := s.MergeActors([]string{iskp}, "Islamic State Khorasan"); err != nil {
		t.Fatal(err)
	}
	red := RGB{0xd0, 0x10, 0x10}
	c, err := s.SetActorStyleChange("Islamic State Khorasan", &red, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(c); err != nil {
		t.Fatal(err)
	}
	recs, err := s.ActorRecords([]string{iskp, "Islamic State Khorasan", "Nobody"})
	if err != nil {
		t.Fatal(err)
	}
	if r := recs[iskp]; r.AliasOf != "Islamic State Khorasan" {
		t.Errorf("alias record %+v", r)
	}
	if r := recs["Islamic State Khorasan"]; !r.Known || r.Color != red || r.AliasOf != "" {
		t.Errorf("canonical record %+v", r)
	}
	if r := recs["Nobody"]; r != (ActorRecord{}) {
		t.Errorf("unknown name has record %+v", r)
	}
}
