# Frontier: `make run` builds and opens the app; `make test` runs what CI runs.
GO          ?= go
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
STATICCHECK_VERSION := v0.8.2
export LANG := en_US.UTF-8

.PHONY: run build deps test vet staticcheck unit race cgo-build e2e crashtest crashtest-ci bench bench-all fuzz basemap gazetteer sample clean

run: build
	./frontier

build: deps
	CGO_ENABLED=1 $(GO) build -o frontier .

deps:
	@scripts/install-deps.sh

# Everything CI checks.
test: deps vet staticcheck unit race cgo-build crashtest-ci e2e

vet:
	CGO_ENABLED=0 $(GO) vet -tags ci ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

staticcheck: $(STATICCHECK)
	CGO_ENABLED=0 $(STATICCHECK) -tags ci ./...

# Unit, widget and CLI tests, headless: -tags ci makes Fyne use its software driver.
unit:
	CGO_ENABLED=0 $(GO) test -tags ci -count=1 ./...

race:
	CGO_ENABLED=1 $(GO) test -tags ci -race -count=1 ./data/... ./mapview/... ./timeline/... ./brief/...

cgo-build:
	CGO_ENABLED=1 $(GO) build -o frontier .

# The real binary under its own Xvfb, driven with xdotool and checked by
# screenshots (internal/e2e; E2E_OUT=DIR keeps the screenshots).
e2e: cgo-build
	@scripts/install-deps.sh xvfb xdotool imagemagick libgl1-mesa-dri
	E2E_BIN=$(CURDIR)/frontier CGO_ENABLED=0 $(GO) test -tags e2e -count=1 -timeout 15m -run RealBinary -v ./internal/e2e/

# Crash safety (internal/crashtest): SIGKILL real imports and annotation
# edits at random moments, then check the store. CI runs a few kills on a
# smaller file.
CRASH_IMPORT_KILLS ?= 50
CRASH_ANNOT_KILLS ?= 20
CRASH_ROWS ?= 312345
crashtest:
	CGO_ENABLED=0 $(GO) vet -tags ci,crash ./internal/crashtest/ ./app/
	CGO_ENABLED=0 FRONTIER_CRASH_IMPORT_KILLS=$(CRASH_IMPORT_KILLS) FRONTIER_CRASH_ANNOT_KILLS=$(CRASH_ANNOT_KILLS) FRONTIER_CRASH_ROWS=$(CRASH_ROWS) \
		$(GO) test -tags crash -count=1 -v -timeout 60m ./internal/crashtest/

crashtest-ci:
	$(MAKE) crashtest CRASH_IMPORT_KILLS=6 CRASH_ANNOT_KILLS=4 CRASH_ROWS=160000

# The benchmark report: import, open, filter, histogram, render and
# playback step at 100k and 1M generated events, BENCH_COUNT rounds (the
# load before each run is recorded), summarised by cmd/benchreport into
# one Markdown table (also in bench.md; raw output in bench.out). The
# generated files and stores are made once, in a directory the packages'
# test binaries share for the run.
BENCH_COUNT ?= 5
BENCH_GO = FRONTIER_BENCH_DIR="$$dir" CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -benchmem -count 1 -timeout 30m
bench:
	@dir=$$(mktemp -d "$${TMPDIR:-/tmp}/frontier-bench.XXXXXX") && trap 'rm -rf "$$dir"' EXIT && : > bench.out && \
	for i in $$(seq $(BENCH_COUNT)); do \
		echo "round $$i of $(BENCH_COUNT)" >&2; \
		uptime >> bench.out; $(BENCH_GO) -bench '^Benchmark(Import|Open)$$' -benchtime 1x ./data/ >> bench.out 2>&1; \
		uptime >> bench.out; $(BENCH_GO) -bench '^BenchmarkFilter$$' ./data/ >> bench.out 2>&1; \
		uptime >> bench.out; $(BENCH_GO) -bench '^Benchmark(Histogram|Render)$$/./^(month|day|hover|pan)$$' ./timeline/ >> bench.out 2>&1; \
		uptime >> bench.out; $(BENCH_GO) -bench '^BenchmarkEventLayer$$' ./mapview/ >> bench.out 2>&1; \
		uptime >> bench.out; $(BENCH_GO) -bench '^Benchmark(BrushMove|PlaybackStep)$$' ./app/ >> bench.out 2>&1; \
		uptime >> bench.out; $(BENCH_GO) -bench '^BenchmarkRenderSample$$' ./cli/ >> bench.out 2>&1; \
	done; \
	$(GO) run ./cmd/benchreport < bench.out > bench.md; status=$$?; cat bench.md; exit $$status

# Every other benchmark: snapshots, the map's pan and zoom frames, basemap
# decoding, briefing renders and animations, annotations, the gazetteer,
# plain-CSV import (see README, Performance).
bench-all:
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'Snapshot|ChangeShown' -benchmem -timeout 60m ./app/ | tee bench-all.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'PanFrame|ZoomFrame|Annotation' -benchtime 40x -count 3 ./mapview/ | tee -a bench-all.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench . ./mapview/basemap/ ./mapview/paint/ ./data/gazetteer/ | tee -a bench-all.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'RenderView|AnimateGIF' -benchtime 3x -timeout 30m ./brief/ | tee -a bench-all.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'ImportGenericCSV|FindDuplicates|EventByID|LoadIndexWithAliases|GeoInverse|SortBySource' -benchmem -timeout 60m ./data/ | tee -a bench-all.out

FUZZTIME ?= 30s
fuzz:
	for f in FuzzACLEDReader FuzzUCDPReader FuzzGeoJSONReader FuzzKMLReader FuzzGenericCSV FuzzParseDay FuzzDecodeEvent FuzzParseMGRS FuzzAnnotationGeoJSON FuzzAnnotationKML FuzzParseEventForm; do \
		CGO_ENABLED=0 $(GO) test ./data/ -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; done
	for f in FuzzDecode FuzzDecodeBody; do \
		CGO_ENABLED=0 $(GO) test ./mapview/basemap/ -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; done
	CGO_ENABLED=0 $(GO) test ./data/gazetteer/ -run '^$$' -fuzz '^FuzzSearch$$' -fuzztime $(FUZZTIME) || exit 1
	for f in FuzzReadPackage FuzzParseStep; do \
		CGO_ENABLED=0 $(GO) test ./brief/ -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; done
	CGO_ENABLED=0 $(GO) test -tags ci ./app/ -run '^$$' -fuzz '^FuzzParseDay$$' -fuzztime $(FUZZTIME) || exit 1
	CGO_ENABLED=0 $(GO) test ./internal/storeshare/ -run '^$$' -fuzz '^FuzzParseRequest$$' -fuzztime $(FUZZTIME) || exit 1
	CGO_ENABLED=0 $(GO) test ./cmd/benchreport/ -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) || exit 1

# Rebuild the embedded basemap from ../shared/data (see cmd/basemap).
basemap:
	$(GO) generate ./mapview/basemap

gazetteer:
	$(GO) generate ./data/gazetteer

clean:
	rm -f frontier bench.out bench.md bench-all.out
