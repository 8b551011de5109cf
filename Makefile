# Two commands on a fresh machine: `make run` (set up, open the app on the demo data) and
# `make test` (set up, run the whole test suite). Everything lives in .venv/ inside the repository.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast setup system-deps lint dist clean

$(STAMP): pyproject.toml setup.py curator/protect/_hmac_native.c curator/check/_tokens_native.c curator/arrow_offsets.h
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-deps:
	@sh scripts/install_system_deps.sh

setup: system-deps $(STAMP)

run: setup
	$(VENV)/bin/curator gui resources/demo/registre_cancer_demo.csv

# Two test processes (pytest-xdist), each running whole files, so that module fixtures such as the
# frozen bundle's build run once; `.venv/bin/python -m pytest` alone runs the suite in one process.
PYTEST_PARALLEL := -n 2 --dist loadfile

test: setup
	$(PY) -m pytest $(PYTEST_PARALLEL)

# The suite without the tests marked slow (the frozen bundle, the accuracy corpora, the longest key
# and secret tests...): for a quick run while working. `make test` (and CI) runs them all.
test-fast: setup
	$(PY) -m pytest $(PYTEST_PARALLEL) -m "not slow"

lint: setup
	$(VENV)/bin/ruff check curator ui tests scripts benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The standalone bundle (build_spec/README.md): PyInstaller one-folder build into dist/curator,
# frozen self-test offscreen, SHA256SUMS signed with minisign (CURATOR_RELEASE_KEY, else a throwaway key).
dist: setup
	bash build_spec/build_and_selftest.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
