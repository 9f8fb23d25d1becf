# Set-up on a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core, the accessibility checker the browser tests load into each page (npm registry).
AXE_VERSION := 4.14.1
AXE := build/node/node_modules/axe-core/axe.min.js

.PHONY: run test bench lint schemas screenshots clean

$(STAMP): pyproject.toml
	scripts/system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/erpath web --demo

$(AXE):
	npm install --no-save --no-audit --no-fund --prefix build/node axe-core@$(AXE_VERSION)

test: $(STAMP) $(AXE)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadfile  # two workers (this machine's cores), a file each

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m benchmarks.law_vectorised
	$(BIN)/python -m benchmarks.eoir_ingest
	$(BIN)/python -m benchmarks.exposure
	$(BIN)/python -m benchmarks.simulate

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

schemas: $(STAMP)
	$(BIN)/erpath schema --write

screenshots: $(STAMP)
	$(BIN)/python scripts/readme_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
