#!/bin/sh
# make-schema-fixtures.sh regenerates the old-schema store fixtures that the
# migration tests open: data/testdata/schemaN.db (a store of schema version
# N, written by the real Frontier of that time) and schemaN.events.csv.gz
# (the same old Frontier's CSV export of that store: what it held).
#
# How: for each old schema N it extracts the LAST commit that still had
# schema N (git archive; no worktree, nothing in .git changes) into a
# temporary folder outside the repository, builds that commit's own
# frontier CLI (CGO_ENABLED=0 -tags ci: the headless build CI uses), and
# with it, into a new store:
#   - imports that commit's data/sample/frontier_sample.csv (124 ACLED-style
#     rows), 80 synthetic ACLED rows from its cmd/gen (-seed 8: several
#     actors, event types, dates and fatalities) and its
#     data/testdata/ucdp_current.csv (4 UCDP GED rows, 5 rejected);
#   - at schema 3 only (curation exists then): renames an actor, tags
#     the protests, adds an event by hand, edits an imported one (its notes)
#     and imports a small annotation layer, so the 3→4 step carries
#     curated data;
#   - exports the whole store as CSV with that same old binary;
# then compacts the store (bbolt Compact, then bbolt's Tx.WriteTo copy,
# which keeps only the pages in use; a small Go program run in the old
# tree, which pins the same bbolt) and copies both files here.
#
# The commits (the parent of the commit that raised the schema):
#   schema 1: 510a16a^ (510a16a introduced schema 2: annotation layers)
#   schema 2: a40de97^ (a40de97 introduced schema 3: curation)
#   schema 3: 03b11db^ (03b11db introduced schema 4: saved views)
#
# Usage: scripts/make-schema-fixtures.sh [N...]   (default: 1 2 3)
# Needs git and Go; run from anywhere inside the repository. Rerunning it
# gives equivalent stores (the same events; creation times differ).
set -eu

repo=$(git rev-parse --show-toplevel)
out="$repo/data/testdata"
tmp=$(mktemp -d /tmp/frontier-schema-fixtures.XXXXXX)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

commit_for() {
	case $1 in
	1) echo 510a16a^ ;;
	2) echo a40de97^ ;;
	3) echo 03b11db^ ;;
	*) echo "no fixture for schema $1" >&2; exit 2 ;;
	esac
}

fixture() {
	n=$1
	rev=$(git -C "$repo" rev-parse --short "$(commit_for "$n")")
	src="$tmp/v$n"
	mkdir -p "$src"
	echo "schema $n: building frontier at $rev in $src"
	git -C "$repo" archive "$rev" | tar -x -C "$src"
	if ! grep -q "^const SchemaVersion = $n\$" "$src/data/store.go"; then
		echo "commit $rev does not have schema $n" >&2
		exit 1
	fi
	(cd "$src" && CGO_ENABLED=0 go build -tags ci -o "$tmp/frontier$n" . && go run ./cmd/gen -n 80 -seed 8 -out "$tmp/gen$n.csv")
	fr="$tmp/frontier$n"
	db="$tmp/schema$n.db"
	"$fr" import --db "$db" "$src/data/sample/frontier_sample.csv" "$tmp/gen$n.csv" "$src/data/testdata/ucdp_current.csv"
	if [ "$n" -ge 3 ]; then
		"$fr" actors rename --db "$db" "Protesters (Pakistan)" "Pakistani protesters"
		"$fr" tag --db "$db" "fixture wave" --type Protests
		"$fr" events add --db "$db" --date 2026-11-02 --lat 34.2 --lon 71.5 --type Battles \
			--actor1 "Hand-entered militia" --fatalities 3 --location "Fixture Hill" --notes "entered by hand at schema 3"
		"$fr" events edit --db "$db" ACLED:PAK-S0105 --notes "edited at schema 3"
		cat >"$tmp/layer.geojson" <<'EOF'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Checkpoint","kind":"marker"},"geometry":{"type":"Point","coordinates":[70.38,32.21]}},
{"type":"Feature","properties":{"name":"Patrol route"},"geometry":{"type":"LineString","coordinates":[[70.3,32.1],[70.5,32.3],[70.7,32.2]]}}
]}
EOF
		"$fr" annotations import --db "$db" --layer "Fixture drawings" "$tmp/layer.geojson"
	fi
	"$fr" export --db "$db" --format csv --out "$tmp/schema$n.events.csv"
	mkdir -p "$src/compactfixture"
	cat >"$src/compactfixture/main.go" <<'EOF'
// Command compactfixture copies a bbolt file into a compact one (args:
// source, temporary, output): bbolt Compact into the temporary file, then
// bbolt's own consistent copy of that (Tx.WriteTo) to output, which holds
// only the pages in use.
package main

import (
	"log"
	"os"

	bolt "go.etcd.io/bbolt"
)

func main() {
	src, err := bolt.Open(os.Args[1], 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	dst, err := bolt.Open(os.Args[2], 0o600, nil)
	if err != nil {
		log.Fatal(err)
	}
	if err := bolt.Compact(dst, src, 1<<20); err != nil {
		log.Fatal(err)
	}
	if err := dst.View(func(tx *bolt.Tx) error { return tx.CopyFile(os.Args[3], 0o644) }); err != nil {
		log.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		log.Fatal(err)
	}
}
EOF
	rm -f "$tmp/schema$n.compact.db" "$tmp/schema$n.copy.db"
	(cd "$src" && go run ./compactfixture "$db" "$tmp/schema$n.compact.db" "$tmp/schema$n.copy.db")
	cp "$tmp/schema$n.copy.db" "$out/schema$n.db"
	chmod 0644 "$out/schema$n.db"
	gzip -9 -n -c "$tmp/schema$n.events.csv" >"$out/schema$n.events.csv.gz"
	echo "schema $n: wrote $out/schema$n.db ($(wc -c <"$out/schema$n.db") bytes) and schema$n.events.csv.gz"
}

if [ $# -eq 0 ]; then
	set -- 1 2 3
fi
for n in "$@"; do
	fixture "$n"
done
