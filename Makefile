# Explained-news: `make site` sets everything up and builds site/; `make test` runs the test suite.
SHELL := /bin/bash
.DEFAULT_GOAL := site

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Test-only JavaScript (axe-core for the browser tests), installed exactly from package-lock.json.
NODE_STAMP := node_modules/.installed
# Builds are reproducible: sitemap and archive timestamps come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH
# Material prints a banner about MkDocs 2 on every build; this project pins mkdocs<2 on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint check schema generate bench lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## site: create the virtualenv, install, build site/, audit it. The build validates the content as
## `newsgen check` does (one report, not two): errors stop it with site/ unchanged; content warnings are shown
## and do not (`make check` fails on them); `--strict` fails it on broken links and anchors.
site: $(STAMP)
	$(BIN)/mkdocs build --strict
	$(BIN)/newsgen audit site

## serve: preview with live reload on http://127.0.0.1:8000 (editing content/ rebuilds only changed pages)
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dirty

## check: validate content only, as CI does (warnings fail, and so do out-of-date editor schemas); runs
## every step, then fails if any failed
check: $(STAMP)
	@failed=0; \
	for step in "check --strict" "schema --check"; do \
		echo "$(BIN)/newsgen $$step"; $(BIN)/newsgen $$step || failed=1; \
	done; \
	exit $$failed

## schema: rewrite the editor schemas in schemas/ (after adding or removing an actor, venue or issue)
schema: $(STAMP)
	$(BIN)/newsgen schema

## generate: write the generated Markdown tree to build/generated for inspection
generate: $(STAMP)
	$(BIN)/newsgen generate --out build/generated

## test: lint and run the whole test suite (browser tests need Debian's chromium; CI installs it)
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/python -m pytest

## bench: time the generator and MkDocs on synthetic corpora (BENCH_SHAPE=flow or block); writes benchmarks/RESULTS.md (slow at 10,000)
BENCH_SIZES ?= 100,1000,5000,10000
BENCH_SHAPE ?= flow
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --sizes $(BENCH_SIZES) --shape $(BENCH_SHAPE) --out benchmarks/RESULTS.md

## lock: re-resolve requirements.lock from pyproject.toml (then review the diff)
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test \
		--strip-extras --output-file requirements.lock pyproject.toml
	rm -rf .venv-lock

clean:
	rm -rf site build .pytest_cache .ruff_cache test-artifacts
