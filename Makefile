# The book's two commands: `make book` builds it, `make test` runs every test (what CI runs).
# While working: `make check` (lint and the fast tests: no build, no browser, nothing slow; under
# 30 s), `make lint` (ruff, mypy, eslint). `make bench` runs the benchmarks. Everything is installed
# here from the lock files (uv.lock, package-lock.json; benchmarks/package-lock.json for `make bench`).
SHELL := /bin/bash
UV_VERSION := 0.13.9
# uv from PATH, else a private copy installed with pip into .tools/ (works on Debian's Python too).
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
HTML := _build/html
PORT ?= 8000
# pytest's workers: one per processor (pytest-xdist); JOBS=1 runs the tests in one process.
JOBS ?= auto
# `make bench BENCH=explorer` runs one benchmark (benchmarks/<name>.py); by default, every one.
BENCH ?= gates build explorer review_reader lighthouse

.PHONY: book serve test check lint clean setup bench

setup: $(VENV)/.synced node_modules/.installed

# Only the locked dependencies, each checked against its hash in uv.lock; the book itself is not
# built into a wheel (pyproject: package = false, so no build backend is fetched). Instead a .pth
# file puts this checkout on the environment's path, as an editable install would.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked
	$(BIN)/python -c 'import site, sys; open(site.getsitepackages()[0] + "/lstm_viz_checkout.pth", "w").write(sys.argv[1] + "\n")' "$(CURDIR)"
	@touch $@

# Pinned by hash (scripts/uv-bootstrap.txt, the same version as UV_VERSION).
.tools/bin/uv: scripts/uv-bootstrap.txt
	python3 -m venv .tools
	.tools/bin/python -m pip install --quiet --no-deps --require-hashes -r scripts/uv-bootstrap.txt
	@touch $@  # pip leaves an installed uv as it was: mark it newer than its pin

# No package runs code when installed (--ignore-scripts): vnu-jar's would download a Java runtime;
# the HTML check uses Debian's Java 17 instead.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

# Strict (-W -n --keep-going) and atomic: the site goes to $(HTML) only when the build succeeded
# (see lstm_viz/sphinx/build.py).
book: setup
	scripts/ensure-chromium
	$(BIN)/python -m lstm_viz.sphinx.build
	@echo "Open $(HTML)/index.html, or run 'make serve' and visit http://127.0.0.1:$(PORT)/"

serve: book
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(HTML) $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	node_modules/.bin/eslint .

check: lint
	$(BIN)/pytest -q -n $(JOBS) -m "not build and not browser and not slow"

# The site is built once, by `make book`, and every test reads that site (LSTM_VIZ_SITE).
test: lint book
	LSTM_VIZ_SITE=$(HTML) $(BIN)/pytest -n $(JOBS)

benchmarks/node_modules/.installed: benchmarks/package.json benchmarks/package-lock.json
	cd benchmarks && npm ci --no-audit --no-fund
	@touch $@

bench: book benchmarks/node_modules/.installed
	@for name in $(BENCH); do echo "== benchmarks/$$name.py"; $(BIN)/python benchmarks/$$name.py || exit 1; done

clean:
	rm -rf _build .tools
