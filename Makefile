# Set-up on a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core, the accessibility checker the browser tests load into each page (npm registry).
AXE_VERSION := 4.14.1
AXE := build/node/node_modules/axe-core/axe.min.js

.PHONY: run test bench lint schemas messages clean

$(STAMP): pyproject.toml
	scripts/system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/erpath examples

$(AXE):
	npm install --no-save --no-audit --no-fund --prefix build/node axe-core@$(AXE_VERSION)

test: $(STAMP) $(AXE)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks.law_vectorised

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

schemas: $(STAMP)
	$(BIN)/erpath schema --write

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Re-extract translatable messages and merge them into the catalogs; then translate the
# new entries (tests/test_i18n.py fails while any message lacks a translation).
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _ --no-location --omit-header -o build/erpath.pot .
	$(BIN)/pybabel update -i build/erpath.pot -d src/erpath/locale -D erpath --no-fuzzy-matching --omit-header --ignore-obsolete --width 100
