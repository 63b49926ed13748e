package data

import (
	"context"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// Import records written before the dataset was kept still read, and new
// ones keep the source's dataset and its first row errors.
func TestImportRecordsOldAndNew(t *testing.T) {
	s := openTemp(t)
	old := `{"id":99,"file":"old.csv","format":"acled","started":"2023-01-02T03:04:05Z","status":"done","rows":3,"last_line":4,"added":2,"updated":0,"unchanged":0,"rejected":1,"errors":[{"line":3,"field":"latitude","reason":"missing"}]}`
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketImports).Put([]byte{0, 0, 0, 0, 0, 0, 0, 99}, []byte(old))
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportFile(context.Background(), filepath.Join("testdata", "generic_plain.csv"), nil); err != nil {
		t.Fatal(err)
	}
	recs, err := s.Imports()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	o := recs[1] // key 99 sorts after the new record's 1
	if o.File != "old.csv" || o.Dataset != "" || len(o.Errors) != 1 || o.Errors[0].Field != "latitude" || o.Started.Year() != 2023 {
		t.Errorf("old record %+v", o)
	}
	n := recs[0]
	if n.Dataset != "generic_plain" || n.Rejected != 1 || len(n.Errors) != 1 || n.Errors[0].Line != 5 {
		t.Errorf("new record %+v", n)
	}
}
