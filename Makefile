# Frontier: `make run` builds and opens the app; `make test` runs what CI runs.
GO          ?= go
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
STATICCHECK_VERSION := v0.8.2
export LANG := en_US.UTF-8

.PHONY: run build deps test vet staticcheck unit race cgo-build crashtest crashtest-ci bench fuzz basemap gazetteer sample clean

run: build
	./frontier

build: deps
	CGO_ENABLED=1 $(GO) build -o frontier .

deps:
	@scripts/install-deps.sh

# Everything CI checks.
test: deps vet staticcheck unit race cgo-build crashtest-ci

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

# Benchmarks at 100k and 1M generated events, and of the map (see README
# for the figures).
bench:
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'Import|Open' -benchmem -benchtime 3x -timeout 60m ./data/ | tee bench.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'Filter|Snapshot' -benchmem -timeout 60m ./data/ ./app/ | tee -a bench.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'EventLayer|PanFrame|ZoomFrame|DefaultDecode' -benchtime 40x -count 3 ./mapview/... | tee -a bench.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'RenderSample' -benchtime 10x ./cli/ | tee -a bench.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'RenderView|AnimateGIF' -benchtime 3x -timeout 30m ./brief/ | tee -a bench.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'Build1M|Render' ./timeline/ | tee -a bench.out
	CGO_ENABLED=0 $(GO) test -tags ci -run '^$$' -bench 'BrushMove|PlaybackStep' -timeout 30m ./app/ | tee -a bench.out

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

# Rebuild the embedded basemap from ../shared/data (see cmd/basemap).
basemap:
	$(GO) generate ./mapview/basemap

gazetteer:
	$(GO) generate ./data/gazetteer

clean:
	rm -f frontier bench.out
