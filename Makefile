# Two commands do everything on a fresh machine:
#   make demo   set up .venv, code the bundled sample corpus into dotterel.duckdb, print a summary
#   make test   set up .venv, then lint and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/dotterel ingest samples/us_gov_press_releases.jsonl --db dotterel.duckdb
	$(BIN)/dotterel summary --db dotterel.duckdb

lint: setup
	$(BIN)/ruff check src tests bench

test: setup lint
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) dotterel.duckdb .pytest_cache
